// retired-inference-api: the Python and JS/TS rewrites to the OpenAI client on the v1 API (exact output),
// the clock's tense, REST calls to /models, and C#/Java (message only).
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { applyTextEdits } from '../../src/core/fixes';

const find = (text: string, languageId: string, fileName: string, now?: Date) =>
  analyzeDocument(text, languageId, { fileName, now }).findings.filter((f) => f.rule === 'retired-inference-api');

const PY = `from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.identity import DefaultAzureCredential

client = ChatCompletionsClient(
    endpoint="https://contoso.services.ai.azure.com/models",
    credential=DefaultAzureCredential(),
    credential_scopes=["https://cognitiveservices.azure.com/.default"],
    model="gpt-4o",
)
response = client.complete(messages=[SystemMessage(content="Be brief."), UserMessage(content="Hi")])
`;
const PY_AFTER = `from openai import OpenAI
from azure.identity import get_bearer_token_provider, DefaultAzureCredential

client = OpenAI(base_url="https://contoso.services.ai.azure.com/openai/v1/", api_key=get_bearer_token_provider(DefaultAzureCredential(), "https://ai.azure.com/.default"))
response = client.chat.completions.create(messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}], model="gpt-4o")
`;
const JS = `import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";

const client = ModelClient("https://contoso.services.ai.azure.com/models", new DefaultAzureCredential());
const response = await client.path("/chat/completions").post({ body: { messages, model: "gpt-4o" } });
console.log(response.body.choices[0].message.content);
`;
const JS_AFTER = `import OpenAI from "openai";
import { getBearerTokenProvider, DefaultAzureCredential } from "@azure/identity";

const client = new OpenAI({ baseURL: "https://contoso.services.ai.azure.com/openai/v1/", apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default") });
const response = await client.chat.completions.create({ messages, model: "gpt-4o" });
console.log(response.choices[0].message.content);
`;

describe('retired-inference-api', () => {
  it('Python: rewrites construction, complete(), message classes and imports; nothing left to report', () => {
    const [f] = find(PY, 'python', '/w/a.py');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    const out = applyTextEdits(PY, f.fixes.find((x) => x.preferred)!.edits)!;
    assert.equal(out, PY_AFTER);
    assert.deepEqual(analyzeDocument(out, 'python', { fileName: '/w/a.py' }).findings, []);
  });

  it('Python: a key credential becomes api_key, embed() becomes embeddings.create()', () => {
    const code = `from azure.ai.inference import EmbeddingsClient\nfrom azure.core.credentials import AzureKeyCredential\nc = EmbeddingsClient(endpoint="https://r.services.ai.azure.com/models", credential=AzureKeyCredential(key))\nv = c.embed(input=["a"], model="text-embedding-3-small")\n`;
    const [f] = find(code, 'python', '/w/e.py');
    const out = applyTextEdits(code, f.fixes[0].edits)!;
    assert.equal(
      out,
      `from openai import OpenAI\nc = OpenAI(base_url="https://r.services.ai.azure.com/openai/v1/", api_key=key)\nv = c.embeddings.create(input=["a"], model="text-embedding-3-small")\n`,
    );
  });

  it('JS/TS: rewrites ModelClient, path().post({ body }) and response.body', () => {
    const [f] = find(JS, 'typescript', '/w/a.ts');
    assert.ok(f);
    const out = applyTextEdits(JS, f.fixes.find((x) => x.preferred)!.edits)!;
    assert.equal(out, JS_AFTER);
    assert.deepEqual(analyzeDocument(out, 'typescript', { fileName: '/w/a.ts' }).findings, []);
  });

  it('offers no rewrite for shapes it cannot finish (isUnexpected), C# and Java: message only', () => {
    const js = `${JS}if (isUnexpected(response)) throw response.body.error;\n`;
    assert.deepEqual(find(js, 'typescript', '/w/b.ts')[0].fixes, []);
    const cs =
      'var client = new ChatCompletionsClient(new Uri("https://r.services.ai.azure.com/models"), new DefaultAzureCredential());\n';
    const [c] = find(cs, 'csharp', '/w/A.cs');
    assert.ok(c);
    assert.deepEqual(c.fixes, []);
    assert.match(
      c.message,
      /OpenAI client on the v1 API: base_url https:\/\/r\.services\.ai\.azure\.com\/openai\/v1\//,
    );
  });

  it('takes its tense from the clock and flags REST calls to /models', () => {
    const curl =
      'curl -X POST "https://r.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview" -H "Authorization: Bearer $T" -d \'{"model":"m"}\'\n';
    const before = find(curl, 'shellscript', '/w/a.sh', new Date('2026-08-25T12:00:00Z'))[0];
    const after = find(curl, 'shellscript', '/w/a.sh', new Date('2026-08-26T00:00:00Z'))[0];
    assert.match(before.message, /will be retired on 2026-08-26/);
    assert.match(after.message, /was retired on 2026-08-26/);
  });
});
