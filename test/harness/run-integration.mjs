// The integration layer: every test/integration/*.test.ts suite inside a real VS Code extension
// host (code-server) with the development build, then the packaged .vsix installed into a second,
// separate code-server. Needs `node esbuild.config.mjs --tests` first (run-all.mjs does it).
//
//   node test/harness/run-integration.mjs              development build only
//   node test/harness/run-integration.mjs --vsix FILE  also check the installed FILE
//   AAD_TEST_GREP=pattern                              run only matching tests
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installVsix, repoRoot } from './host.mjs';
import { defaultTimeoutMs, runInHost } from './runInHost.mjs';

/**
 * Every integration suite in the default (trusted) host, then the workspace-trust suite again in a
 * host started with workspace trust on (the folder opens untrusted). Returns the summed result.
 */
export async function runIntegration() {
  const root = repoRoot();
  const common = {
    folder: join(root, 'test', 'fixtures', 'workspace'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    timeoutMs: defaultTimeoutMs(),
  };
  const trusted = await runInHost({ ...common, label: 'integration' });
  // AAD_TEST_GREP narrows the run to some tests: the untrusted host only runs when trust tests match.
  const grep = process.env.AAD_TEST_GREP;
  if (grep && !/trust/i.test(grep)) return trusted;
  const untrusted = await runInHost({
    ...common,
    label: 'integration-untrusted',
    env: { AAD_WORKSPACE_TRUST: 'untrusted', AAD_TEST_SUITES: 'trust' },
    serverOptions: { workspaceTrust: true },
  });
  return {
    label: 'integration',
    passed: trusted.passed + untrusted.passed,
    failed: trusted.failed + untrusted.failed,
    pending: [...(trusted.pending ?? []), ...(untrusted.pending ?? [])],
    exitCode: trusted.exitCode || untrusted.exitCode,
    error:
      [trusted.error, untrusted.error && `untrusted host: ${untrusted.error}`].filter(Boolean).join('; ') || undefined,
  };
}

/** The multi-root suites (test/multiroot) in a workspace of two folders with an env file each. */
export async function runMultiRoot() {
  const root = repoRoot();
  return runInHost({
    label: 'multiroot',
    workspace: join(root, 'test', 'fixtures', 'multiroot', 'multiroot.code-workspace'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'multiroot', 'index.js'),
    timeoutMs: defaultTimeoutMs(),
  });
}

export async function runVsix(vsixPath) {
  const root = repoRoot();
  const scratch = mkdtempSync(join(tmpdir(), 'aad-vsix-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  try {
    const output = installVsix(resolve(vsixPath), { userDataDir, extensionsDir });
    console.log(`[vsix] ${output.trim().split('\n').pop()}`);
    return await runInHost({
      label: 'vsix',
      folder: join(root, 'test', 'fixtures', 'demo'),
      // An empty development extension: the extension under test is the installed copy.
      extensionDevelopmentPath: join(root, 'test', 'harness', 'vsix-probe'),
      extensionTestsPath: join(root, 'out', 'test', 'harness', 'vsix-probe', 'index.js'),
      timeoutMs: defaultTimeoutMs(),
      env: { AAD_VSIX_EXTENSIONS_DIR: extensionsDir },
      serverOptions: { userDataDir, extensionsDir },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`[vsix] ERROR: ${message}`);
    return { label: 'vsix', passed: 0, failed: 1, exitCode: 1, error: message };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const vsixIndex = process.argv.indexOf('--vsix');
  const results = [await runIntegration(), await runMultiRoot()];
  if (vsixIndex > 0) results.push(await runVsix(process.argv[vsixIndex + 1]));
  for (const r of results)
    console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed${r.error ? ` (${r.error})` : ''}`);
  process.exit(results.some((r) => r.failed > 0 || r.exitCode !== 0) ? 1 : 0);
}
