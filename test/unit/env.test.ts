// The env/config readers: .env quoting, export, comments, CRLF and odd lines (reported, not thrown);
// appsettings JSON with comments/trailing commas flattened as Section:Key and Section__Key;
// local.settings.json Values; launch.json env blocks; ranges on the value; WorkspaceEnv nearest-first.
import * as assert from 'node:assert/strict';
import { isEnvConfigFile, parseEnvConfig, WorkspaceEnv } from '../../src/core/env';
import type { Range } from '../../src/core/types';

/** The text a range covers (ranges are 0-based lines and UTF-16 columns). */
function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  const offset = (line: number, ch: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + ch;
  return text.slice(offset(range.start.line, range.start.character), offset(range.end.line, range.end.character));
}

const valueOf = (file: string, text: string, name: string) =>
  parseEnvConfig(file, text).entries.find((e) => e.name === name);

describe('env/config readers', () => {
  describe('isEnvConfigFile', () => {
    const yes = [
      '.env',
      '.env.local',
      'app/.env.production',
      '.envrc',
      'appsettings.json',
      'src/appsettings.Development.json',
      'local.settings.json',
      '.vscode/launch.json',
      'C:\\repo\\.vscode\\launch.json',
    ];
    const no = [
      'env.py',
      'settings.json',
      'launch.json',
      'package.json',
      'appsettings.yaml',
      '.vscode/settings.json',
      'my.env.py',
    ];
    for (const f of yes) it(`accepts ${f}`, () => assert.equal(isEnvConfigFile(f), true));
    for (const f of no) it(`rejects ${f}`, () => assert.equal(isEnvConfigFile(f), false));
  });

  describe('.env', () => {
    const text = [
      '# comment',
      'export AZURE_OPENAI_ENDPOINT="https://contoso.openai.azure.com/"',
      "OPENAI_API_VERSION='2024-10-21' # trailing comment",
      'PLAIN=https://x.services.ai.azure.com/models   # comment',
      'HASH_IN_VALUE=abc#def',
      '  SPACES = "around equals"',
      'MULTI="line one',
      'line two"',
      'ESCAPES="a\\"b\\nc"',
      "SINGLE='no \\n escape'",
      'BACKTICK=`x`',
      'EMPTY=',
      'DUP=1',
      'DUP=2',
    ].join('\n');
    const parsed = parseEnvConfig('.env', text);
    const get = (n: string) => parsed.entries.filter((e) => e.name === n);

    it('reads export, quotes, comments and spaces', () => {
      assert.equal(get('AZURE_OPENAI_ENDPOINT')[0].value, 'https://contoso.openai.azure.com/');
      assert.equal(get('OPENAI_API_VERSION')[0].value, '2024-10-21');
      assert.equal(get('PLAIN')[0].value, 'https://x.services.ai.azure.com/models');
      assert.equal(get('HASH_IN_VALUE')[0].value, 'abc#def');
      assert.equal(get('SPACES')[0].value, 'around equals');
      assert.equal(get('MULTI')[0].value, 'line one\nline two');
      assert.equal(get('ESCAPES')[0].value, 'a"b\nc');
      assert.equal(get('SINGLE')[0].value, 'no \\n escape');
      assert.equal(get('BACKTICK')[0].value, 'x');
      assert.equal(get('EMPTY')[0].value, '');
      assert.deepEqual(parsed.errors, []);
    });

    it('points each range at the value itself (inside the quotes)', () => {
      for (const name of ['AZURE_OPENAI_ENDPOINT', 'OPENAI_API_VERSION', 'PLAIN', 'SPACES', 'BACKTICK']) {
        const entry = get(name)[0];
        assert.equal(textAt(text, entry.range), entry.value, name);
      }
      const endpoint = get('AZURE_OPENAI_ENDPOINT')[0];
      assert.deepEqual(endpoint.range, { start: { line: 1, character: 30 }, end: { line: 1, character: 63 } });
      assert.equal(endpoint.file, '.env');
      const multi = get('MULTI')[0];
      assert.deepEqual([multi.range.start.line, multi.range.end.line], [6, 7]);
    });

    it('keeps both duplicates in entries; WorkspaceEnv takes the last', () => {
      assert.deepEqual(
        get('DUP').map((e) => e.value),
        ['1', '2'],
      );
      const env = new WorkspaceEnv();
      env.set('.env', text);
      assert.equal(env.sourceFor('app.py').lookup('DUP')?.value, '2');
    });

    it('handles CRLF: same values, ranges exclude the \\r', () => {
      const crlf = text.replace(/\n/g, '\r\n');
      const entries = parseEnvConfig('.env', crlf).entries;
      assert.equal(entries.find((e) => e.name === 'PLAIN')?.value, 'https://x.services.ai.azure.com/models');
      assert.equal(entries.find((e) => e.name === 'EMPTY')?.value, '');
      assert.equal(entries.find((e) => e.name === 'MULTI')?.value, 'line one\nline two');
      const endpoint = entries.find((e) => e.name === 'AZURE_OPENAI_ENDPOINT')!;
      assert.deepEqual(endpoint.range.end, { line: 1, character: 63 });
    });

    it('reports odd lines with their line number instead of throwing, and keeps the good ones', () => {
      const odd = [
        '=no-name',
        'no-equals-sign',
        'GOOD=1',
        'UNTERMINATED="abc',
        'export',
        'export ONLY_EXPORTED',
        '\u0000NUL=1',
        'AFTER=2',
      ].join('\n');
      const result = parseEnvConfig('.env', odd);
      assert.ok(
        result.errors.some((e) => /^line 1: /.test(e)),
        result.errors.join('; '),
      );
      assert.ok(
        result.errors.some((e) => /^line 2: .*'='/.test(e)),
        result.errors.join('; '),
      );
      assert.ok(
        result.errors.some((e) => /^line 4: unterminated/.test(e)),
        result.errors.join('; '),
      );
      assert.equal(result.entries.find((e) => e.name === 'GOOD')?.value, '1');
      assert.equal(result.entries.find((e) => e.name === 'UNTERMINATED')?.value, 'abc');
      assert.equal(result.entries.find((e) => e.name === 'AFTER')?.value, '2');
    });

    it('ignores a UTF-8 BOM', () => {
      assert.equal(valueOf('.env', '\uFEFFA=1', 'A')?.value, '1');
    });
  });

  describe('appsettings*.json', () => {
    const text = `{
  // the endpoint
  "AzureOpenAI": {
    "Endpoint": "https://contoso.openai.azure.com/", /* block */
    "Deployment": "gpt-4o",
  },
  "Retries": 3,
  "Enabled": true,
  "Nothing": null,
  "Models": ["a", "b",],
}`;
    it('flattens nested objects as Section:Key and Section__Key, arrays by index', () => {
      const result = parseEnvConfig('appsettings.Development.json', text);
      assert.deepEqual(result.errors, []);
      const names = result.entries.map((e) => e.name);
      for (const n of [
        'AzureOpenAI:Endpoint',
        'AzureOpenAI__Endpoint',
        'AzureOpenAI:Deployment',
        'Retries',
        'Enabled',
        'Models:0',
        'Models__1',
      ])
        assert.ok(names.includes(n), n);
      assert.ok(!names.includes('Nothing'));
      const endpoint = result.entries.find((e) => e.name === 'AzureOpenAI:Endpoint')!;
      assert.equal(endpoint.value, 'https://contoso.openai.azure.com/');
      assert.equal(textAt(text, endpoint.range), 'https://contoso.openai.azure.com/');
      assert.equal(result.entries.find((e) => e.name === 'Retries')?.value, '3');
    });

    it('reports malformed JSON and still returns what it could read', () => {
      const broken = '{ "A": { "Endpoint": "https://x.openai.azure.com" "B": 1 ';
      const result = parseEnvConfig('appsettings.json', broken);
      assert.ok(result.errors.length > 0);
      assert.equal(result.entries.find((e) => e.name === 'A:Endpoint')?.value, 'https://x.openai.azure.com');
      assert.equal(result.entries.find((e) => e.name === 'A:B')?.value, '1');
    });

    it('does not throw on garbage, empty input or deep nesting', () => {
      for (const bad of [
        '',
        'not json',
        '[1,2',
        '{"a": "unterminated',
        '{"a":'.repeat(5000),
        '}}}]]]',
        '{"a" 1}',
        '/* never closed',
      ]) {
        const result = parseEnvConfig('appsettings.json', bad);
        assert.ok(Array.isArray(result.entries));
        if (bad.trim()) assert.ok(result.errors.length > 0, `no error for ${bad.slice(0, 20)}`);
      }
    });
  });

  describe('local.settings.json', () => {
    it('reads Values, with the other separator form', () => {
      const text =
        '{ "IsEncrypted": false, "Values": { "AzureOpenAI__Endpoint": "https://c.openai.azure.com", "AZURE_OPENAI_API_VERSION": "2024-10-21", }, "Host": { "Port": 7071 } }';
      const result = parseEnvConfig('local.settings.json', text);
      const names = result.entries.map((e) => e.name);
      assert.deepEqual(names, ['AzureOpenAI__Endpoint', 'AzureOpenAI:Endpoint', 'AZURE_OPENAI_API_VERSION']);
      assert.equal(textAt(text, result.entries[0].range), 'https://c.openai.azure.com');
    });
    it('reports a missing or non-object Values', () => {
      assert.equal(parseEnvConfig('local.settings.json', '{ "Values": [1] }').entries.length, 0);
      assert.ok(parseEnvConfig('local.settings.json', '{}').errors.some((e) => /Values/.test(e)));
    });
  });

  describe('.vscode/launch.json', () => {
    const text = `{
  // JSONC
  "version": "0.2.0",
  "configurations": [
    { "name": "Python", "type": "debugpy", "request": "launch", "env": { "AZURE_OPENAI_ENDPOINT": "https://a.openai.azure.com", "PORT": 8000 } },
    { "name": "Other", "type": "node", "env": { "AZURE_OPENAI_ENDPOINT": "https://b.openai.azure.com", "ONLY_HERE": "x" } },
    { "name": "No env", "type": "node" },
  ],
}`;
    it('reads env blocks; the first configuration wins on duplicates', () => {
      const result = parseEnvConfig('.vscode/launch.json', text);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.entries.map((e) => [e.name, e.value]),
        [
          ['AZURE_OPENAI_ENDPOINT', 'https://a.openai.azure.com'],
          ['PORT', '8000'],
          ['ONLY_HERE', 'x'],
        ],
      );
      assert.equal(textAt(text, result.entries[0].range), 'https://a.openai.azure.com');
    });
  });

  describe('WorkspaceEnv', () => {
    const env = new WorkspaceEnv();
    env.set('/ws/.env', 'AZURE_OPENAI_ENDPOINT=https://root.openai.azure.com\nROOT_ONLY=r\nSHARED=root');
    env.set('/ws/api/.env', 'AZURE_OPENAI_ENDPOINT=https://api.openai.azure.com');
    env.set('/ws/api/.env.local', 'SHARED=api-local');
    env.set('/ws/api/.env.example', 'SHARED=example\nEXAMPLE_ONLY=e');
    env.set('/ws/dotnet/appsettings.json', '{ "AzureOpenAI": { "Endpoint": "https://base.openai.azure.com" } }');
    env.set(
      '/ws/dotnet/appsettings.Development.json',
      '{ "AzureOpenAI": { "Endpoint": "https://dev.openai.azure.com" } }',
    );
    env.set('/ws/.vscode/launch.json', '{ "configurations": [ { "env": { "LAUNCH_ONLY": "l" } } ] }');
    env.set('/ws/README.md', 'NOT=read');

    it("looks in the file's folder first, then its ancestors", () => {
      assert.equal(
        env.sourceFor('/ws/api/app.py').lookup('AZURE_OPENAI_ENDPOINT')?.value,
        'https://api.openai.azure.com',
      );
      assert.equal(
        env.sourceFor('/ws/api/deep/er/app.py').lookup('AZURE_OPENAI_ENDPOINT')?.value,
        'https://api.openai.azure.com',
      );
      assert.equal(
        env.sourceFor('/ws/web/app.py').lookup('AZURE_OPENAI_ENDPOINT')?.value,
        'https://root.openai.azure.com',
      );
      assert.equal(env.sourceFor('/ws/api/app.py').lookup('ROOT_ONLY')?.value, 'r');
      assert.equal(env.sourceFor('/elsewhere/app.py').lookup('ROOT_ONLY'), undefined);
    });

    it('prefers .env.local over .env and .env over .env.example; example values still resolve', () => {
      assert.equal(env.sourceFor('/ws/api/app.py').lookup('SHARED')?.value, 'api-local');
      assert.equal(env.sourceFor('/ws/api/app.py').lookup('EXAMPLE_ONLY')?.value, 'e');
    });

    it('prefers appsettings.<Environment>.json and reads keys case-insensitively', () => {
      const source = env.sourceFor('/ws/dotnet/Program.cs');
      assert.equal(source.lookup('AzureOpenAI:Endpoint')?.value, 'https://dev.openai.azure.com');
      assert.equal(source.lookup('azureopenai:endpoint')?.value, 'https://dev.openai.azure.com');
      assert.equal(source.lookup('AzureOpenAI__Endpoint')?.file, '/ws/dotnet/appsettings.Development.json');
    });

    it('applies .vscode/launch.json to the folder that holds .vscode', () => {
      assert.equal(env.sourceFor('/ws/src/app.py').lookup('LAUNCH_ONLY')?.value, 'l');
    });

    it('ignores files that are not env/config files, and forgets deleted ones', () => {
      assert.equal(env.has('/ws/README.md'), false);
      const local = new WorkspaceEnv();
      local.set('/p/.env', 'A=1');
      assert.equal(local.sourceFor('/p/x.py').lookup('A')?.value, '1');
      local.delete('/p/.env');
      assert.equal(local.has('/p/.env'), false);
      assert.equal(local.sourceFor('/p/x.py').lookup('A'), undefined);
    });

    it('handles Windows paths and relative paths', () => {
      const win = new WorkspaceEnv();
      win.set('C:\\repo\\.env', 'A=win');
      assert.equal(win.sourceFor('C:\\repo\\src\\app.py').lookup('A')?.value, 'win');
      const rel = new WorkspaceEnv();
      rel.set('.env', 'A=rel');
      assert.equal(rel.sourceFor('src/app.py').lookup('A')?.value, 'rel');
      assert.equal(rel.sourceFor('app.py').lookup('A')?.value, 'rel');
    });
  });
});
