// `npm run bench`: the performance budgets of issues 7 and 12, measured on data generated under
// .bench/, for the current engine and the previous one (built from git, cached under
// .bench/previous-engine/) in the same run.
//   node bench/run.mjs [--json] [--quick] [--only analysis,scan,host] [--verbose]
//   node bench/run.mjs --from saved.json      (re-render BENCHMARKS.md from a --json output)
// Writes BENCHMARKS.md (figures, budgets, pass/fail, machine); with --json also prints the same
// results as JSON on stdout (progress always goes to stderr). Not part of `npm test`.
import { cpus, loadavg, totalmem, type, release } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_BUDGET_BYTES, buildProduction, bundleReport } from './lib/bundles.mjs';
import { loadSampler } from './lib/load.mjs';
import { buildPreviousEngine } from './lib/previousEngine.mjs';
import { VSIX_BUDGET_BYTES, packageVsix } from './lib/vsix.mjs';
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

const load = loadSampler();

async function section(name, fn) {
  const started = Date.now();
  load.sample();
  try {
    return await fn();
  } catch (error) {
    log(`${name}: ERROR ${error instanceof Error ? error.stack : error}`);
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    load.sample();
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
const previous = await section('previous engine build', () =>
  buildPreviousEngine({ root, cacheDir: join(benchDir, 'previous-engine'), log }),
);
results.previousEngine = previous.error ? previous : { commit: previous.commit, cachedBuild: previous.cached };
results.previousBundles = previous.error ? previous : bundleReport(previous.metaPath);
results.vsix = await section('vsix', () => ({
  budgetBytes: VSIX_BUDGET_BYTES,
  current: build.error ? build : packageVsix(root, build.dir, benchDir),
  previous: previous.error ? previous : packageVsix(root, previous.dir, benchDir),
}));

if (wanted('analysis')) {
  const { benchAnalysis } = await import('./analysis.mjs');
  results.analysis =
    build.error || previous.error
      ? { error: build.error ? 'no production build' : 'no build of the previous engine' }
      : await section('analysis', () =>
          benchAnalysis({
            enginePath: join(build.dir, 'dist', 'engine.js'),
            previousAnalyzePath: previous.analyzePath,
            quick,
            log,
          }),
        );
}
if (wanted('scan')) {
  const { benchScan } = await import('./scan.mjs');
  results.scan =
    build.error || previous.error
      ? { error: build.error ? 'no production build' : 'no build of the previous engine' }
      : await section('scan', () =>
          benchScan({
            root,
            benchDir,
            cli: join(build.dir, 'dist', 'cli.js'),
            previousCli: previous.cliPath,
            quick,
            log,
          }),
        );
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
  // The previous engine's extension, for its activation figures only (no second access check).
  const previousHost = previous.error
    ? { activation: previous }
    : await section('extension host (previous engine)', () =>
        benchHost({
          root,
          benchDir,
          extensionDir: previous.dir,
          quick,
          log,
          verbose,
          access: false,
          label: 'previous',
        }),
      );
  results.previousActivation = previousHost.activation ?? previousHost;
}

results.machine.loadEnd = loadavg().map(round2);
results.machine.loadDuring = load.stop();
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
