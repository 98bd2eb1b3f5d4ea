// Sections 3 and 4, both measured inside the real extension host (code-server, through the
// harness's runInHost) with the production build: activation, repeated over several host launches
// (activate() runs once per host), and the access check against the emulator's large tenant
// (first launch only). bench/host/index.ts is the code that runs in the host.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from './lib/stats.mjs';

// Issue 7 allowed 30 ms; issue 12 keeps activation unchanged by the new engine: at most 10 ms.
export const ACTIVATION_BUDGET_MS = 10;
export const ACCESS_BUDGET_MS = 3000;

async function buildEntry(root, outDir) {
  await esbuild.build({
    entryPoints: [join(root, 'bench', 'host', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'error',
  });
}

/** A small workspace: one Python file with an Azure AI client and a .env (both activation events). */
function makeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.env'), 'AZURE_OPENAI_ENDPOINT=https://contoso-ai.openai.azure.com/\n');
  writeFileSync(
    join(dir, 'app.py'),
    'from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://contoso-ai.openai.azure.com/", api_version="2024-10-21")\n',
  );
}

/** Runs fn with console.log sent to log (runInHost prints the suite output; stdout stays clean for --json). */
async function quietly(log, fn) {
  const original = console.log;
  console.log = (...args) => log(`  [host] ${args.join(' ')}`);
  try {
    return await fn();
  } finally {
    console.log = original;
  }
}

function summarizeAccess(access) {
  if (!access || access.error) return { error: access?.error ?? 'not measured' };
  const { samples } = access;
  const warm = samples.slice(1);
  const wall = summarize((warm.length ? warm : samples).map((s) => s.ms));
  const requests = summarize((warm.length ? warm : samples).map((s) => s.requests));
  const verdicts = [...new Set(samples.map((s) => s.verdict))];
  const returnedReport = samples.every((s) => s.verdict !== null);
  return {
    scenario: access.scenario,
    roleAssignments: access.roleAssignments,
    endpoint: access.endpoint,
    firstRunMs: Math.round(samples[0].ms),
    firstRunRequests: samples[0].requests,
    wallMs: wall,
    requests,
    byRoute: samples[samples.length - 1].byRoute,
    firstRunSteps: samples[0].stepsDoneAtMs,
    firstRunFirstUpdateMs: samples[0].firstUpdateMs,
    lastRunSteps: samples[samples.length - 1].stepsDoneAtMs,
    reportStats: samples[samples.length - 1].reportStats,
    verdicts,
    returnedReport,
    pass: returnedReport && Math.max(wall.median, samples[0].ms) < ACCESS_BUDGET_MS,
  };
}

export async function benchHost({ root, benchDir, extensionDir, quick, log, verbose, access = true, label = '' }) {
  const { ensureHost } = await import(join(root, 'test', 'harness', 'host.mjs'));
  try {
    ensureHost(); // installs Node 24 + code-server (scripts/install-test-host.sh) on a fresh machine
  } catch (e) {
    const error = `the test host (code-server) is not installed and installing it failed (${e instanceof Error ? e.message : e}): run bash scripts/install-test-host.sh`;
    return { activation: { error }, access: { error } };
  }
  const { runInHost } = await import(join(root, 'test', 'harness', 'runInHost.mjs'));
  if (
    access &&
    !existsSync(join(root, 'out', 'test', 'emulator', 'main.js')) &&
    existsSync(join(root, 'test', 'emulator', 'main.ts'))
  ) {
    log('building the test bundles (the Azure emulator is needed for the access check)');
    const built = spawnSync(process.execPath, [join(root, 'esbuild.config.mjs'), '--tests'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (built.status !== 0) log(`node esbuild.config.mjs --tests failed:\n${built.stdout}${built.stderr}`);
  }
  const outDir = join(benchDir, 'out', 'host');
  await buildEntry(root, outDir);
  const workspace = join(benchDir, 'host-workspace');
  makeWorkspace(workspace);
  const launches = quick ? 2 : 5;
  const results = [];
  let accessResult;
  for (let i = 0; i < launches; i++) {
    const resultFile = join(outDir, 'result.json');
    rmSync(resultFile, { force: true });
    const withAccess = access && i === 0;
    const run = await quietly(verbose ? log : () => {}, () =>
      runInHost({
        label: `bench-host-${label ? `${label}-` : ''}${i + 1}`,
        folder: workspace,
        extensionDevelopmentPath: extensionDir,
        extensionTestsPath: join(outDir, 'index.js'),
        timeoutMs: 300_000,
        env: withAccess ? { AAD_BENCH_ACCESS_RUNS: String(quick ? 3 : 6) } : {},
      }),
    );
    const result = existsSync(resultFile)
      ? JSON.parse(readFileSync(resultFile, 'utf8'))
      : { ok: false, error: run.error ?? 'no result file' };
    if (!result.ok) {
      const error = `launch ${i + 1}: ${result.error}`;
      return { activation: { error }, access: accessResult ?? { error } };
    }
    const a = result.activation;
    results.push(a);
    log(
      `host launch ${i + 1}${label ? ` (${label})` : ''}: activate() ${a.activationMs.toFixed(2)} ms, load extension.js median ${summarize(a.loadMs).median} ms (first copy ${a.loadMs[0].toFixed(2)} ms), engine.js loaded ${a.engineBundleLoaded}, grammars loaded [${(a.grammarsLoaded ?? []).join(', ')}]`,
    );
    if (withAccess) {
      writeFileSync(join(outDir, 'result-with-access.json'), JSON.stringify(result, null, 2));
      accessResult = summarizeAccess(result.access);
      log(
        accessResult.error
          ? `access check: ${accessResult.error}`
          : `access check: first ${accessResult.firstRunMs} ms / ${accessResult.firstRunRequests} requests, then median ${accessResult.wallMs.median} ms / ${accessResult.requests.median} requests, verdicts ${accessResult.verdicts.join(',')}`,
      );
    }
  }
  const activation = summarize(results.map((r) => r.activationMs));
  return {
    activation: {
      vscodeVersion: results[0].vscodeVersion,
      hostNodeVersion: results[0].nodeVersion,
      launches,
      activatedByEventBeforeTests: results.filter((r) => r.activeBefore).length,
      activationMs: activation,
      loadFirstMs: summarize(results.map((r) => r.loadMs[0])),
      loadMs: summarize(results.flatMap((r) => r.loadMs)),
      azureBundleLoadedAtActivation: results.some((r) => r.azureBundleLoaded),
      // null: a build without a separate dist/engine.js (the previous engine)
      engineBundleLoadedAtActivation: results.some((r) => r.engineBundleLoaded === null)
        ? null
        : results.some((r) => r.engineBundleLoaded),
      grammarsLoadedAtActivation: [...new Set(results.flatMap((r) => r.grammarsLoaded ?? []))],
      pass:
        activation.median <= ACTIVATION_BUDGET_MS &&
        !results.some((r) => r.azureBundleLoaded || r.engineBundleLoaded || r.grammarsLoaded?.length),
    },
    access: accessResult ?? { error: 'not measured' },
  };
}
