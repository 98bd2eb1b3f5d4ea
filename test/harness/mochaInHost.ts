// Runs mocha suite files inside the extension host and reports the counts as one line
// (`AAD_TEST_RESULT passed=N failed=N pending=N`, after one `AAD_TEST_PENDING <full title>` per
// pending test) that the runners parse from the host's console output (results.mjs).
// mocha stays external (resolved from the repo's node_modules) so it is loaded as published.
import Mocha from 'mocha';

export async function runMochaFiles(files: string[], label: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.AAD_TEST_CASE_TIMEOUT_MS || 60_000),
    grep: process.env.AAD_TEST_GREP || undefined,
  });
  for (const file of files) mocha.addFile(file);
  console.log(`AAD_TEST_BEGIN ${label}: ${files.length} suite file(s)`);
  const pending: string[] = [];
  const failures = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    runner.on('pending', (test) => pending.push(test.fullTitle()));
  });
  for (const title of pending) console.log(`AAD_TEST_PENDING ${title}`);
  console.log(
    `AAD_TEST_RESULT passed=${failures.passed} failed=${failures.failed} pending=${pending.length} (${label})`,
  );
  if (failures.failed > 0) throw new Error(`${failures.failed} ${label} test(s) failed`);
}
