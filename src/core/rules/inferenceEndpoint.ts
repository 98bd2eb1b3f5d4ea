// inference-endpoint: an Azure AI Inference SDK client pointed at a URL it cannot call: the doc typos users
// copy (/model singular, /deployments without /openai/ [D2]), the bare resource root, the v1 URL, project
// endpoints; load_client only works on serverless / managed compute [PS2][PS5]. The SDK and the /models API
// it calls were retired on 2026-08-26 (update §1b), so the remedy is never "fix the /models URL": it is the
// OpenAI client on the v1 API with the right audience (the rewrite lives with retired-inference-api).
import { openAiV1Base, originOf, v1Scope } from '../knowledge/endpoints';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { clientAnchor, defineRule, docsUrl, relatedFor, type RuleMeta } from './rule';

const MOVE =
  ' The Azure AI Inference SDK and the Model Inference API {when}, so use the OpenAI client on the v1 API instead: base_url {v1} (deployment name as `model`, no api-version) with a token provider for {scope}.';

export const meta = {
  id: 'inference-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: 'Inference SDK on a wrong URL (`/model`, missing `/openai/`, v1, project)',
  docs: {
    url: docsUrl('inference-endpoint'),
    details:
      'Azure AI Inference client pointed at an endpoint shape it cannot call (a doc typo, the resource root, the v1 URL or a project). The SDK was retired with the Model Inference API on 2026-08-26: move to the OpenAI client on .../openai/v1/.',
  },
  messages: {
    loadClient: `{cls}: load_client() reads GET /info, which only serverless and managed-compute endpoints serve; '{url}' is {service}.${MOVE}`,
    modelSingular: `{cls}: '{url}' ends in /model (singular, a typo in the troubleshooting doc), which no API serves.${MOVE}`,
    beyondModels: `{cls}: '{url}' goes beyond the endpoint (the SDK adds /chat/completions itself).${MOVE}`,
    resourceRoot: `{cls}: '{url}' is the resource root, which the SDK cannot call.${MOVE}`,
    missingOpenaiSegment: `{cls}: '{url}' misses /openai/ (a typo in the troubleshooting doc).${MOVE}`,
    azureOpenaiRoot: `{cls}: '{url}' is an Azure OpenAI resource root; {cls} needs a deployment URL.${MOVE}`,
    beyondDeployment: `{cls}: '{url}' goes beyond the deployment URL (the SDK adds /chat/completions).${MOVE}`,
    v1Api: `{cls}: '{url}' is a v1 API base URL, which the OpenAI client calls, not {cls}.${MOVE}`,
    project: `{cls}: '{url}' is an Azure AI Foundry project endpoint (for AIProjectClient).${MOVE}`,
  },
} satisfies RuleMeta;

export const inferenceEndpoint = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'inference' || !c.info) continue;
      const info = c.info;
      const url = info.url;
      const cls = c.spec.display;
      let messageId: keyof typeof meta.messages | undefined;
      const path = info.path.replace(/\/+$/, '');
      if (c.spec.className === 'load_client') {
        if (info.kind !== 'serverless' && info.kind !== 'managed-online') messageId = 'loadClient';
      } else {
        switch (info.kind) {
          case 'model-inference':
            if (/^\/model$/i.test(path)) messageId = 'modelSingular';
            else if (!/^\/models$/i.test(path)) messageId = 'beyondModels';
            break;
          case 'ai-services':
            messageId = 'resourceRoot';
            break;
          case 'azure-openai':
            if (/^\/deployments\/[^/]+/i.test(path)) messageId = 'missingOpenaiSegment';
            else if (path === '' || path === '/openai') messageId = 'azureOpenaiRoot';
            else if (!/^\/openai\/deployments\/[^/]+$/i.test(path)) messageId = 'beyondDeployment';
            break;
          case 'openai-v1':
          case 'project-openai-v1':
            messageId = 'v1Api';
            break;
          case 'foundry-project':
            messageId = 'project';
            break;
          default:
            break;
        }
      }
      if (!messageId) continue;
      const [start, end] = clientAnchor(c);
      ctx.report({
        messageId,
        data: {
          cls,
          url,
          origin: originOf(url),
          service: info.description.replace(/ \(.*$/, ''),
          when: whenPhrase(TIMELINE.inferenceSdkRetired, ctx.now),
          v1: openAiV1Base(info),
          scope: v1Scope(info),
        },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        endpoint: url,
      });
    }
  },
});
