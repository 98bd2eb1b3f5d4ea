// Entry point the extension host loads as extensionTestsPath (code-server runner and
// @vscode/test-electron alike): runs every built test/integration/*.test.ts suite with mocha.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMochaFiles } from '../harness/mochaInHost';

export async function run(): Promise<void> {
  const suites = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(__dirname, name));
  await runMochaFiles(suites, 'integration');
}
