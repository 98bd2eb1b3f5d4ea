// inference-endpoint: the Azure AI Inference SDK clients need …services.ai.azure.com/models, or an
// Azure OpenAI deployment URL …openai.azure.com/openai/deployments/<d> [D1][D2][D5]. Flags the doc typos
// users copy (/model singular, /deployments without /openai/ [D2]), the bare resource root, the v1 URL
// and project endpoints; load_client only works on serverless / managed compute [PS2][PS5].
import { modelsEndpoint, originOf } from '../knowledge/endpoints';
import { named } from '../scan/calls';
import {
  clientAnchor,
  defineRule,
  docsUrl,
  edit,
  fix,
  fixes,
  relatedFor,
  replaceValueEdit,
  type RuleMeta,
} from './rule';

export const meta = {
  id: 'inference-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: 'Inference SDK on a wrong URL (`/model`, missing `/openai/`, v1, project)',
  docs: {
    url: docsUrl('inference-endpoint'),
    details:
      'Azure AI Inference client pointed at an endpoint shape it cannot call (needs https://<resource>.services.ai.azure.com/models or .../openai/deployments/<d>).',
  },
  messages: {
    loadClient:
      "{cls}: load_client() reads GET /info, which only serverless and managed-compute endpoints serve; '{url}' is {service}: construct ChatCompletionsClient directly.",
    modelSingular:
      "{cls}: '{url}' ends in /model (singular, a typo in the troubleshooting doc); the model inference endpoint is {target}.",
    beyondModels: "{cls}: '{url}' goes beyond the endpoint: the SDK adds /chat/completions itself, so pass {target}.",
    resourceRoot:
      "{cls}: '{url}' is the resource root; the model inference endpoint is {target} (the SDK adds /chat/completions and sends `model` in the body).",
    missingOpenaiSegment:
      "{cls}: '{url}' misses /openai/ (a typo in the troubleshooting doc); an Azure OpenAI deployment URL is {target}.",
    azureOpenaiRoot:
      "{cls}: '{url}' is an Azure OpenAI resource root; {cls} needs the deployment URL {target} (or use AzureOpenAI).",
    beyondDeployment: "{cls}: '{url}' goes beyond the deployment URL; pass {target} (the SDK adds /chat/completions).",
    v1Api: "{cls}: '{url}' is the Azure OpenAI v1 API, which the OpenAI client calls; {cls} needs {target}.",
    project:
      "{cls}: '{url}' is an Azure AI Foundry project endpoint (for AIProjectClient); {cls} needs the model inference endpoint {target}.",
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
      const origin = originOf(url);
      const cls = c.spec.display;
      const modelArg = named(c.args, 'model');
      const model = modelArg ? ctx.resolver.resolve(modelArg.start, modelArg.end)?.value : undefined;
      const deployment = model || '<deployment>';
      let problem: keyof typeof meta.messages | undefined;
      let target: string | undefined;
      let alt: string | undefined;
      let loadClientFix: ReturnType<typeof fix>;
      const path = info.path.replace(/\/+$/, '');
      if (c.spec.className === 'load_client') {
        if (info.kind !== 'serverless' && info.kind !== 'managed-online') {
          problem = 'loadClient';
          const importLine = /^[ \t]*from\s+azure\.ai\.inference\s+import\b[^\n]*$/m.exec(doc.text);
          const needsImport = !/\bChatCompletionsClient\b/.test(doc.code);
          loadClientFix = fix(
            'Use ChatCompletionsClient',
            [
              edit(doc, c.call.calleeStart, c.call.calleeEnd, 'ChatCompletionsClient'),
              needsImport && importLine
                ? edit(
                    doc,
                    importLine.index,
                    importLine.index,
                    `from azure.ai.inference import ChatCompletionsClient${doc.eol()}`,
                  )
                : undefined,
            ],
            true,
          );
        }
      } else {
        switch (info.kind) {
          case 'model-inference':
            if (/^\/model$/i.test(path)) {
              problem = 'modelSingular';
              target = `${origin}/models`;
            } else if (!/^\/models$/i.test(path)) {
              problem = 'beyondModels';
              target = `${origin}/models`;
            }
            break;
          case 'ai-services':
            problem = 'resourceRoot';
            target = `${origin}/models`;
            break;
          case 'azure-openai': {
            const m = /^\/deployments\/([^/]+)/i.exec(path);
            if (m) {
              problem = 'missingOpenaiSegment';
              target = `${origin}/openai/deployments/${m[1]}`;
            } else if (path === '' || path === '/openai') {
              problem = 'azureOpenaiRoot';
              target = `${origin}/openai/deployments/${deployment}`;
              alt = info.cloud === 'public' ? modelsEndpoint(info) : undefined;
            } else if (!/^\/openai\/deployments\/[^/]+$/i.test(path)) {
              problem = 'beyondDeployment';
              target = `${origin}/openai/deployments/${info.deployment ?? deployment}`;
            }
            break;
          }
          case 'openai-v1':
            problem = 'v1Api';
            target = modelsEndpoint(info);
            break;
          case 'foundry-project':
            problem = 'project';
            target = modelsEndpoint(info);
            break;
          default:
            break;
        }
      }
      if (!problem) continue;
      const [start, end] = clientAnchor(c);
      ctx.report({
        messageId: problem,
        data: { cls, url, service: info.description.replace(/ \(.*$/, ''), target: target ?? '' },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(
          loadClientFix,
          target ? fix(`Use ${target}`, [replaceValueEdit(doc, c.endpoint, target)], true) : undefined,
          alt ? fix(`Use ${alt}`, [replaceValueEdit(doc, c.endpoint, alt)]) : undefined,
        ),
        endpoint: url,
      });
    }
  },
});
