// Engine failures are loud: a rule that throws is reported in AnalysisResult.internalErrors (rule id,
// message, first stack lines) while the other rules still report, and the CLI prints it on stderr and
// exits 3 after scanning everything. The broken rule is a real Rule pushed into the engine's own list
// for the duration of a test (and removed after it).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { analyzeDocument } from '../../src/core/analyze';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rules/rule';
import { main } from '../../src/cli';
import { makeTree, snippet } from './cliSupport';

const BAD = snippet('bad-azureopenai.py.txt');

/** missing-model's contract with a check that throws on every document. */
const missingModel = RULES.find((rule) => rule.meta.id === 'missing-model');
assert.ok(missingModel, 'missing-model is registered');
const broken: Rule = {
  ...missingModel,
  check() {
    throw new TypeError('injected failure');
  },
};

describe('internal errors', () => {
  beforeEach(() => RULES.push(broken));
  afterEach(() => {
    const at = RULES.indexOf(broken);
    if (at >= 0) RULES.splice(at, 1);
  });

  it('analyzeDocument reports the rule that threw, with message and stack, and keeps the others', () => {
    const result = analyzeDocument(BAD, 'python', { fileName: '/w/app.py' });
    assert.equal(result.internalErrors.length, 1);
    const [error] = result.internalErrors;
    assert.equal(error.rule, 'missing-model');
    assert.equal(error.message, 'injected failure');
    assert.match(error.stack, /TypeError: injected failure\n\s+at /);
    assert.ok(error.stack.split('\n').length <= 6, 'only the first stack lines');
    assert.equal(result.skipped, undefined, 'an engine failure is not a skip');
    assert.ok(result.findings.length > 0, 'the other rules still report');
  });

  it('a document without the failure has no internal errors', () => {
    RULES.splice(RULES.indexOf(broken), 1);
    assert.deepEqual(analyzeDocument(BAD, 'python', { fileName: '/w/app.py' }).internalErrors, []);
  });

  it('scan prints each on stderr, reports the findings of every file and exits 3', async () => {
    const root = makeTree({ 'a.py': BAD, 'b.py': BAD });
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(
        ['scan', '.', '--format', 'json', '--fail-on', 'never'],
        root,
        (s) => out.push(s),
        (s) => err.push(s),
      );
      assert.equal(code, 3);
      const stderr = err.join('');
      assert.match(stderr, /internal error in missing-model on a\.py: injected failure/);
      assert.match(stderr, /internal error in missing-model on b\.py: injected failure/);
      assert.match(stderr, /TypeError: injected failure/);
      const report = JSON.parse(out.join('')) as { findings: Array<{ file: string }> };
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))].sort(), ['a.py', 'b.py']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
