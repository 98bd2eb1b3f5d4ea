// Table-driven run of the fixture corpus: every file's findings must equal its expectations
// (see test/fixtures/corpus/README.md for the marker syntax).
import * as assert from 'node:assert/strict';
import { evaluateCorpus } from './corpusEval';
import { RULE_IDS } from '../../src/core/types';

describe('corpus', () => {
  const results = evaluateCorpus();

  it('holds cases', () => {
    assert.ok(results.length > 0, 'no corpus files found');
  });

  for (const r of results) {
    it(`${r.file}`, () => {
      const fmt = (xs: Array<{ line: number; rule: string }>) => xs.map((x) => `${x.line + 1}:${x.rule}`).join(', ');
      assert.equal(r.skipped, undefined, `skipped: ${r.skipped}`);
      assert.deepEqual(
        { falsePositives: fmt(r.falsePositives.map((f) => ({ line: f.range.start.line, rule: f.rule, msg: f.message }))), falseNegatives: fmt(r.falseNegatives) },
        { falsePositives: '', falseNegatives: '' },
        r.falsePositives.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`).join('\n'),
      );
    });
  }

  it('covers every rule with a positive case', () => {
    const covered = new Set(results.flatMap((r) => r.expected.map((e) => e.rule)));
    assert.deepEqual(RULE_IDS.filter((id) => !covered.has(id)), []);
  });

  it('every finding has exactly one preferred fix when it has fixes, and a docs link', () => {
    for (const r of results)
      for (const f of r.findings) {
        if (f.fixes.length) assert.equal(f.fixes.filter((x) => x.preferred).length, 1, `${r.file}: ${f.rule}`);
        assert.match(f.docsUrl, new RegExp(`/docs/rules/${f.rule}\\.md$`));
      }
  });
});
