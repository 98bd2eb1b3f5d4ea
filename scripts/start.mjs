// `npm start`: the demo. Builds and packages the extension, installs the test host when missing
// (Node 24 + code-server + chromium; scripts/install-test-host.sh), starts the Azure emulator, and
// serves VS Code (code-server) on a TEMPORARY COPY of test/fixtures/demo (quick fixes never touch
// the repository) with the extension installed from its .vsix. No smoke-test flag: notifications
// (the check's verdict, the propagation countdown) show as they do for a user. "The account signed
// in to VS Code" signs in through a test-only authentication provider backed by the emulator
// (test/harness/emulator-auth), which registers at start-up, before the built-in Microsoft sign-in
// (activated only on a request) could: VS Code keeps the first provider of an id. Ctrl-C stops
// code-server's process group and removes the copy and every scratch folder.
//
//   AAD_DEMO_PORT=8080 (default; a free port when taken)   AAD_DEMO_HOST=127.0.0.1 (0.0.0.0 to share)
//   AAD_DEMO_DEV=1  load the extension from this checkout (development payload) instead of the .vsix
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import {
  ensureHost,
  freePort,
  installVsix,
  repoRoot,
  startCodeServer,
  startEmulator,
  workbenchUrl,
} from '../test/harness/host.mjs';

const root = repoRoot();
process.chdir(root);
const dev = process.env.AAD_DEMO_DEV === '1';

/** Every folder this run creates; removed on any exit (Ctrl-C included: host.mjs exits the process). */
const scratch = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

function step(title, command, args, cwd = root) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd });
  if (result.status !== 0) {
    console.error(`${title} failed`);
    process.exit(result.status ?? 1);
  }
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Packages the test-only sign-in extension (bundle + manifest) as a .vsix in a scratch folder. */
function packageEmulatorAuth() {
  const stage = tempDir('aad-demo-auth-');
  copyFileSync(join(root, 'test', 'harness', 'emulator-auth', 'package.json'), join(stage, 'package.json'));
  copyFileSync(join(root, 'out', 'test', 'harness', 'emulator-auth', 'extension.js'), join(stage, 'extension.js'));
  writeFileSync(join(stage, 'LICENSE'), readFileSync(join(root, 'LICENSE')));
  writeFileSync(join(stage, 'README.md'), '# Azure emulator sign-in\n\nDemo and tests only.\n');
  const vsix = join(stage, 'emulator-auth.vsix');
  step(
    'package the demo sign-in extension',
    process.execPath,
    [
      join(root, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--out',
      vsix,
    ],
    stage,
  );
  return vsix;
}

// --tests also builds the Azure emulator and the demo sign-in extension.
step('build (node esbuild.config.mjs --tests)', process.execPath, ['esbuild.config.mjs', '--tests']);
if (!dev) step('package the extension (npm run package)', 'npm', ['run', 'package']);
console.log('\n> test host');
ensureHost();

const workspace = tempDir('aad-demo-workspace-');
cpSync(join(root, 'test', 'fixtures', 'demo'), workspace, { recursive: true });

const emulator = await startEmulator({ echo: false });
const env = {};
const settings = {};
if (emulator) {
  env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
  settings['azureAiAuthDoctor.access.armEndpoint'] = emulator.url;
  console.log(`Azure emulator: ${emulator.url}`);
}

const serverDirs = tempDir('aad-demo-server-');
const userDataDir = join(serverDirs, 'user-data');
const extensionsDir = join(serverDirs, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
if (emulator) installVsix(packageEmulatorAuth(), { userDataDir, extensionsDir });
if (!dev) installVsix(join(root, 'dist-vsix', 'azure-ai-auth-doctor.vsix'), { userDataDir, extensionsDir });

const host = process.env.AAD_DEMO_HOST || '127.0.0.1';
const wanted = Number(process.env.AAD_DEMO_PORT || 8080);
const port = (await portIsFree(wanted, host)) ? wanted : await freePort();
const server = await startCodeServer({
  env,
  settings,
  host,
  port,
  userDataDir,
  extensionsDir,
  smokeTestDriver: dev,
});
scratch.push(server.scratch);
const url = dev
  ? workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: root })
  : `${server.url}/?folder=${encodeURIComponent(workspace)}`;

console.log(`
Azure AI Auth Doctor demo: VS Code (code-server) with the extension ${dev ? 'loaded from this checkout' : 'installed from dist-vsix/azure-ai-auth-doctor.vsix'}
on a temporary copy of test/fixtures/demo (${workspace}).

  Open: ${url}

  Try: open app.py (squiggle on the AzureOpenAI endpoint), the "Azure AI Auth Doctor" view in the
  activity bar, and the command palette (F1): "Azure AI Auth: Check Entra ID access". Both
  identities work offline: "What DefaultAzureCredential picks" (a stand-in az CLI) and "The account
  signed in to VS Code" (the emulator's sign-in; allow it once when VS Code asks).
  The walkthrough: F1 > "Welcome: Open Walkthrough…" > "Check Entra ID access to Azure AI".

Press Ctrl-C to stop (the workspace copy and the scratch folders are removed).`);

const code = await server.exited;
console.error(`code-server exited (code ${code}). Its output:\n${server.output.join('')}`);
await emulator?.stop();
process.exit(1);
