// plain-openai-class-azure-endpoint: the plain OpenAI client (openai-py/node OpenAI, .NET OpenAIClient,
// openai-java OpenAIOkHttpClient) only works with Azure through the v1 base URL …/openai/v1/ [D4]; any
// other Azure URL (resource root, /openai/deployments/…, /models) gives 404/401 (seed: "You can't use
// `OpenAI` class" with the classic endpoint). A project's own …/api/projects/<p>/openai/v1 is a v1 surface
// too (update §1b) and is accepted; a bare project endpoint is pointed at it.
import { openAiV1Base, v1Scope } from '../knowledge/endpoints';
import { clientAnchor, defineRule, docsUrl, fix, fixes, relatedFor, replaceValueEdit, type RuleMeta } from './rule';

const AZURE_KINDS = new Set([
  'azure-openai',
  'model-inference',
  'ai-services',
  'cognitive-services',
  'foundry-project',
]);

export const meta = {
  id: 'plain-openai-class-azure-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: 'plain `OpenAI` client on an Azure URL that is not `/openai/v1/`',
  docs: {
    url: docsUrl('plain-openai-class-azure-endpoint'),
    details:
      "Plain OpenAI client pointed at an Azure endpoint that is not a v1 base URL (https://<resource>.openai.azure.com/openai/v1/ or a project's …/api/projects/<project>/openai/v1).",
  },
  messages: {
    notV1:
      "{cls} talks to Azure only through the v1 API: {param} '{url}' is {service}, not a v1 base URL; set it to {v1} (deployment name in `model`, no api-version) with a token provider for {scope}.",
  },
} satisfies RuleMeta;

export const plainOpenaiClassAzureEndpoint = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'openai' || !c.info || !AZURE_KINDS.has(c.info.kind)) continue;
      const url = c.info.url;
      const v1 = openAiV1Base(c.info);
      const param = c.envFallback ?? c.endpointParam ?? 'base_url';
      const [start, end] = clientAnchor(c);
      ctx.report({
        messageId: 'notV1',
        data: {
          cls: c.spec.display,
          param,
          url,
          service: c.info.description.replace(/ \(.*$/, ''),
          v1,
          scope: v1Scope(c.info),
        },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'base URL'),
        fixes: fixes(fix(`Use ${v1}`, [replaceValueEdit(doc, c.endpoint, v1)], true)),
        endpoint: url,
      });
    }
  },
});
