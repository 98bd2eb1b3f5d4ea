// `npm test`: every layer in order: type-check, lint (eslint), format (prettier --check), build
// (with tests), unit (mocha, no VS Code),
// integration (real VS Code extension host in code-server), the packaged .vsix installed into a
// separate code-server, and UI (chromium driving code-server). Prints one summary line per layer
// and, last, exactly `N passed, N failed` (tests of all layers; a failed type-check, build or
// package step counts as one failure). Exits non-zero on any failure.
//
//   AAD_TEST_LAYERS=unit,integration npm test    run only some layers (typecheck,build always run
//                                                unless listed otherwise: typecheck,lint,format,
//                                                build,unit,integration,vsix,ui)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureHost, repoRoot } from './host.mjs';
import { runIntegration, runMultiRoot, runVsix } from './run-integration.mjs';

const root = repoRoot();
process.chdir(root);
const ALL = ['typecheck', 'lint', 'format', 'build', 'unit', 'integration', 'vsix', 'ui'];
const wanted = new Set((process.env.AAD_TEST_LAYERS || ALL.join(',')).split(',').map((s) => s.trim()));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const VSIX = join(root, 'dist-vsix', 'azure-ai-auth-doctor.vsix');

/** Runs a command, echoing its output, and resolves with { code, output }. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...(options.env || {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
  });
}

/** Counts from mocha's own summary ("N passing", "N failing"). */
function mochaCounts({ code, output }) {
  const plain = stripVTControlCharacters(output);
  const passed = Number(plain.match(/(\d+) passing/)?.[1] ?? 0);
  let failed = Number(plain.match(/(\d+) failing/)?.[1] ?? 0);
  if (code !== 0 && failed === 0) failed = 1; // crashed before its summary
  return { passed, failed };
}

function builtSuites(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join(dir, f));
}

const summary = [];
function record(layer, passed, failed, note = '') {
  summary.push({ layer, passed, failed, note });
  console.log(`\n=== ${layer}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`);
}

const started = Date.now();
let buildOk = true;

/** One first-stage step: a command whose exit code is its verdict (a failure counts as one). */
async function step(layer, label, command, args) {
  console.log(`=== ${layer}: ${label}`);
  const { code } = await run(command, args);
  summary.push({ layer, step: true, ok: code === 0 });
  console.log(`\n=== ${layer}: ${code === 0 ? 'ok' : 'FAILED'}\n`);
  return code === 0;
}

if (wanted.has('typecheck')) await step('typecheck', 'tsc --noEmit -p .', bin('tsc'), ['--noEmit', '-p', '.']);
if (wanted.has('lint')) await step('lint', 'eslint .', bin('eslint'), ['.']);
if (wanted.has('format')) await step('format', 'prettier --check .', bin('prettier'), ['--check', '.']);
if (wanted.has('build')) {
  buildOk = await step('build', 'node esbuild.config.mjs --tests', process.execPath, ['esbuild.config.mjs', '--tests']);
}

if (wanted.has('unit')) {
  const suites = builtSuites('out/test/unit');
  if (suites.length === 0) record('unit', 0, buildOk ? 0 : 1, 'no suites built');
  else {
    const result = await run(bin('mocha'), ['--reporter', 'dot', '--timeout', '20000', ...suites]);
    const { passed, failed } = mochaCounts(result);
    record('unit', passed, failed);
  }
}

const needsHost = ['integration', 'vsix', 'ui'].some((layer) => wanted.has(layer));
let hostReady = true;
if (needsHost) {
  try {
    ensureHost();
  } catch (error) {
    hostReady = false;
    console.log(`the test host is unavailable: ${error.message}`);
  }
}

if (wanted.has('integration')) {
  if (!hostReady) record('integration', 0, 1, 'no test host');
  else {
    const result = await runIntegration();
    record('integration', result.passed, result.failed, result.error);
    const multiRoot = await runMultiRoot();
    record('integration (multi-root)', multiRoot.passed, multiRoot.failed, multiRoot.error);
  }
}

if (wanted.has('vsix')) {
  console.log('=== package: npm run package');
  const packaged = await run('npm', ['run', 'package']);
  summary.push({ layer: 'package', step: true, ok: packaged.code === 0 && existsSync(VSIX) });
  if (packaged.code !== 0 || !existsSync(VSIX)) record('vsix', 0, 1, 'npm run package failed');
  else if (!hostReady) record('vsix', 0, 1, 'no test host');
  else {
    const result = await runVsix(VSIX);
    record('vsix', result.passed, result.failed, result.error);
  }
}

if (wanted.has('ui')) {
  const suites = builtSuites('out/test/ui');
  if (suites.length === 0) record('ui', 0, 0, 'no suites built');
  else if (!hostReady) record('ui', 0, 1, 'no test host');
  else {
    const result = await run(bin('mocha'), ['--reporter', 'spec', '--timeout', '180000', ...suites]);
    const { passed, failed } = mochaCounts(result);
    record('ui', passed, failed);
  }
}

console.log(`\n===== summary (${Math.round((Date.now() - started) / 1000)} s)`);
let passed = 0;
let failed = 0;
for (const entry of summary) {
  if (entry.step) {
    console.log(`${entry.layer}: ${entry.ok ? 'ok' : 'FAILED'}`);
    if (!entry.ok) failed += 1;
  } else {
    console.log(
      `${entry.layer}: ${entry.passed} passed, ${entry.failed} failed${entry.note ? ` (${entry.note})` : ''}`,
    );
    passed += entry.passed;
    failed += entry.failed;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
