// Entry point the extension host loads as extensionTestsPath (code-server runner and
// @vscode/test-electron alike): runs every built test/integration/*.test.ts suite with mocha, or
// only those named in AAD_TEST_SUITES (comma-separated base names, e.g. `trust`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMochaFiles } from '../harness/mochaInHost';

/**
 * Suites that assert the host as activation left it (no dist/azure.js loaded yet) run before every
 * suite that runs an access check (account, access, multi-root...), whatever their names sort to;
 * access.test.ts keeps its own lazy-loading check first and moves its check suite to the end.
 */
const FIRST = ['foundation.test.js', 'access.test.js'];
const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

export async function run(): Promise<void> {
  const only = process.env.AAD_TEST_SUITES?.split(',').map((name) => `${name.trim()}.test.js`);
  const suites = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js') && (!only || only.includes(name)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => join(__dirname, name));
  if (only && suites.length !== only.length)
    throw new Error(`AAD_TEST_SUITES names missing suites: ${only.join(', ')}`);
  await runMochaFiles(suites, 'integration');
}
