// inference-endpoint: an Azure AI Inference SDK client pointed at a URL it cannot call: the doc typos users
// copy (/model singular, /deployments without /openai/ [D2]), the bare resource root, the v1 URL, project
// endpoints; load_client only works on serverless / managed compute [PS2][PS5]. The SDK and the /models API
// it calls were retired on 2026-08-26 (update §1b), so the remedy is never "fix the /models URL": it is the
// OpenAI client on the v1 API with the right audience (the rewrite lives with retired-inference-api).
import { openAiV1Base, originOf, v1Scope } from '../knowledge/endpoints';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { clientAnchor, relatedFor, type Rule } from './rule';

export const inferenceEndpoint: Rule = {
  id: 'inference-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'inference' || !c.info) continue;
      const info = c.info;
      const url = info.url;
      const origin = originOf(url);
      const cls = c.spec.display;
      let problem: string | undefined;
      const path = info.path.replace(/\/+$/, '');
      if (c.spec.className === 'load_client') {
        if (info.kind !== 'serverless' && info.kind !== 'managed-online')
          problem = `load_client() reads GET /info, which only serverless and managed-compute endpoints serve; '${url}' is ${info.description.replace(/ \(.*$/, '')}`;
      } else {
        switch (info.kind) {
          case 'model-inference':
            if (/^\/model$/i.test(path))
              problem = `'${url}' ends in /model (singular, a typo in the troubleshooting doc [D2]), which no API serves`;
            else if (!/^\/models$/i.test(path))
              problem = `'${url}' goes beyond the endpoint: the SDK adds /chat/completions itself`;
            break;
          case 'ai-services':
            problem = `'${url}' is the resource root, which the SDK cannot call`;
            break;
          case 'azure-openai': {
            if (/^\/deployments\/[^/]+/i.test(path))
              problem = `'${url}' misses /openai/ (a typo in the troubleshooting doc [D2])`;
            else if (path === '' || path === '/openai')
              problem = `'${url}' is an Azure OpenAI resource root; ${cls} needs a deployment URL`;
            else if (!/^\/openai\/deployments\/[^/]+$/i.test(path))
              problem = `'${url}' goes beyond the deployment URL (the SDK adds /chat/completions)`;
            break;
          }
          case 'openai-v1':
          case 'project-openai-v1':
            problem = `'${url}' is a v1 API base URL, which the OpenAI client calls, not ${cls}`;
            break;
          case 'foundry-project':
            problem = `'${url}' is an Azure AI Foundry project endpoint (for AIProjectClient)`;
            break;
          default:
            break;
        }
      }
      if (!problem) continue;
      const v1 = info.kind === 'serverless' || info.kind === 'managed-online' ? undefined : openAiV1Base(info);
      const remedy = v1
        ? `use the OpenAI client on the v1 API instead: base_url ${v1} (deployment name as \`model\`, no api-version) with a token provider for ${v1Scope(info)}`
        : `call ${origin} with its key over REST`;
      const [start, end] = clientAnchor(c);
      ctx.report({
        message: `${cls}: ${problem}. The Azure AI Inference SDK and the Model Inference API ${whenPhrase(TIMELINE.inferenceSdkRetired, ctx.now)}, so ${remedy}.`,
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        endpoint: url,
      });
    }
  },
};
