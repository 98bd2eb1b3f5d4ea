// extensionTestsPath for the .vsix check: runs installed.test.js inside the extension host
// whose extensions dir holds the packaged extension (see test/harness/run-integration.mjs).
import { join } from 'node:path';
import { runMochaFiles } from '../mochaInHost';

export async function run(): Promise<void> {
  await runMochaFiles([join(__dirname, 'installed.test.js')], 'vsix');
}
