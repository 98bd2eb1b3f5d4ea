// extensionTestsPath of the multi-root run: every built test/multiroot/*.test.ts suite.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMochaFiles } from '../harness/mochaInHost';

export async function run(): Promise<void> {
  const suites = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(__dirname, name));
  await runMochaFiles(suites, 'multiroot');
}
