// applyTextEdits and the fix selection the CLI's --fix uses: simultaneous edits on the original
// text, refusal (undefined) for stale, out-of-bounds or overlapping ranges, CRLF-aware columns.
import * as assert from 'node:assert/strict';
import { applyTextEdits, editsByFile } from '../../src/core/fixes';
import { compatiblePreferredFixes } from '../../src/core/policy';
import type { Finding, TextEdit } from '../../src/core/types';

const edit = (sl: number, sc: number, el: number, ec: number, newText: string, file = 'f'): TextEdit => ({
  file,
  range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
  newText,
});

describe('applyTextEdits', () => {
  const text = 'client = AzureOpenAI(\n  azure_endpoint="https://x.services.ai.azure.com/models",\n)\n';

  it('returns the text unchanged for no edits', () => assert.equal(applyTextEdits(text, []), text));

  it('replaces a range and keeps the rest', () => {
    const out = applyTextEdits(text, [edit(1, 18, 1, 56, 'https://x.openai.azure.com')]);
    assert.equal(out, 'client = AzureOpenAI(\n  azure_endpoint="https://x.openai.azure.com",\n)\n');
  });

  it('applies several edits against the original positions, in any order given', () => {
    const edits = [edit(2, 0, 2, 0, '  api_version="2024-10-21",\n'), edit(0, 9, 0, 20, 'OpenAI')];
    assert.equal(
      applyTextEdits(text, edits),
      'client = OpenAI(\n  azure_endpoint="https://x.services.ai.azure.com/models",\n  api_version="2024-10-21",\n)\n',
    );
    assert.equal(applyTextEdits(text, [...edits].reverse()), applyTextEdits(text, edits));
  });

  it('keeps the given order of insertions at the same position', () => {
    assert.equal(applyTextEdits('ab', [edit(0, 1, 0, 1, 'X'), edit(0, 1, 0, 1, 'Y')]), 'aXYb');
  });

  it('refuses overlapping edits', () => {
    assert.equal(applyTextEdits(text, [edit(1, 2, 1, 20, 'a'), edit(1, 10, 1, 30, 'b')]), undefined);
    assert.equal(applyTextEdits(text, [edit(1, 2, 1, 20, 'a'), edit(1, 5, 1, 5, 'insert inside')]), undefined);
  });

  it('accepts adjacent edits', () => {
    assert.equal(applyTextEdits('abcd', [edit(0, 0, 0, 2, 'X'), edit(0, 2, 0, 4, 'Y')]), 'XY');
  });

  it('refuses stale ranges: past the end of a line, past the last line, negative, reversed', () => {
    assert.equal(applyTextEdits(text, [edit(0, 0, 0, 200, 'x')]), undefined);
    assert.equal(applyTextEdits(text, [edit(9, 0, 9, 1, 'x')]), undefined);
    assert.equal(applyTextEdits(text, [edit(0, -1, 0, 1, 'x')]), undefined);
    assert.equal(applyTextEdits(text, [edit(1, 5, 1, 2, 'x')]), undefined);
    assert.equal(applyTextEdits(text, [edit(0, 1.5, 0, 2, 'x')]), undefined);
  });

  it('counts columns without the \\r of CRLF and allows the end of the last line', () => {
    const crlf = 'ab\r\ncd';
    assert.equal(applyTextEdits(crlf, [edit(0, 2, 0, 2, '!')]), 'ab!\r\ncd');
    assert.equal(applyTextEdits(crlf, [edit(0, 3, 0, 3, '!')]), undefined);
    assert.equal(applyTextEdits(crlf, [edit(1, 2, 1, 2, '!')]), 'ab\r\ncd!');
  });

  it('counts UTF-16 code units (astral characters are two columns)', () => {
    assert.equal(applyTextEdits('𝒜b', [edit(0, 2, 0, 3, 'c')]), '𝒜c');
  });

  it('can delete across lines', () => {
    assert.equal(applyTextEdits('a\nb\nc', [edit(0, 1, 2, 0, '')]), 'ac');
  });
});

describe('fix selection', () => {
  const finding = (rule: Finding['rule'], edits: TextEdit[], preferred = true): Finding => ({
    rule,
    severity: 'error',
    messageId: 'test',
    data: {},
    message: rule,
    file: 'f',
    range: edits[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    related: [],
    fixes: [
      {
        title: 'suppress',
        preferred: false,
        edits: [edit(0, 0, 0, 0, '# azure-ai-auth-doctor-disable-next-line x\n')],
      },
      { title: 'fix', preferred, edits },
    ],
    docsUrl: '',
  });

  it('takes preferred fixes, skips one that overlaps an earlier one, dedupes identical fixes', () => {
    const a = finding('token-scope', [edit(1, 0, 1, 5, 'A')]);
    const b = finding('openai-class-endpoint', [edit(1, 3, 1, 8, 'B')]);
    const c = finding('missing-model', [edit(2, 0, 2, 0, 'C')]);
    const a2 = finding('token-scope', [edit(1, 0, 1, 5, 'A')]);
    const chosen = compatiblePreferredFixes([a, b, c, a2]);
    assert.deepEqual(
      chosen.map((f) => f.edits[0].newText),
      ['A', 'C'],
    );
  });

  it('applies an edit shared by two fixes once (two keys, one inserted import)', () => {
    const importOs = edit(0, 0, 0, 0, 'import os\n');
    const a = finding('hardcoded-key', [edit(3, 10, 3, 42, 'os.environ["K"]'), importOs]);
    const b = finding('hardcoded-key', [edit(5, 10, 5, 42, 'os.environ["K"]'), { ...importOs }]);
    const edits = compatiblePreferredFixes([a, b]).flatMap((f) => f.edits);
    assert.deepEqual(
      edits.map((e) => `${e.range.start.line}:${e.newText}`),
      ['3:os.environ["K"]', '0:import os\n', '5:os.environ["K"]'],
    );
  });

  it('ignores findings without a preferred fix', () => {
    assert.deepEqual(compatiblePreferredFixes([finding('token-scope', [edit(0, 0, 0, 1, 'x')], false)]), []);
  });

  it('does not treat edits in different files as overlapping', () => {
    const a = finding('token-scope', [edit(0, 0, 0, 5, 'A', 'one')]);
    const b = finding('token-scope', [edit(0, 0, 0, 5, 'B', 'two')]);
    assert.equal(compatiblePreferredFixes([a, b]).length, 2);
    assert.deepEqual([...editsByFile([...a.fixes[1].edits, ...b.fixes[1].edits]).keys()], ['one', 'two']);
  });
});
