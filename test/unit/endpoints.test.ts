import * as assert from 'node:assert/strict';
import { classifyEndpoint, correctTypoUrl } from '../../src/core/knowledge/endpoints';

describe('classifyEndpoint', () => {
  const cases: [string, string, string | undefined][] = [
    ['https://contoso.openai.azure.com/', 'azure-openai', 'contoso'],
    ['https://contoso.openai.azure.com/openai/v1/', 'openai-v1', 'contoso'],
    ['https://contoso.services.ai.azure.com/models', 'model-inference', 'contoso'],
    ['https://contoso.services.ai.azure.com/model', 'model-inference', 'contoso'],
    ['https://contoso.services.ai.azure.com/api/projects/p1', 'foundry-project', 'contoso'],
    ['https://<resource>.openai.azure.com', 'azure-openai', '<resource>'],
    ['https://${RES}.services.ai.azure.com/openai/v1/', 'openai-v1', '${RES}'],
    ['https://eastus.api.cognitive.microsoft.com/', 'regional', undefined],
    ['https://my-llama.eastus2.models.ai.azure.com', 'serverless', undefined],
    ['https://contoso.cognitiveservices.azure.com/', 'cognitive-services', 'contoso'],
  ];
  for (const [url, kind, resource] of cases) {
    it(`${url} is ${kind}`, () => {
      const info = classifyEndpoint(url);
      assert.equal(info?.kind, kind);
      assert.equal(info?.resource, resource);
    });
  }

  it('classifies the swapped-label typo host as the Azure OpenAI host it stands for', () => {
    const info = classifyEndpoint('https://contoso.azure.openai.com/');
    assert.equal(info?.kind, 'azure-openai');
    assert.equal(info?.typoHost, 'contoso.azure.openai.com');
    assert.equal(info?.resource, 'contoso');
    assert.equal(correctTypoUrl('https://contoso.azure.openai.us/openai'), 'https://contoso.openai.azure.us/openai');
    assert.equal(classifyEndpoint('https://contoso.openai.azure.com/')?.typoHost, undefined);
  });

  it('gives the US Gov scope for openai.azure.us', () => {
    assert.deepEqual(classifyEndpoint('https://x.openai.azure.us')?.scopes, [
      'https://cognitiveservices.azure.us/.default',
    ]);
  });

  it('returns undefined for non-Azure hosts', () => {
    assert.equal(classifyEndpoint('https://example.com/openai'), undefined);
  });
});
