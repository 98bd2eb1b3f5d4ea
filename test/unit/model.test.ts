// The semantic model (src/core/model): scopes and reassignments, imports, constant propagation,
// fallbacks, helpers, objects and spreads, cross-file constants, end to end through analyzeDocument
// and through the model API h-langs builds on.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { ensureAllParsers } from '../../src/core/parse/runtime';
import { parseSyntax } from '../../src/core/parse/syntax';
import { Doc } from '../../src/core/scan/document';
import { FileModel } from '../../src/core/model';
import { moduleReader } from '../../src/core/model/modules';
import type { AnalysisContext } from '../../src/core/types';

const MODELS = 'https://contoso.services.ai.azure.com/models';
const AOAI = 'https://contoso.openai.azure.com/';

function rules(text: string, languageId: string, context: Partial<AnalysisContext> = {}): string[] {
  const ext = { python: 'py', javascript: 'js', typescript: 'ts', csharp: 'cs', java: 'java' }[languageId] ?? 'txt';
  const r = analyzeDocument(text, languageId, { fileName: `/w/app.${ext}`, ...context });
  assert.equal(r.skipped, undefined);
  return r.findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);
}

function model(text: string, languageId: string, context: Partial<AnalysisContext> = {}): FileModel {
  const parsed = parseSyntax(text, languageId);
  assert.ok(parsed && parsed !== 'timeout');
  const m = FileModel.of(new Doc(text, languageId, { fileName: '/w/x', ...context }, parsed));
  assert.ok(m);
  return m;
}

/** Value of the expression assigned last to `name` (module level). */
function valueOf(m: FileModel, name: string) {
  const b = m.bindingsOf(name).pop();
  assert.ok(b, `no binding of ${name}`);
  return m.bindingValue(b);
}

describe('semantic model', () => {
  before(async () => {
    await ensureAllParsers();
  });

  describe('scopes', () => {
    it('finds a bad endpoint in a second function and does not judge one function by another', () => {
      const py = [
        'from openai import AzureOpenAI',
        'def good():',
        `    endpoint = "${AOAI}"`,
        '    return AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=p, api_version="2024-06-01")',
        'def bad():',
        `    endpoint = "${MODELS}"`,
        '    return AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=p, api_version="2024-06-01")',
        '',
      ].join('\n');
      assert.deepEqual(rules(py, 'python'), ['7:openai-class-endpoint']);
      // reordered: still only the bad one
      const lines = py.split('\n');
      const reordered = [lines[0], ...lines.slice(4, 7), ...lines.slice(1, 4), ''].join('\n');
      assert.deepEqual(rules(reordered, 'python'), ['4:openai-class-endpoint']);
    });

    it('sees a reassignment, and a module constant is not shadowed by another function\u2019s local', () => {
      const py = [
        'from openai import AzureOpenAI',
        `ENDPOINT = "${AOAI}"`,
        'def other():',
        `    ENDPOINT = "${MODELS}"`,
        '    return ENDPOINT',
        'def make():',
        '    return AzureOpenAI(azure_endpoint=ENDPOINT, azure_ad_token_provider=p, api_version="2024-06-01")',
        'url = "https://x.openai.azure.com/"',
        `url = "${MODELS}"`,
        'c = AzureOpenAI(azure_endpoint=url, azure_ad_token_provider=p, api_version="2024-06-01")',
        '',
      ].join('\n');
      assert.deepEqual(rules(py, 'python'), ['10:openai-class-endpoint']);
    });

    it('a scope in one test function is judged by the endpoints of that function, not of another', () => {
      const PROJECT = 'https://contoso.services.ai.azure.com/api/projects/demo';
      const test = (name: string, url: string) => [
        `def ${name}():`,
        '    token = cred.get_token("https://cognitiveservices.azure.com/.default").token',
        `    requests.post("${url}", headers={"Authorization": f"Bearer {token}"})`,
      ];
      const py = (...lines: string[][]) => ['import requests', ...lines.flat(), ''].join('\n');
      const project = `AIProjectClient(endpoint="${PROJECT}", credential=cred)`;
      const aoaiRest = `${AOAI}openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`;
      // the AOAI test beside a project test: nothing
      assert.deepEqual(rules(py(test('test_chat', aoaiRest), ['def test_project():', `    ${project}`]), 'python'), []);
      // the same scope next to the project endpoint in its own test: flagged there only
      assert.deepEqual(
        rules(py(test('test_chat', aoaiRest), test('test_project', `${PROJECT}/assistants`)), 'python'),
        ['6:token-scope'],
      );
      // a client in the function whose endpoint is a parameter: unknown, not the module's project endpoint
      const param = [
        'def chat(endpoint):',
        '    p = get_bearer_token_provider(cred, "https://cognitiveservices.azure.com/.default")',
        '    return AzureOpenAI(azure_endpoint=endpoint, azure_ad_token_provider=p, api_version="2024-10-21")',
      ];
      assert.deepEqual(rules(py([`project = ${project}`], param), 'python'), []);
      // a helper with no endpoint of its own is still judged by the file's endpoint
      const helper = ['def token():', '    return cred.get_token("https://ml.azure.com/.default").token'];
      assert.deepEqual(
        rules(py(helper, [`requests.post("${aoaiRest}", headers={"Authorization": "Bearer " + token()})`]), 'python'),
        ['3:token-scope'],
      );
    });

    it('JS: block-scoped const and a later reassignment with let', () => {
      const js = [
        'import { AzureOpenAI } from "openai";',
        `let endpoint = "${AOAI}";`,
        `{ const endpoint = "${MODELS}"; }`,
        'const a = new AzureOpenAI({ endpoint, azureADTokenProvider: p, apiVersion: "2024-06-01" });',
        `endpoint = "${MODELS}";`,
        'const b = new AzureOpenAI({ endpoint: endpoint, azureADTokenProvider: p, apiVersion: "2024-06-01" });',
        '',
      ].join('\n');
      assert.deepEqual(rules(js, 'javascript'), ['6:openai-class-endpoint']);
    });
  });

  describe('imports', () => {
    it('a class of the user\u2019s own, or one imported from a local module, is not the SDK client', () => {
      const own = `class AzureOpenAI:\n    pass\nc = AzureOpenAI(azure_endpoint="${MODELS}")\n`;
      assert.deepEqual(rules(own, 'python'), []);
      const wrapped = `from .my_wrapper import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="${MODELS}")\n`;
      assert.deepEqual(rules(wrapped, 'python'), []);
      const js = `import { AzureOpenAI } from "./my-wrapper";\nconst c = new AzureOpenAI({ endpoint: "${MODELS}" });\n`;
      assert.deepEqual(rules(js, 'typescript'), []);
      const sdk = `from openai import AzureOpenAI as Client\nc = Client(azure_endpoint="${MODELS}", azure_ad_token_provider=p, api_version="1")\n`;
      assert.deepEqual(rules(sdk, 'python'), ['2:openai-class-endpoint']);
    });

    it('resolves qualified names through imports', () => {
      const m = model(
        'from openai import AzureOpenAI as A\nimport azure.ai.inference as inf\nclass Mine: pass\nx = A\n',
        'python',
      );
      const use = (name: string, at: number) => m.nodeAt(at, at + name.length)!;
      const text = m.doc.text;
      assert.equal(m.qualifiedName(use('A', text.lastIndexOf('A'))), 'openai.AzureOpenAI');
      assert.deepEqual(m.importOf('inf', text.length), { module: 'azure.ai.inference', name: '*' });
      assert.equal(m.lookup('Mine', text.length)?.kind, 'class');
    });
  });

  describe('constant propagation', () => {
    it('concatenation, f-strings, .format and % in Python', () => {
      const m = model(
        'R = "contoso"\nA = "https://" + R + ".openai.azure.com/"\nB = f"https://{R}.openai.azure.com/"\nC = "https://{}.openai.azure.com/".format(R)\nD = "https://%s.openai.azure.com/" % R\n',
        'python',
      );
      for (const name of ['A', 'B', 'C', 'D']) assert.equal(valueOf(m, name)?.value, AOAI, name);
    });

    it('template literals in JS, interpolation and string.Format in C#, String.format in Java', () => {
      assert.equal(
        valueOf(model('const r = "contoso";\nconst u = `https://${r}.openai.azure.com/`;\n', 'javascript'), 'u')?.value,
        AOAI,
      );
      const cs = model(
        'var r = "contoso";\nvar a = $"https://{r}.openai.azure.com/";\nvar b = string.Format("https://{0}.openai.azure.com/", r);\n',
        'csharp',
      );
      assert.equal(valueOf(cs, 'a')?.value, AOAI);
      assert.equal(valueOf(cs, 'b')?.value, AOAI);
      const java = model(
        'class A { static final String R = "contoso"; String u = String.format("https://%s.openai.azure.com/", R); }',
        'java',
      );
      assert.equal(valueOf(java, 'u')?.value, AOAI);
    });
  });

  describe('fallbacks', () => {
    const cases: Array<[string, string, string]> = [
      ['python', 'x = os.getenv("AZURE_OPENAI_ENDPOINT", "lit")\n', 'x'],
      ['python', 'x = os.environ.get("AZURE_OPENAI_ENDPOINT") or "lit"\n', 'x'],
      ['javascript', 'const x = process.env.AZURE_OPENAI_ENDPOINT ?? "lit";\n', 'x'],
      ['javascript', 'const x = process.env.AZURE_OPENAI_ENDPOINT || "lit";\n', 'x'],
      ['csharp', 'var x = Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT") ?? "lit";\n', 'x'],
      ['java', 'class A { String x = System.getenv().getOrDefault("AZURE_OPENAI_ENDPOINT", "lit"); }', 'x'],
    ];
    for (const [lang, text, name] of cases)
      it(`${lang}: ${text.trim()}`, () => {
        const v = valueOf(model(text, lang), name);
        assert.equal(v?.value, 'lit');
        assert.equal(v?.envName, 'AZURE_OPENAI_ENDPOINT');
        assert.ok(v?.oneOf?.some((o) => o.value === 'lit'));
      });

    it('the env file value wins over the fallback literal', () => {
      const env = {
        lookup: (n: string) =>
          n === 'X'
            ? {
                value: 'from-env',
                file: '/w/.env',
                range: { start: { line: 0, character: 2 }, end: { line: 0, character: 10 } },
              }
            : undefined,
      };
      const v = valueOf(model('x = os.getenv("X", "lit")\n', 'python', { env }), 'x');
      assert.equal(v?.value, 'from-env');
      assert.deepEqual(
        v?.oneOf?.map((o) => o.value),
        ['from-env', 'lit'],
      );
    });
  });

  describe('helpers, objects, spreads', () => {
    it('one level of call-through into a same-file helper', () => {
      const py = `from openai import AzureOpenAI\ndef endpoint():\n    return "${MODELS}"\nc = AzureOpenAI(azure_endpoint=endpoint(), azure_ad_token_provider=p, api_version="1")\n`;
      assert.deepEqual(rules(py, 'python'), ['4:openai-class-endpoint']);
    });

    it('a token fetched once in a helper called at module load is a static token', () => {
      const py = [
        'from openai import AzureOpenAI',
        'def fetch():',
        '    return cred.get_token("https://cognitiveservices.azure.com/.default").token',
        'TOKEN = fetch()',
        `c = AzureOpenAI(azure_endpoint="${AOAI}", azure_ad_token=TOKEN, api_version="2024-06-01")`,
        '',
      ].join('\n');
      assert.ok(rules(py, 'python').includes('5:static-token'));
    });

    it('JS options objects built once and spread; Python **kwargs dicts', () => {
      const js = `import { AzureOpenAI } from "openai";\nconst base = { endpoint: "${MODELS}" };\nconst c = new AzureOpenAI({ ...base, azureADTokenProvider: p, apiVersion: "1" });\n`;
      assert.deepEqual(rules(js, 'javascript'), ['2:openai-class-endpoint']); // reported where the endpoint is written
      const py = `from openai import AzureOpenAI\nopts = {"azure_endpoint": "${MODELS}", "api_version": "1"}\nc = AzureOpenAI(**opts, azure_ad_token_provider=p)\n`;
      assert.deepEqual(rules(py, 'python'), ['2:openai-class-endpoint']);
    });

    it('JS options object built in a variable and passed later; not followed when it is changed in between', () => {
      const head = 'import { AzureOpenAI } from "openai";\n';
      const decl = `const options = { endpoint: "${MODELS}", azureADTokenProvider: p, apiVersion: "1" };\n`;
      assert.deepEqual(rules(`${head}${decl}const c = new AzureOpenAI(options);\n`, 'javascript'), [
        '2:openai-class-endpoint',
      ]);
      // apiVersion known through the variable: no missing-api-version either way
      const noVersion = `const options = { endpoint: "${AOAI}", azureADTokenProvider: p };\n`;
      assert.deepEqual(rules(`${head}${noVersion}const c = new AzureOpenAI(options);\n`, 'javascript'), [
        '3:missing-api-version',
      ]);
      for (const change of [
        'options.apiVersion = "2024-10-21";',
        'options["apiVersion"] = v;',
        'Object.assign(options, extra);',
      ])
        assert.deepEqual(
          rules(`${head}${noVersion}${change}\nconst c = new AzureOpenAI(options);\n`, 'javascript'),
          [],
          change,
        );
    });

    it('C# options built in a variable and passed later (Audience on a .us endpoint)', () => {
      const cs = [
        'using Azure.AI.OpenAI;',
        'var options = new AzureOpenAIClientOptions { Audience = AzureOpenAIAudience.AzurePublicCloud };',
        'var client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.us/"), new DefaultAzureCredential(), options);',
        '',
      ].join('\n');
      assert.deepEqual(rules(cs, 'csharp'), ['2:token-scope']);
    });
  });

  describe('cross-file constants', () => {
    it('moduleReader resolves Python relative / absolute modules and JS relative imports to files', () => {
      const fs: Record<string, string> = {
        '/w/pkg/settings.py': 'A = 1\n',
        '/w/pkg/conf/__init__.py': 'B = 1\n',
        '/w/config.py': 'C = 1\n',
        '/w/src/config.ts': 'export const D = "";\n',
        '/w/src/lib/index.js': 'export const E = "";\n',
      };
      const read = moduleReader((f) => fs[f.split('\\').join('/')]);
      const file = (from: string, spec: string) => read(from, spec)?.fileName.split('\\').join('/');
      assert.equal(file('/w/pkg/app.py', '.settings'), '/w/pkg/settings.py');
      assert.equal(file('/w/pkg/app.py', '.conf'), '/w/pkg/conf/__init__.py');
      assert.equal(file('/w/pkg/sub/app.py', '..settings'), '/w/pkg/settings.py');
      assert.equal(file('/w/pkg/app.py', 'config'), '/w/config.py'); // a parent directory (package root)
      assert.equal(file('/w/pkg/app.py', 'openai'), undefined);
      assert.equal(file('/w/src/app.ts', './config'), '/w/src/config.ts');
      assert.equal(file('/w/src/app.ts', './config.js'), '/w/src/config.ts'); // TypeScript ESM spelling
      assert.equal(file('/w/src/app.mjs', './lib'), '/w/src/lib/index.js');
      assert.equal(file('/w/src/app.ts', 'openai'), undefined); // a package, never a file here
      assert.equal(read('/w/src/app.ts', './config')?.languageId, 'typescript');
    });

    it('resolves `from .settings import ENDPOINT` and `import { ENDPOINT } from "./config"` through readModule', () => {
      const files: Record<string, { fileName: string; text: string; languageId: string }> = {
        '.settings': { fileName: '/w/settings.py', text: `ENDPOINT = "${MODELS}"\n`, languageId: 'python' },
        './config': {
          fileName: '/w/config.ts',
          text: `export const ENDPOINT = "${MODELS}";\n`,
          languageId: 'typescript',
        },
      };
      const readModule = (_from: string, spec: string) => files[spec];
      const py =
        'from openai import AzureOpenAI\nfrom .settings import ENDPOINT\nc = AzureOpenAI(azure_endpoint=ENDPOINT, azure_ad_token_provider=p, api_version="1")\n';
      assert.deepEqual(rules(py, 'python', { readModule }), ['3:openai-class-endpoint']);
      assert.deepEqual(rules(py, 'python'), []);
      const ts =
        'import { AzureOpenAI } from "openai";\nimport { ENDPOINT } from "./config";\nconst c = new AzureOpenAI({ endpoint: ENDPOINT, azureADTokenProvider: p, apiVersion: "1" });\n';
      assert.deepEqual(rules(ts, 'typescript', { readModule }), ['3:openai-class-endpoint']);
    });
  });
});
