// Table-driven run of the fixture corpus: every file's findings must equal its expectations
// (see test/fixtures/corpus/README.md for the marker syntax).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeDocument } from '../../src/core/analyze';
import {
  type CaseResult,
  ensureAllParsers,
  evaluateCorpus,
  listCorpus,
  fixedFileOf,
  fixedText,
  goldenFindings,
  readGoldenFindings,
  readGoldenFixed,
  updatingGoldens,
  writeGoldens,
} from './corpusEval';
import { applyTextEdits } from '../../src/core/fixes';
import { RULE_IDS } from '../../src/core/types';
import { RULES } from '../../src/core/rules';
import { renderMessage } from '../../src/core/messages';

describe('corpus', () => {
  // The grammars load asynchronously: the cases are listed now (one test each) and evaluated in `before`.
  const files = listCorpus();
  let results: CaseResult[] = [];
  before(async () => {
    await ensureAllParsers();
    results = evaluateCorpus();
  });

  it('holds cases', () => {
    assert.ok(files.length > 0 && results.length === files.length, 'no corpus files found');
  });

  for (const file of files) {
    it(`${file}`, () => {
      const r = results.find((x) => x.file === file);
      assert.ok(r, `${file} was not evaluated`);
      const fmt = (xs: Array<{ line: number; rule: string }>) => xs.map((x) => `${x.line + 1}:${x.rule}`).join(', ');
      assert.equal(r.skipped, undefined, `skipped: ${r.skipped}`);
      assert.deepEqual(r.internalErrors, [], 'internal errors');
      assert.deepEqual(
        {
          falsePositives: fmt(
            r.falsePositives.map((f) => ({ line: f.range.start.line, rule: f.rule, msg: f.message })),
          ),
          falseNegatives: fmt(r.falseNegatives),
        },
        { falsePositives: '', falseNegatives: '' },
        r.falsePositives.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`).join('\n'),
      );
      if (updatingGoldens()) writeGoldens(r);
      // full range and messageId of every finding
      assert.deepEqual(
        goldenFindings(r.findings),
        readGoldenFindings(r) ?? [],
        `${r.file}: findings differ from ${r.file}.expect.json (AAD_UPDATE_CORPUS=1 rewrites it; review the diff)`,
      );
      // the fixed text, as the product's applyTextEdits produces it
      const fixed = fixedText(r);
      assert.ok(fixed !== undefined, `${r.file}: the preferred fixes do not apply together`);
      assert.equal(
        fixed,
        readGoldenFixed(r),
        `${r.file}: fixed text differs from ${fixedFileOf(r.file)} (AAD_UPDATE_CORPUS=1 rewrites it)`,
      );
    });
  }

  it('covers every rule with a positive case', () => {
    const covered = new Set(results.flatMap((r) => r.expected.map((e) => e.rule)));
    assert.deepEqual(
      RULE_IDS.filter((id) => !covered.has(id)),
      [],
    );
  });

  it('preferred fixes that edit only the analysed file make their finding go away', () => {
    let applied = 0;
    const failures: string[] = [];
    for (const r of results) {
      for (const f of r.findings) {
        const preferred = f.fixes.find((x) => x.preferred);
        if (!preferred || preferred.edits.some((e) => e.file !== f.file)) continue;
        const text = readFileSync(f.file, 'utf8');
        const fixed = applyTextEdits(text, preferred.edits);
        assert.ok(fixed !== undefined, `${r.file}: ${f.rule} fix does not apply`);
        const again = analyzeDocument(fixed, r.languageId, { fileName: f.file }).findings;
        applied++;
        const lineShift = fixed.split('\n').length - text.split('\n').length;
        if (
          again.some(
            (g) =>
              g.rule === f.rule &&
              (g.range.start.line === f.range.start.line || g.range.start.line === f.range.start.line + lineShift) &&
              g.message === f.message,
          )
        )
          failures.push(`${r.file}:${f.range.start.line + 1} ${f.rule} (${preferred.title})`);
      }
    }
    assert.ok(applied > 20, `only ${applied} fixes applied`);
    assert.deepEqual(failures, []);
  });

  it('every message is its rule meta message rendered with the finding data, and data holds no key', () => {
    const metaOf = new Map(RULES.map((r) => [r.meta.id, r.meta]));
    let n = 0;
    for (const r of results)
      for (const f of r.findings) {
        n++;
        assert.equal(f.message, renderMessage(metaOf.get(f.rule)!, f.messageId, f.data), `${r.file}: ${f.rule}`);
        for (const v of Object.values(f.data))
          assert.ok(!/\b[0-9a-fA-F]{32}\b|\beyJ[\w-]{10,}/.test(String(v)), `${r.file}: ${f.rule} data holds a secret`);
      }
    assert.ok(n > 50, `only ${n} findings`);
  });

  it('every finding has exactly one preferred fix when it has fixes, and a docs link', () => {
    for (const r of results)
      for (const f of r.findings) {
        if (f.fixes.length) assert.equal(f.fixes.filter((x) => x.preferred).length, 1, `${r.file}: ${f.rule}`);
        assert.match(f.docsUrl, new RegExp(`/docs/rules/${f.rule}\\.md$`));
      }
  });
});
