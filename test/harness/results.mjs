// One reading of a suite run's result for every layer: the `AAD_TEST_RESULT` line and the
// `AAD_TEST_PENDING` titles that mochaNode.mjs (unit, ui) and mochaInHost.ts (integration, vsix)
// print. A pending (skipped) test is a failure unless test/harness/allowed-pending.json names it
// with a reason: a suite that skips itself (no CLI, no emulator) must not look green.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const RESULT_LINE = /AAD_TEST_RESULT passed=(\d+) failed=(\d+)(?: pending=(\d+))?/;
const PENDING_LINE = /AAD_TEST_PENDING (.+)$/;

/** { passed, failed, pending: string[] } from a run's output; a crash without a result line is one failure. */
export function readResult(output, exitCode) {
  const lines = stripVTControlCharacters(output).split('\n');
  const result = lines.map((line) => line.match(RESULT_LINE)).findLast(Boolean);
  const pending = lines.map((line) => line.match(PENDING_LINE)?.[1].trim()).filter(Boolean);
  if (!result) return { passed: 0, failed: 1, pending, error: 'the suite exited without a result line' };
  const passed = Number(result[1]);
  let failed = Number(result[2]);
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed, pending };
}

/** The allowlist: [{ layer, test, reason }]; throws when the file is malformed or an entry has no reason. */
export function allowedPending(root) {
  const file = join(root, 'test', 'harness', 'allowed-pending.json');
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${file}: expected an array`);
  for (const entry of entries) {
    const ok =
      entry &&
      typeof entry.layer === 'string' &&
      typeof entry.test === 'string' &&
      typeof entry.reason === 'string' &&
      entry.reason.trim().length > 0;
    if (!ok) throw new Error(`${file}: every entry needs layer, test and a reason: ${JSON.stringify(entry)}`);
  }
  return entries;
}

/**
 * Splits a layer's pending tests into allowed (named in the allowlist for this layer) and
 * unexpected (each counts as a failure).
 */
export function judgePending(layer, pending, allowlist) {
  const allowed = [];
  const unexpected = [];
  for (const title of pending) {
    const entry = allowlist.find((e) => e.layer === layer && e.test === title);
    if (entry) allowed.push(`${title} (${entry.reason})`);
    else unexpected.push(title);
  }
  return { allowed, unexpected };
}
