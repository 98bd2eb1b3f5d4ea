// `npm start`: the demo. Builds the extension, installs the test host when missing (Node 24 +
// code-server + chromium; scripts/install-test-host.sh), starts the Azure emulator when it is built,
// then serves VS Code (code-server) with the extension loaded on test/fixtures/demo and prints
// the URL to open. Runs until Ctrl-C, which kills code-server's whole process group.
//
//   AAD_DEMO_PORT=8080 (default; a free port when taken)   AAD_DEMO_HOST=127.0.0.1 (0.0.0.0 to share)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureHost, freePort, repoRoot, startCodeServer, startEmulator, workbenchUrl } from '../test/harness/host.mjs';
import { createServer } from 'node:net';

const root = repoRoot();
process.chdir(root);

function step(title, command, args) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
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

// --tests also builds the Azure emulator (test/emulator) when it exists.
step('build (node esbuild.config.mjs --tests)', process.execPath, ['esbuild.config.mjs', '--tests']);
console.log('\n> test host');
ensureHost();

const emulator = await startEmulator({ echo: false });
const env = {};
const settings = {};
if (emulator) {
  env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
  settings['azureAiAuthDoctor.access.armEndpoint'] = emulator.url;
  console.log(`Azure emulator: ${emulator.url}`);
}

const host = process.env.AAD_DEMO_HOST || '127.0.0.1';
const wanted = Number(process.env.AAD_DEMO_PORT || 8080);
const port = (await portIsFree(wanted, host)) ? wanted : await freePort();
const server = await startCodeServer({ env, settings, host, port });
const url = workbenchUrl(server, { folder: join(root, 'test', 'fixtures', 'demo'), extensionDevelopmentPath: root });

console.log(`
Azure AI Auth Doctor demo: VS Code (code-server) with the extension loaded on test/fixtures/demo.

  Open: ${url}

  Try: open app.py (squiggle on the AzureOpenAI endpoint), the "Azure AI Auth Doctor" view in the
  activity bar, and the command palette (F1): "Azure AI Auth: Check Entra ID access".
  The extension is loaded from this checkout through the URL above (the plain ${server.url}/
  opens VS Code without it). Rebuild with \`npm run build\`, then reload the page.

Press Ctrl-C to stop.`);

const code = await server.exited;
console.error(`code-server exited (code ${code}). Its output:\n${server.output.join('')}`);
await emulator?.stop();
process.exit(1);
