// Bench-only extensionTestsPath (bench/activation.mjs builds it to .bench/out/host/index.js and
// runs it through the harness's runInHost): activation figures always, the access check when
// AAD_BENCH_ACCESS_RUNS is set. Results go to result.json next to the bundle.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureActivation } from './activation';
import { measureAccessCheck } from './access';

export async function run(): Promise<void> {
  const resultFile = join(__dirname, 'result.json');
  const result: Record<string, unknown> = { ok: true };
  try {
    result.activation = await measureActivation();
    const accessRuns = Number(process.env.AAD_BENCH_ACCESS_RUNS || 0);
    if (accessRuns > 0) {
      try {
        result.access = await measureAccessCheck(accessRuns);
      } catch (error) {
        result.access = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    writeFileSync(resultFile, JSON.stringify(result));
    console.log('AAD_TEST_RESULT passed=1 failed=0 (bench)');
  } catch (error) {
    writeFileSync(
      resultFile,
      JSON.stringify({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    console.log('AAD_TEST_RESULT passed=0 failed=1 (bench)');
    throw error;
  }
}
