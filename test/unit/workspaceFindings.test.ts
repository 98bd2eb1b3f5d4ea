// core/workspaceFindings.ts: a config-file finding goes only when a finding of the same rule in another
// file points at its line (related location or fix edit).
import * as assert from 'node:assert/strict';
import { dedupeWorkspaceFindings } from '../../src/core/workspaceFindings';
import type { Finding, Range } from '../../src/core/types';

const at = (line: number): Range => ({ start: { line, character: 22 }, end: { line, character: 60 } });
const finding = (rule: Finding['rule'], file: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity: 'error',
  messageId: 'm',
  data: {},
  message: `${rule}@${file}:${line}`,
  file,
  range: at(line),
  related: [],
  fixes: [],
  docsUrl: '',
  ...extra,
});
const names = (fs: Finding[]) => fs.map((f) => f.message);

describe('workspace de-duplication', () => {
  const env = finding('openai-class-endpoint', '/w/.env', 1);

  it('drops the config finding whose line a code finding of the same rule names as related location', () => {
    const code = finding('openai-class-endpoint', '/w/app.py', 6, {
      related: [{ file: '/w/.env', range: at(1), message: 'endpoint set here' }],
    });
    assert.deepEqual(names(dedupeWorkspaceFindings([env, code])), ['openai-class-endpoint@/w/app.py:6']);
  });

  it('drops it when only a fix edit of the code finding targets that line', () => {
    const code = finding('openai-class-endpoint', '/w/app.py', 6, {
      fixes: [{ title: 'Use x', preferred: true, edits: [{ file: '/w/.env', range: at(1), newText: 'x' }] }],
    });
    assert.deepEqual(names(dedupeWorkspaceFindings([code, env])), ['openai-class-endpoint@/w/app.py:6']);
  });

  it('keeps it for another rule, another line, or when no code points at it', () => {
    const otherRule = finding('token-scope', '/w/app.py', 6, {
      related: [{ file: '/w/.env', range: at(1), message: '' }],
    });
    const otherLine = finding('openai-class-endpoint', '/w/app.py', 6, {
      related: [{ file: '/w/.env', range: at(2), message: '' }],
    });
    assert.equal(dedupeWorkspaceFindings([env, otherRule]).length, 2);
    assert.equal(dedupeWorkspaceFindings([env, otherLine]).length, 2);
    assert.equal(dedupeWorkspaceFindings([env]).length, 1);
  });

  it('never drops a code finding', () => {
    const a = finding('openai-class-endpoint', '/w/a.py', 1);
    const b = finding('openai-class-endpoint', '/w/b.py', 2, {
      related: [{ file: '/w/a.py', range: at(1), message: '' }],
    });
    assert.equal(dedupeWorkspaceFindings([a, b]).length, 2);
  });
});
