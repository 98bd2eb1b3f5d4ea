// `npm run test:desktop`: the same integration suites (out/test/integration/index.js) in desktop
// VS Code through @vscode/test-electron, for machines that can download VS Code. (These build
// machines cannot: use `npm test`, which runs them in code-server.) Starts the Azure emulator first
// when it is built, like the code-server runner.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, startEmulator } from './host.mjs';

const root = repoRoot();
const emulator = await startEmulator();
const extensionTestsEnv = {};
if (emulator) extensionTestsEnv.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv,
    launchArgs: [
      join(root, 'test', 'fixtures', 'workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
    ],
  });
} catch (error) {
  console.error(`desktop integration run failed: ${error instanceof Error ? error.message : error}`);
} finally {
  await emulator?.stop();
}
process.exit(code);
