// openai-class-endpoint: the Azure OpenAI client classes (AzureOpenAI / AsyncAzureOpenAI, JS AzureOpenAI,
// .NET AzureOpenAIClient, Java OpenAIClientBuilder) need https://<resource>.openai.azure.com. Given the
// /models endpoint, the v1 URL (they add /deployments/<model>: 404 [I17]), a project endpoint, or a full
// deployment URL, the call fails with 401/404 (seed table, AzureOpenAI row; facts §1, [D2]).
import { azureOpenAiBase, openAiV1Base } from '../knowledge/endpoints';
import type { ClientUse } from '../scan/clients';
import { configEntries } from '../scan/configEntries';
import { classifyEndpoint } from '../knowledge/endpoints';
import {
  clientAnchor,
  defineRule,
  docsUrl,
  edit,
  fix,
  fixes,
  relatedFor,
  replaceValueEdit,
  type RuleContext,
  type RuleMeta,
} from './rule';

const ROOT_PARAMS = new Set(['azure_endpoint', 'endpoint', undefined]);

const NEEDS = '{cls} needs an Azure OpenAI resource endpoint (https://<resource>.openai.azure.com); ';
const READ_BY =
  '{name} is read by AzureOpenAI / AzureOpenAIClient as the resource endpoint (https://<resource>.openai.azure.com); ';

export const meta = {
  id: 'openai-class-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'config'],
  description: '`AzureOpenAI`/`AzureOpenAIClient` pointed at a `/models`, `/openai/v1/` or project URL',
  docs: {
    url: docsUrl('openai-class-endpoint'),
    details:
      'AzureOpenAI / AzureOpenAIClient pointed at an endpoint it cannot call (model inference /models, a project, or the v1 /openai/v1/ base URL).',
  },
  messages: {
    modelInference: `${NEEDS}'{url}' is the model inference endpoint: use ChatCompletionsClient (Azure AI Inference SDK), or the OpenAI client with base_url {v1}.`,
    v1BaseUrl: `${NEEDS}'{url}' is the v1 API base URL, and {cls} adds /openai/deployments/<model> to it, so calls return 404: pass {aoai}, or use the plain OpenAI client with base_url '{url}' and no api_version.`,
    project: `${NEEDS}'{url}' is an Azure AI Foundry project endpoint (for AIProjectClient; get an OpenAI client from project.get_openai_client()).`,
    serverless: `${NEEDS}'{url}' is a serverless (Models-as-a-Service) endpoint, which only the Azure AI Inference SDK (ChatCompletionsClient) can call.`,
    managedOnline: `${NEEDS}'{url}' is a managed online endpoint, which only the Azure AI Inference SDK (ChatCompletionsClient) can call.`,
    deploymentPath: `${NEEDS}{param} must be the resource root {aoai}; {cls} appends /openai/deployments/<deployment> itself, so '{url}' doubles the path and calls return 404.`,
    configModelInference: `${READ_BY}'{url}' is the model inference endpoint (for ChatCompletionsClient). Set it to {aoai}.`,
    configV1BaseUrl: `${READ_BY}'{url}' is the v1 API base URL (for the plain OpenAI client); AzureOpenAI adds /openai/deployments/<model> to it and gets 404. Set it to {aoai}.`,
    configProject: `${READ_BY}'{url}' is an Azure AI Foundry project endpoint. Set it to {aoai}.`,
    configPath: `${READ_BY}'{url}' includes a path; the clients append /openai/deployments/<deployment> themselves. Set it to {aoai}.`,
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

export const openaiClassEndpoint = defineRule({
  meta,
  check(ctx: Ctx) {
    const { doc } = ctx;
    if (doc.family === 'config') return checkConfig(ctx);
    for (const c of ctx.clients) {
      if (c.spec.family !== 'azure-openai' || !c.info) continue;
      const info = c.info;
      const url = info.url;
      const cls = c.spec.display;
      const param = c.envFallback ?? c.endpointParam ?? 'endpoint';
      const aoai = azureOpenAiBase(info);
      let problem: keyof typeof meta.messages | undefined;
      let altFix: ReturnType<typeof fix>;
      switch (info.kind) {
        case 'model-inference':
          problem = 'modelInference';
          break;
        case 'openai-v1':
          problem = 'v1BaseUrl';
          if (doc.family === 'python' && !c.envFallback) altFix = switchToPlainOpenAi(ctx, c);
          break;
        case 'foundry-project':
          problem = 'project';
          break;
        case 'serverless':
          problem = 'serverless';
          break;
        case 'managed-online':
          problem = 'managedOnline';
          break;
        case 'azure-openai': {
          const path = info.path.replace(/\/+$/, '');
          if (path === '' || (!ROOT_PARAMS.has(c.endpointParam) && !c.envFallback)) break;
          problem = 'deploymentPath';
          break;
        }
        default:
          break;
      }
      if (!problem) continue;
      const [start, end] = clientAnchor(c);
      const rewrite =
        info.kind === 'serverless' || info.kind === 'managed-online'
          ? undefined
          : fix(`Use ${aoai}`, [replaceValueEdit(doc, c.endpoint, aoai)], true);
      ctx.report({
        messageId: problem,
        data: {
          cls,
          url,
          aoai,
          param,
          ...(problem === 'modelInference' ? { v1: openAiV1Base(info) } : {}),
        },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(rewrite, altFix),
        endpoint: url,
      });
    }
  },
});

/** Python: AzureOpenAI(azure_endpoint=v1, azure_ad_token_provider=p, api_version=..) -> OpenAI(base_url=v1, api_key=p) [D4]. */
function switchToPlainOpenAi(ctx: Ctx, c: ClientUse) {
  const { doc } = ctx;
  const edits = [
    edit(doc, c.call.calleeStart, c.call.calleeEnd, c.spec.className.startsWith('Async') ? 'AsyncOpenAI' : 'OpenAI'),
  ];
  for (const a of c.call.args) {
    if (!a.name) continue;
    if (a.name === 'azure_endpoint') edits.push(edit(doc, a.fullStart, a.fullStart + a.name.length, 'base_url'));
    else if (a.name === 'azure_ad_token_provider')
      edits.push(edit(doc, a.fullStart, a.fullStart + a.name.length, 'api_key'));
    else if (a.name === 'api_version' || a.name === 'azure_deployment') {
      // delete the argument and its trailing comma
      let end = a.fullEnd;
      const after = /^\s*,[ \t]*(?:\r?\n[ \t]*)?/.exec(doc.code.slice(end, end + 100));
      if (after) end += after[0].length;
      edits.push(edit(doc, a.fullStart, end, ''));
    }
  }
  return fix('Switch to the OpenAI client (v1 API)', edits);
}

/** AZURE_OPENAI_ENDPOINT in .env / appsettings / local.settings / launch.json: the AzureOpenAI clients read it [P1][N1]. */
function checkConfig(ctx: Ctx) {
  const { doc } = ctx;
  for (const e of configEntries(doc)) {
    if (!/(?:^|:)(?:AZURE_OPENAI_ENDPOINT|AzureOpenAI[:_]+Endpoint)$/i.test(e.name)) continue;
    const info = classifyEndpoint(e.value);
    if (!info) continue;
    const aoai = azureOpenAiBase(info);
    let problem: keyof typeof meta.messages | undefined;
    if (info.kind === 'model-inference') problem = 'configModelInference';
    else if (info.kind === 'openai-v1') problem = 'configV1BaseUrl';
    else if (info.kind === 'foundry-project') problem = 'configProject';
    else if (info.kind === 'azure-openai' && info.path.replace(/\/+$/, '') !== '') problem = 'configPath';
    if (!problem) continue;
    ctx.report({
      messageId: problem,
      data: { name: /AZURE_OPENAI_ENDPOINT$/i.test(e.name) ? 'AZURE_OPENAI_ENDPOINT' : e.name, url: info.url, aoai },
      start: e.valueStart,
      end: e.valueEnd,
      fixes: fixes(fix(`Use ${aoai}`, [edit(doc, e.valueStart, e.valueEnd, aoai)], true)),
      endpoint: info.url,
    });
  }
}
