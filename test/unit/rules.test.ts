// Per-rule checks of the exact fix text (the corpus checks that fixes remove findings; these pin what
// the user gets), plus rule metadata: ids, docs links, one preferred fix.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { ensureAllParsers } from '../../src/core/parse/runtime';
import { RULES } from '../../src/core/rules';
import { RULE_IDS } from '../../src/core/types';
import { applyTextEdits } from '../../src/core/fixes';

function fixed(text: string, languageId: string, rule: string, fileName = `/w/f.${languageId}`): string {
  const r = analyzeDocument(text, languageId, { fileName });
  const f = r.findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding in:\n${text}\n(got ${r.findings.map((x) => x.rule).join(', ')})`);
  const preferred = f.fixes.find((x) => x.preferred);
  assert.ok(preferred, `no preferred fix for ${rule}`);
  const out = applyTextEdits(text, preferred.edits);
  assert.ok(out !== undefined, `the ${rule} fix does not apply`);
  return out;
}

describe('rules', () => {
  before(async () => {
    await ensureAllParsers(); // the grammars load asynchronously, once per process
  });

  it('registers every fixed rule id once, in order', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      [...RULE_IDS],
    );
  });

  it('inference-default-scope adds the scope in each language', () => {
    assert.match(
      fixed(
        'from azure.ai.inference import ChatCompletionsClient\nc = ChatCompletionsClient(endpoint="https://x.services.ai.azure.com/models", credential=DefaultAzureCredential(), model="m")\n',
        'python',
        'inference-default-scope',
      ),
      /credential=DefaultAzureCredential\(\), model="m", credential_scopes=\["https:\/\/cognitiveservices\.azure\.com\/\.default"\]\)/,
    );
    assert.match(
      fixed(
        'import ModelClient from "@azure-rest/ai-inference";\nconst c = ModelClient("https://x.services.ai.azure.com/models", new DefaultAzureCredential());\n',
        'typescript',
        'inference-default-scope',
      ),
      /new DefaultAzureCredential\(\), \{ credentials: \{ scopes: \["https:\/\/cognitiveservices\.azure\.com\/\.default"\] \} \}\)/,
    );
    const cs = fixed(
      'using Azure.AI.Inference;\n    var c = new ChatCompletionsClient(new Uri("https://x.services.ai.azure.com/models"), credential);\n',
      'csharp',
      'inference-default-scope',
    );
    assert.match(
      cs,
      / {4}var inferenceOptions = new AzureAIInferenceClientOptions\(\);\n {4}inferenceOptions\.AddPolicy\(new BearerTokenAuthenticationPolicy\(credential, new\[\] \{ "https:\/\/cognitiveservices\.azure\.com\/\.default" \}\), HttpPipelinePosition\.PerRetry\);\n/,
    );
    assert.match(cs, /credential, inferenceOptions\);/);
    assert.match(
      fixed(
        'var c = new ChatCompletionsClientBuilder().credential(new DefaultAzureCredentialBuilder().build()).endpoint("https://x.services.ai.azure.com/models").buildClient();\n',
        'java',
        'inference-default-scope',
      ),
      /\.credential\(new DefaultAzureCredentialBuilder\(\)\.build\(\)\)\.scopes\(new String\[\] \{ "https:\/\/cognitiveservices\.azure\.com\/\.default" \}\)/,
    );
  });

  it('token-passed-as-api-key switches to a token provider', () => {
    const out = fixed(
      'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", api_key=cred.get_token("https://cognitiveservices.azure.com/.default").token)\n',
      'python',
      'token-passed-as-api-key',
    );
    assert.match(
      out,
      /azure_ad_token_provider=get_bearer_token_provider\(cred, "https:\/\/cognitiveservices\.azure\.com\/\.default"\)\)/,
    );
  });

  it('static-token replaces the fetched token with a provider', () => {
    const out = fixed(
      'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", azure_ad_token=credential.get_token("https://cognitiveservices.azure.com/.default").token)\n',
      'python',
      'static-token',
    );
    assert.match(
      out,
      /azure_ad_token_provider=get_bearer_token_provider\(credential, "https:\/\/cognitiveservices\.azure\.com\/\.default"\)/,
    );
  });

  it('rest-auth-header renames the header and adds Bearer', () => {
    assert.match(
      fixed(
        '@t = {{$aadToken}}\nPOST https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=1\napi-key: {{t_token}}\n',
        'http',
        'rest-auth-header',
        '/w/a.http',
      ),
      /\nAuthorization: Bearer \{\{t_token\}\}\n/,
    );
    assert.match(
      fixed(
        'curl https://x.openai.azure.com/openai/v1/models -H "Authentication: Bearer $TOKEN"\n',
        'shellscript',
        'rest-auth-header',
        '/w/a.sh',
      ),
      /-H "Authorization: Bearer \$TOKEN"/,
    );
    assert.match(
      fixed(
        'requests.post("https://x.openai.azure.com/openai/v1/models", headers={"Authorization": token})\n',
        'python',
        'rest-auth-header',
      ),
      /\{"Authorization": f"Bearer \{token\}"\}/,
    );
  });

  it('plain-openai-class-azure-endpoint rewrites to the v1 base URL keeping the resource', () => {
    assert.match(
      fixed(
        'from openai import OpenAI\nc = OpenAI(base_url="https://my-res.openai.azure.com/", api_key=tp)\n',
        'python',
        'plain-openai-class-azure-endpoint',
      ),
      /base_url="https:\/\/my-res\.openai\.azure\.com\/openai\/v1\/"/,
    );
  });

  it('inference-endpoint names the typo and points to the v1 API, never to /models', () => {
    for (const [code, v1] of [
      [
        'c = ChatCompletionsClient(endpoint="https://r.services.ai.azure.com/model", credential=AzureKeyCredential(k), model="m")\n',
        'https://r.services.ai.azure.com/openai/v1/',
      ],
      [
        'c = ChatCompletionsClient(endpoint="https://r.openai.azure.com/deployments/gpt-4o", credential=AzureKeyCredential(k))\n',
        'https://r.openai.azure.com/openai/v1/',
      ],
    ]) {
      const f = analyzeDocument(code, 'python', { fileName: '/w/f.py' }).findings.find(
        (x) => x.rule === 'inference-endpoint',
      );
      assert.ok(f, code);
      assert.ok(f.message.includes(`base_url ${v1}`), f.message);
      assert.match(f.message, /typo/);
      for (const fx of f.fixes)
        for (const e of fx.edits) assert.doesNotMatch(e.newText, /\/models\b|ChatCompletionsClient/);
    }
  });

  it('token-scope keeps the resource form for az --resource and the sovereign scope for .us', () => {
    assert.match(
      fixed(
        'curl https://x.openai.azure.com/openai/v1/models\naz account get-access-token --resource https://management.azure.com\n',
        'shellscript',
        'token-scope',
        '/w/a.sh',
      ),
      /--resource https:\/\/ai\.azure\.com\n/, // the v1 API's documented audience (update §1a)
    );
    assert.match(
      fixed(
        'tp = get_bearer_token_provider(cred, "https://cognitiveservices.azure.com/.default")\nc = AzureOpenAI(azure_endpoint="https://x.openai.azure.us", api_version="1", azure_ad_token_provider=tp)\n',
        'python',
        'token-scope',
      ),
      /"https:\/\/cognitiveservices\.azure\.us\/\.default"/,
    );
  });

  it('sdk-version bumps pinned versions in manifests', () => {
    assert.equal(
      fixed('openai==1.30.0\n', 'pip-requirements', 'sdk-version', '/w/requirements.txt'),
      'openai>=1.106.0\n',
    );
    assert.match(
      fixed('{ "dependencies": { "@azure/openai": "1.0.0-beta.12" } }', 'json', 'sdk-version', '/w/package.json'),
      /"@azure\/openai": "\^2\.0\.0"/,
    );
  });

  it('mixed-credentials removes the key argument', () => {
    assert.equal(
      fixed(
        'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", api_key=os.environ["K"], azure_ad_token_provider=tp)\n',
        'python',
        'mixed-credentials',
      ),
      'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", azure_ad_token_provider=tp)\n',
    );
  });

  it('hardcoded-key never puts the key in the message and reads it from the environment', () => {
    const text =
      'import os\nc = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", api_key="0123456789abcdef0123456789abcdef")\n';
    const r = analyzeDocument(text, 'python', { fileName: '/w/a.py' });
    const f = r.findings.find((x) => x.rule === 'hardcoded-key')!;
    assert.ok(!f.message.includes('0123456789abcdef'));
    assert.match(fixed(text, 'python', 'hardcoded-key'), /api_key=os\.environ\["AZURE_OPENAI_API_KEY"\]/);
  });

  it('static-token never echoes a literal token', () => {
    const text =
      'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", azure_ad_token="eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig")\n';
    const f = analyzeDocument(text, 'python', { fileName: '/w/a.py' }).findings.find((x) => x.rule === 'static-token')!;
    assert.ok(f && !f.message.includes('eyJ'));
  });
});
