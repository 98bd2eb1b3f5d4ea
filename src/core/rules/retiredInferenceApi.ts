// retired-inference-api: code that calls the Azure AI Model Inference API, retired on 2026-08-26 together
// with the azure-ai-inference SDKs (update §1b: Azure/azure-rest-api-specs PR #43907; facts [D12][D11]):
// azure-ai-inference clients in Python, JS (@azure-rest/ai-inference ModelClient), C# and Java, and REST calls
// to https://<res>.services.ai.azure.com/models/…. The move is the OpenAI client on the v1 API with the
// deployment name as `model` and a token provider for the v1 audience (update §1a; flink-agents PR #988);
// rewritten in place for the common Python and JS/TS shapes. Manifests stay with sdk-version.
import { openAiV1Base, v1Scope } from '../knowledge/endpoints';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { clientAnchor, defineRule, docsUrl, relatedFor, type RuleMeta } from './rule';
import { restRequests } from './restRequests';
import { jsRewrite, pythonRewrite } from './inferenceToOpenAi';

const MOVE =
  'move to the OpenAI client on the v1 API: base_url {v1}, the deployment name as `model`, no api-version, and a token provider for {scope}';

/** Clients per document the rewrite is computed for (each one scans the file for its calls). */
const MAX_REWRITES = 20;

export const meta = {
  id: 'retired-inference-api',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'code on the retired Azure AI Model Inference API (azure-ai-inference, `/models`)',
  docs: {
    url: docsUrl('retired-inference-api'),
    details:
      "The Azure AI Model Inference API (https://<resource>.services.ai.azure.com/models) and the azure-ai-inference SDKs were retired on 2026-08-26. Move to the OpenAI client on the v1 API (https://<resource>.openai.azure.com/openai/v1/ or a project's .../api/projects/<project>/openai/v1) with a token provider for https://ai.azure.com/.default.",
  },
  messages: {
    client: `{cls} is the Azure AI Inference SDK, which {when} together with the Model Inference API it calls: ${MOVE}.`,
    serverless: `{cls} is the Azure AI Inference SDK, which {when}; '{url}' is a serverless (Models-as-a-Service) endpoint: call it with its key over REST, or deploy the model to a Foundry resource and ${MOVE}.`,
    rest: `'{url}' is the Azure AI Model Inference API, which {when}: ${MOVE}.`,
  },
} satisfies RuleMeta;

export const retiredInferenceApi = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    const when = whenPhrase(TIMELINE.modelInferenceApiRetired, ctx.now);
    let rewrites = 0;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'inference') continue;
      const info = c.info;
      const serverless = info?.kind === 'serverless' || info?.kind === 'managed-online';
      const v1 = info && !serverless ? openAiV1Base(info) : 'https://<resource>.openai.azure.com/openai/v1/';
      const scope = v1Scope(serverless ? undefined : info);
      let rewrite;
      if (info && !serverless && rewrites < MAX_REWRITES) {
        rewrites++;
        rewrite =
          doc.family === 'python'
            ? pythonRewrite(doc, c, v1, scope)
            : doc.family === 'js'
              ? jsRewrite(doc, c, v1, scope)
              : undefined;
      }
      ctx.report({
        messageId: serverless ? 'serverless' : 'client',
        data: { cls: c.spec.display, when, v1, scope, url: info?.url ?? '' },
        start: c.call.calleeStart,
        end: c.call.calleeEnd,
        related: relatedFor(doc, c.endpoint, clientAnchor(c)[0], 'endpoint'),
        fixes: rewrite ? [rewrite] : [],
        ...(info ? { endpoint: info.url } : {}),
      });
    }
    const requests = restRequests(doc).filter((r) => r.info.kind === 'model-inference');
    // One defect, one finding: a /models URL kept in a variable is reported where a request uses it, not
    // also where the variable is assigned (the assignment is the finding's related location).
    const origins = requests.flatMap((r) => (r.written && r.origin ? [r.origin] : []));
    for (const r of requests) {
      if (!r.written && origins.some((o) => r.start < o.end && o.start < r.end)) continue;
      ctx.report({
        messageId: 'rest',
        data: { url: r.url, when, v1: openAiV1Base(r.info), scope: v1Scope(r.info) },
        start: r.start,
        end: r.end,
        ...(r.written && r.origin
          ? {
              related: [
                { file: doc.fileName, range: doc.range(r.origin.start, r.origin.end), message: 'endpoint set here' },
              ],
            }
          : {}),
        endpoint: r.url,
      });
    }
  },
});
