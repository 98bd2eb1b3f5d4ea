// The one prefilter (src/core/prefilter.ts) the engine and the CLI share: every corpus file that
// expects a finding passes it, the byte form agrees with the text form on any text, and the CLI finds
// what the editor finds on a file that names neither "azure" nor "openai".
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeDocument } from '../../src/core/analyze';
import { bytesMayHaveFindings, mayHaveFindings } from '../../src/core/prefilter';
import { corpusRoot, evaluateCorpus } from './corpusEval';
import { requireCli } from './badinputSupport';
import { cli, json, makeTree } from './cliSupport';

const REGIONAL = 'shell/regional_language_curl.sh';

describe('prefilter', () => {
  const positives = evaluateCorpus().filter((r) => r.expected.length > 0);

  it('is passed by every corpus file that expects a finding (text and bytes)', () => {
    assert.ok(positives.length > 50, `${positives.length} positive corpus files`);
    const dropped = positives
      .filter((r) => !mayHaveFindings(r.text) || !bytesMayHaveFindings(readFileSync(r.path)))
      .map((r) => r.file);
    assert.deepEqual(dropped, []);
  });

  it('gives the same answer on UTF-8 bytes as on the decoded text', () => {
    const words = fc.constantFrom(
      'Azure',
      'OPENAI',
      'bearer',
      'Authorization',
      'cognitive',
      'zure',
      'é',
      '€',
      'ſ',
      '\u212a',
    );
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'binary' }), words), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => mayHaveFindings(s) === bytesMayHaveFindings(Buffer.from(s, 'utf8'))),
      { numRuns: 2000 },
    );
  });

  it('lets through a Bearer curl to a regional endpoint (no "azure" or "openai" in the file)', () => {
    const text = readFileSync(join(corpusRoot(), REGIONAL), 'utf8');
    assert.doesNotMatch(text, /azure|openai/i);
    assert.ok(bytesMayHaveFindings(Buffer.from(text)));
    const rules = analyzeDocument(text, 'shellscript', { fileName: `/w/${REGIONAL}` }).findings.map((f) => f.rule);
    assert.ok(rules.includes('regional-endpoint-entra'), rules.join(', '));
  });

  it('scan reports it too (the CLI and the editor agree)', () => {
    requireCli();
    const root = makeTree({ 'call.sh': readFileSync(join(corpusRoot(), REGIONAL), 'utf8') });
    try {
      const report = json(cli(['scan', '.', '--format', 'json', '--fail-on', 'never'], root));
      assert.equal(report.filesScanned, 1);
      assert.ok(
        report.findings.some((f) => f.rule === 'regional-endpoint-entra'),
        JSON.stringify(report.findings.map((f) => f.rule)),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
