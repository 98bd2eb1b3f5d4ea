// analyzeDocument's contract: skip reasons, bad input, CRLF/BOM ranges, suppressions, severities,
// env-file related locations and fixes, endpoints and clients for hover/CodeLens.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { ensureAllParsers, parserFor } from '../../src/core/parse/runtime';
import { disposeSession, type ParseSession } from '../../src/core/parse/syntax';
import { suppressionEdit } from '../../src/core/suppress';
import type { EnvSource, EnvValue } from '../../src/core/types';

const BAD =
  'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="https://contoso.services.ai.azure.com/models", api_version="2024-10-21", azure_ad_token_provider=tp)\n';

function envOf(values: Record<string, string>, file = '/w/.env'): EnvSource {
  const entries = Object.entries(values);
  return {
    lookup(name: string): EnvValue | undefined {
      const i = entries.findIndex(([k]) => k === name);
      if (i < 0) return undefined;
      const value = entries[i][1];
      return {
        value,
        file,
        range: {
          start: { line: i, character: name.length + 1 },
          end: { line: i, character: name.length + 1 + value.length },
        },
      };
    },
  };
}

describe('analyzeDocument', () => {
  before(async () => {
    await ensureAllParsers(); // the grammars load asynchronously, once per process
  });

  it('finds the seed example with a precise range and a preferred fix', () => {
    const r = analyzeDocument(BAD, 'python', { fileName: '/w/a.py' });
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.rule, 'openai-class-endpoint');
    assert.deepEqual(f.range, { start: { line: 1, character: 31 }, end: { line: 1, character: 77 } });
    assert.match(f.message, /AzureOpenAI needs an Azure OpenAI resource endpoint/);
    assert.match(f.message, /https:\/\/contoso\.services\.ai\.azure\.com\/models/);
    assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
    // Today's remedy first: the OpenAI client on the v1 API (update §1a, §1b); keeping AzureOpenAI is the alternative.
    assert.match(f.fixes[0].title, /Switch to OpenAI on the v1 API/);
    assert.equal(f.fixes[0].preferred, true);
    assert.deepEqual(
      f.fixes[0].edits.map((e) => e.newText),
      ['OpenAI', 'base_url', '', 'api_key', 'https://contoso.services.ai.azure.com/openai/v1/', 'OpenAI, '],
    );
    assert.equal(f.fixes[1].edits[0].newText, 'https://contoso.openai.azure.com');
    assert.equal(f.endpoint, 'https://contoso.services.ai.azure.com/models');
    assert.equal(r.clients.length, 1);
    assert.equal(r.clients[0].className, 'AzureOpenAI');
    assert.equal(r.clients[0].endpoint?.kind, 'model-inference');
    assert.equal(r.endpoints.length, 1);
  });

  it('frees its syntax tree unless a ParseSession keeps it (the wasm heap is never garbage-collected)', () => {
    // Before, every analysis without a session leaked its tree: 16 analyses of a 50k-line C# file
    // filled the 2 GB wasm heap and the runtime aborted, for good, in that process.
    const probe = parserFor('python')!.parse('x = 1')!;
    const treeClass = Object.getPrototypeOf(probe) as { delete: (this: unknown) => void };
    probe.delete();
    const original = treeClass.delete;
    let deleted = 0;
    treeClass.delete = function (this: unknown) {
      deleted++;
      return original.call(this);
    };
    try {
      analyzeDocument(BAD, 'python', { fileName: '/w/a.py' });
      assert.equal(deleted, 1, 'the tree of an analysis without a session is freed');
      const session: ParseSession = {};
      analyzeDocument(BAD, 'python', { fileName: '/w/a.py', parseSession: session });
      assert.equal(deleted, 1, 'a session keeps its tree for the next incremental reparse');
      disposeSession(session);
      assert.equal(deleted, 2);
    } finally {
      treeClass.delete = original;
    }
  });

  it('keeps ranges right with CRLF and a BOM', () => {
    const crlf = '\uFEFF' + BAD.replace(/\n/g, '\r\n');
    const r = analyzeDocument(crlf, 'python', { fileName: '/w/a.py' });
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.findings[0].range, { start: { line: 1, character: 31 }, end: { line: 1, character: 77 } });
  });

  it('never throws and says why it skipped', () => {
    const cases: Array<[string, string, RegExp | undefined]> = [
      ['', 'python', undefined],
      ['abc\u0000def AzureOpenAI(', 'python', /binary/],
      ['var a=' + 'x'.repeat(30_000) + ';AzureOpenAI(', 'javascript', /minified/],
      ['x'.repeat(8_000_001), 'python', /too large/],
      ['{"cells": [', 'jupyter', /invalid notebook/],
      ['AzureOpenAI(azure_endpoint="\uFFFD\uFFFD https://x.services.ai.azure.com/models', 'python', undefined],
      ['AZURE_OPENAI_ENDPOINT="unterminated\n=\n==', 'dotenv', undefined],
      ['{ "dependencies": { "openai": ', 'json', undefined],
    ];
    for (const [text, lang, reason] of cases) {
      const r = analyzeDocument(text, lang, { fileName: `/w/f.${lang}` });
      if (reason) assert.match(r.skipped ?? '', reason, lang);
      else assert.equal(r.skipped, undefined, lang);
    }
  });

  it('analyses a 5 MB single-line minified file quickly by skipping it', () => {
    const text = 'a=1;'.repeat(1_250_000);
    const t = Date.now();
    const r = analyzeDocument(text, 'javascript', { fileName: '/w/app.min.js' });
    assert.match(r.skipped ?? '', /minified/);
    assert.ok(Date.now() - t < 1000);
  });

  it('does not take a notebook with a long base64 image output for a minified file', () => {
    const nb = JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          source: [
            'c = AzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models", api_version="1", azure_ad_token_provider=tp)\n',
          ],
          outputs: [{ data: { 'image/png': 'iVBOR'.repeat(10_000) } }],
        },
      ],
    });
    const r = analyzeDocument(nb, 'jupyter', { fileName: '/w/n.ipynb' });
    assert.equal(r.skipped, undefined);
    assert.equal(r.findings.length, 1);
  });

  it('honours disable-next-line and file-level suppressions', () => {
    const next = BAD.replace(
      'c = ',
      '# azure-ai-auth-doctor-disable-next-line openai-class-endpoint, token-scope\nc = ',
    );
    assert.equal(analyzeDocument(next, 'python', { fileName: '/w/a.py' }).findings.length, 0);
    const other = BAD.replace('c = ', '# azure-ai-auth-doctor-disable-next-line token-scope\nc = ');
    assert.equal(analyzeDocument(other, 'python', { fileName: '/w/a.py' }).findings.length, 1);
    const file = '# azure-ai-auth-doctor-disable openai-class-endpoint\n' + BAD;
    assert.equal(analyzeDocument(file, 'python', { fileName: '/w/a.py' }).findings.length, 0);
    const all =
      '// azure-ai-auth-doctor-disable\nconst c = new AzureOpenAI({ endpoint: "https://x.services.ai.azure.com/models", apiVersion: "1", azureADTokenProvider });';
    assert.equal(analyzeDocument(all, 'typescript', { fileName: '/w/a.ts' }).findings.length, 0);
  });

  it('applies severity settings, and off removes the rule', () => {
    assert.equal(
      analyzeDocument(BAD, 'python', { fileName: '/w/a.py', rules: { 'openai-class-endpoint': 'info' } }).findings[0]
        .severity,
      'info',
    );
    assert.equal(
      analyzeDocument(BAD, 'python', { fileName: '/w/a.py', rules: { 'openai-class-endpoint': 'off' } }).findings
        .length,
      0,
    );
    assert.equal(
      analyzeDocument(BAD, 'python', { fileName: '/w/a.py', rules: { 'openai-class-endpoint': 'default' } }).findings[0]
        .severity,
      'error',
    );
  });

  it('resolves env reads through the EnvSource and fixes the env file', () => {
    const text =
      'import os\nfrom openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="1", azure_ad_token_provider=tp)\n';
    const env = envOf({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com/openai/v1/' });
    const r = analyzeDocument(text, 'python', { fileName: '/w/app.py', env });
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.related[0].file, '/w/.env');
    assert.match(f.related[0].message, /endpoint set here/);
    // An env-sourced endpoint is shared configuration: the root rewrite there stays preferred; the switch to
    // the OpenAI client is offered next to it.
    const preferred = f.fixes.find((x) => x.preferred)!;
    assert.equal(preferred.edits[0].file, '/w/.env');
    assert.equal(preferred.edits[0].newText, 'https://contoso.openai.azure.com');
    assert.ok(f.fixes.some((x) => !x.preferred && /Switch to OpenAI on the v1 API/.test(x.title)));
    assert.equal(
      r.endpoints.some((e) => e.source?.file === '/w/.env'),
      true,
    );
  });

  it('uses the SDK env fallbacks (AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION)', () => {
    const text = 'from openai import AzureOpenAI\nc = AzureOpenAI(azure_ad_token_provider=tp)\n';
    const withVersion = analyzeDocument(text, 'python', {
      fileName: '/w/a.py',
      env: envOf({ AZURE_OPENAI_ENDPOINT: 'https://x.services.ai.azure.com/models', OPENAI_API_VERSION: '2024-10-21' }),
    });
    assert.deepEqual(
      withVersion.findings.map((f) => f.rule),
      ['openai-class-endpoint'],
    );
    const without = analyzeDocument(text, 'python', {
      fileName: '/w/a.py',
      env: envOf({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' }),
    });
    assert.deepEqual(
      without.findings.map((f) => f.rule),
      ['missing-api-version'],
    );
  });

  it('never reports text inside comments or docstrings', () => {
    const text =
      '"""\nAzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models")\n"""\n# AzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models")\n';
    const r = analyzeDocument(text, 'python', { fileName: '/w/a.py' });
    assert.equal(r.findings.length, 0);
    assert.equal(r.endpoints.length, 0);
  });

  it('maps notebook findings and fixes into the raw JSON', () => {
    const nb = JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            source: [
              'from openai import AzureOpenAI\n',
              'c = AzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models", api_version="1", azure_ad_token_provider=tp)',
            ],
          },
        ],
      },
      null,
      1,
    );
    const r = analyzeDocument(nb, 'jupyter', { fileName: '/w/n.ipynb' });
    assert.equal(r.findings.length, 1);
    const lines = nb.split('\n');
    const f = r.findings[0];
    const edit = f.fixes.find((x) => x.title.startsWith('Use '))!.edits[0];
    const line = lines[edit.range.start.line];
    assert.equal(
      line.slice(edit.range.start.character, edit.range.end.character),
      'https://x.services.ai.azure.com/models',
    );
  });
});

describe('suppressionEdit', () => {
  it('inserts a marker with the indentation and comment syntax of the language', () => {
    const e = suppressionEdit('a\n    b = 1\n', 'python', 1, 'token-scope', '/w/a.py');
    assert.deepEqual(e.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
    assert.equal(e.newText, '    # azure-ai-auth-doctor-disable-next-line token-scope\n');
    assert.equal(
      suppressionEdit('x\r\n  y\r\n', 'csharp', 1, 'hardcoded-key').newText,
      '  // azure-ai-auth-doctor-disable-next-line hardcoded-key\r\n',
    );
    assert.equal(
      suppressionEdit('<a/>\n<b/>\n', 'xml', 1, 'sdk-version').newText,
      '<!-- azure-ai-auth-doctor-disable-next-line sdk-version -->\n',
    );
  });

  it('extends an existing marker on the line above', () => {
    const text = '  // azure-ai-auth-doctor-disable-next-line token-scope\n  x();\n';
    const e = suppressionEdit(text, 'typescript', 1, 'hardcoded-key');
    assert.equal(e.newText, ', hardcoded-key');
    assert.deepEqual(e.range.start, { line: 0, character: text.indexOf('\n') });
  });

  it('produces markers the engine honours', () => {
    const e = suppressionEdit(BAD, 'python', 1, 'openai-class-endpoint');
    const lines = BAD.split('\n');
    lines.splice(1, 0, e.newText.replace(/\n$/, ''));
    assert.equal(analyzeDocument(lines.join('\n'), 'python', { fileName: '/w/a.py' }).findings.length, 0);
  });
});
