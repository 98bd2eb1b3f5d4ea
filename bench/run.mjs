// `npm run bench`: the performance budgets of issue 7, measured on data generated under .bench/.
//   node bench/run.mjs [--json] [--quick] [--only analysis,scan,host] [--verbose]
//   node bench/run.mjs --from saved.json      (re-render BENCHMARKS.md from a --json output)
// Writes BENCHMARKS.md (figures, budgets, pass/fail, machine); with --json also prints the same
// results as JSON on stdout (progress always goes to stderr). Not part of `npm test`.
import { cpus, loadavg, totalmem, type, release } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_BUDGET_BYTES, buildProduction, bundleReport } from './lib/bundles.mjs';
import { renderMarkdown, summaryRows } from './lib/markdown.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const benchDir = join(root, '.bench');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const verbose = argv.includes('--verbose');
const fromIndex = argv.indexOf('--from');
if (fromIndex >= 0) {
  // Re-render BENCHMARKS.md from a saved `--json` output (e.g. after editing bench/notes.md).
  const saved = JSON.parse(readFileSync(argv[fromIndex + 1], 'utf8'));
  const notesPath = join(root, 'bench', 'notes.md');
  writeFileSync(
    join(root, 'BENCHMARKS.md'),
    renderMarkdown(saved, existsSync(notesPath) ? readFileSync(notesPath, 'utf8') : ''),
  );
  process.stderr.write(`wrote BENCHMARKS.md from ${argv[fromIndex + 1]}\n`);
  process.exit(0);
}
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1].split(',')) : null;
const wanted = (section) => !only || only.has(section);
const log = (...args) => process.stderr.write(`${args.join(' ')}\n`);
const round2 = (n) => Math.round(n * 100) / 100;

async function section(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } catch (error) {
    log(`${name}: ERROR ${error instanceof Error ? error.stack : error}`);
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

const results = {
  mode: quick ? 'quick' : 'full',
  startedAt: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    loadStart: loadavg().map(round2),
  },
};

mkdirSync(benchDir, { recursive: true });
for (const name of existsSync(join(benchDir, 'builds')) ? readdirSync(join(benchDir, 'builds')) : []) {
  rmSync(join(benchDir, 'builds', name), { recursive: true, force: true });
}
const build = await section('production build', () => buildProduction(root, join(benchDir, 'builds')));
results.bundles = build.error ? build : { budgetBytes: EXTENSION_BUDGET_BYTES, ...bundleReport(build.metaPath) };

if (wanted('analysis')) {
  const { benchAnalysis } = await import('./analysis.mjs');
  results.analysis = await section('analysis', () => benchAnalysis({ root, benchDir, quick, log }));
}
if (wanted('scan')) {
  const { benchScan } = await import('./scan.mjs');
  results.scan = build.error
    ? { error: 'no production build' }
    : await section('scan', () => benchScan({ root, benchDir, cli: join(build.dir, 'dist', 'cli.js'), quick, log }));
}
if (wanted('host')) {
  const { benchHost } = await import('./activation.mjs');
  const host = build.error
    ? { activation: build, access: build }
    : await section('extension host', () =>
        benchHost({ root, benchDir, extensionDir: build.dir, quick, log, verbose }),
      );
  results.activation = host.activation ?? host;
  results.access = host.access ?? host;
}

results.machine.loadEnd = loadavg().map(round2);
results.finishedAt = new Date().toISOString();
results.summary = summaryRows(results);
const notesFile = join(root, 'bench', 'notes.md');
writeFileSync(
  join(root, 'BENCHMARKS.md'),
  renderMarkdown(results, existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : ''),
);
log(`wrote BENCHMARKS.md (${results.summary.filter((r) => r.pass === false).length} budget(s) missed)`);
for (const row of results.summary)
  log(
    `  ${row.pass === null ? '    ' : row.pass ? 'PASS' : 'FAIL'}  ${row.measure}: ${row.figure} (budget ${row.budget})`,
  );
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
// An engine internal error (a rule that threw) makes the figures meaningless: the bench fails.
const engineErrors =
  (results.analysis?.rows ?? []).reduce((n, row) => n + (row.internalErrors ?? 0), 0) +
  (results.scan?.rows ?? []).filter((row) => (row.cli?.exitCodes ?? row.exitCodes ?? []).includes(3)).length;
if (engineErrors > 0) {
  log(`FAILED: ${engineErrors} internal error(s) in the engine (see INTERNAL ERROR lines / CLI exit code 3)`);
  process.exitCode = 3;
}
