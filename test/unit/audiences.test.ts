// Audiences and the project-scoped v1 surface (update §1a, §1b): account-level endpoints accept both
// cognitiveservices and ai.azure.com; /api/projects/ (including its /openai/v1) needs the Foundry audience,
// ai.azure.us in US Government; the plain OpenAI client on a project's /openai/v1 is correct code.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { classifyEndpoint } from '../../src/core/knowledge/endpoints';

const CS = 'https://cognitiveservices.azure.com/.default';
const AI = 'https://ai.azure.com/.default';
const rulesOf = (text: string, lang = 'python') =>
  analyzeDocument(text, lang, { fileName: `/w/f.${lang === 'python' ? 'py' : 'ts'}` }).findings;

describe('audiences (December 2026)', () => {
  it('classifies the project OpenAI surface and US Government Foundry hosts', () => {
    const p = classifyEndpoint('https://acct.services.ai.azure.com/api/projects/p1/openai/v1');
    assert.equal(p?.kind, 'project-openai-v1');
    assert.equal(p?.project, 'p1');
    assert.deepEqual(p?.scopes, [AI]);
    const gov = classifyEndpoint('https://acct.services.ai.azure.us/api/projects/p1');
    assert.equal(gov?.kind, 'foundry-project');
    assert.equal(gov?.cloud, 'usgov');
    assert.deepEqual(gov?.scopes, ['https://ai.azure.us/.default']);
    assert.deepEqual(classifyEndpoint('https://x.openai.azure.com')?.scopes, [CS, AI]);
    assert.deepEqual(classifyEndpoint('https://x.openai.azure.com/openai/v1/')?.scopes, [AI, CS]);
  });

  for (const scope of [CS, AI]) {
    it(`accepts ${scope} on account-level endpoints`, () => {
      for (const endpoint of [
        'https://x.openai.azure.com',
        'https://x.cognitiveservices.azure.com',
        'https://x.services.ai.azure.com/openai/v1/',
      ]) {
        const cls = endpoint.includes('/openai/v1') ? 'OpenAI' : 'AzureOpenAI';
        const arg =
          cls === 'OpenAI'
            ? `base_url="${endpoint}", api_key=tp`
            : `azure_endpoint="${endpoint}", api_version="2024-10-21", azure_ad_token_provider=tp`;
        const code = `from openai import ${cls}\ntp = get_bearer_token_provider(DefaultAzureCredential(), "${scope}")\nc = ${cls}(${arg})\n`;
        assert.deepEqual(
          rulesOf(code).map((f) => f.rule),
          [],
          code,
        );
      }
    });
  }

  it('flags cognitiveservices on a project endpoint and on its /openai/v1 as token-scope errors', () => {
    for (const base of [
      'https://acct.services.ai.azure.com/api/projects/p1/openai/v1',
      'https://acct.services.ai.azure.com/api/projects/p1',
    ]) {
      const code = `from openai import OpenAI\ntp = get_bearer_token_provider(DefaultAzureCredential(), "${CS}")\nc = OpenAI(base_url="${base}", api_key=tp)\n`;
      const f = rulesOf(code).find((x) => x.rule === 'token-scope');
      assert.ok(f, base);
      assert.equal(f.severity, 'error');
      assert.match(f.message, /ai\.azure\.com/);
      assert.equal(f.fixes.find((x) => x.preferred)?.edits[0].newText, AI);
    }
  });

  it('asks for ai.azure.us on a US Government project', () => {
    const code = `tp = get_bearer_token_provider(cred, "${AI}")\nc = OpenAI(base_url="https://acct.services.ai.azure.us/api/projects/p1/openai/v1", api_key=tp)\n`;
    const f = rulesOf(code).find((x) => x.rule === 'token-scope');
    assert.ok(f);
    assert.equal(f.fixes[0].edits[0].newText, 'https://ai.azure.us/.default');
  });

  it('plain-openai-class-azure-endpoint accepts the project v1 surface and points a bare project at it', () => {
    const ok = `from openai import OpenAI\nc = OpenAI(base_url="https://acct.services.ai.azure.com/api/projects/p1/openai/v1", api_key=get_bearer_token_provider(DefaultAzureCredential(), "${AI}"))\n`;
    assert.deepEqual(rulesOf(ok), []);
    const okJs = `import OpenAI from "openai";\nconst c = new OpenAI({ baseURL: "https://acct.services.ai.azure.com/api/projects/p1/openai/v1", apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "${AI}") });\n`;
    assert.deepEqual(rulesOf(okJs, 'typescript'), []);
    const bare = ok.replace('/openai/v1"', '"');
    const f = rulesOf(bare).find((x) => x.rule === 'plain-openai-class-azure-endpoint');
    assert.ok(f);
    assert.equal(
      f.fixes.find((x) => x.preferred)?.edits[0].newText,
      'https://acct.services.ai.azure.com/api/projects/p1/openai/v1',
    );
    assert.doesNotMatch(f.message, /AzureOpenAI/);
  });

  it('AzureOpenAI on a project endpoint: the preferred fix is OpenAI on the project v1 surface (Python and JS)', () => {
    const py = `from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="https://acct.services.ai.azure.com/api/projects/p1", api_version="2024-10-21", azure_ad_token_provider=tp)\n`;
    const f = rulesOf(py).find((x) => x.rule === 'openai-class-endpoint');
    assert.ok(f);
    const pref = f.fixes.find((x) => x.preferred)!;
    assert.match(pref.title, /OpenAI on the v1 API/);
    assert.ok(pref.edits.some((e) => e.newText === 'https://acct.services.ai.azure.com/api/projects/p1/openai/v1'));
    const js = `import { AzureOpenAI } from "openai";\nconst c = new AzureOpenAI({ endpoint: "https://acct.services.ai.azure.com/api/projects/p1", apiVersion: "2024-10-21", azureADTokenProvider: tp });\n`;
    const g = rulesOf(js, 'typescript').find((x) => x.rule === 'openai-class-endpoint');
    assert.ok(g);
    const names = g.fixes.find((x) => x.preferred)!.edits.map((e) => e.newText);
    assert.deepEqual(names.slice(0, 3), ['OpenAI', 'baseURL', '']);
    assert.ok(names.includes('apiKey'));
    assert.ok(names.includes(' OpenAI,'));
  });

  it('no message, fix or hover text recommends azure-ai-inference or /models', () => {
    const samples = [
      'c = AzureOpenAI(azure_endpoint="https://r.services.ai.azure.com/models", api_version="1", azure_ad_token_provider=tp)\n',
      'c = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", azure_deployment="Llama-3.3-70B-Instruct", api_version="1", azure_ad_token_provider=tp)\n',
      'c = ChatCompletionsClient(endpoint="https://r.services.ai.azure.com", credential=DefaultAzureCredential())\n',
      'c = OpenAI(base_url="https://r.services.ai.azure.com/models", api_key=tp)\n',
    ];
    for (const code of samples) {
      const findings = rulesOf(code);
      assert.ok(findings.length > 0, code);
      for (const f of findings) {
        assert.doesNotMatch(
          f.message,
          /use ChatCompletionsClient|Azure AI Inference SDK \(|services\.ai\.azure\.com\/models[,)]/i,
          f.message,
        );
        for (const fx of f.fixes)
          for (const e of fx.edits) assert.doesNotMatch(e.newText, /\/models$|ChatCompletionsClient/);
      }
    }
  });
});
