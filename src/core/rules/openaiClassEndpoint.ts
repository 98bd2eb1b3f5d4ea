// openai-class-endpoint: the Azure OpenAI client classes (AzureOpenAI / AsyncAzureOpenAI, JS AzureOpenAI,
// .NET AzureOpenAIClient, Java OpenAIClientBuilder) need https://<resource>.openai.azure.com. Given the
// /models endpoint, the v1 URL (they add /deployments/<model>: 404 [I17]), a project endpoint, or a full
// deployment URL, the call fails with 401/404 (seed table, AzureOpenAI row; facts §1, [D2]). Today's remedy
// comes first: the plain OpenAI client on the v1 API (update §1a, §1b), rewritten in place for Python and
// JS/TS; the resource-root rewrite that keeps AzureOpenAI stays as the alternative.
import { azureOpenAiBase, openAiV1Base, v1Scope } from '../knowledge/endpoints';
import { configEntries } from '../scan/configEntries';
import { classifyEndpoint } from '../knowledge/endpoints';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { clientAnchor, edit, fix, fixes, relatedFor, replaceValueEdit, type Rule, type RuleContext } from './rule';
import { switchToOpenAiV1 } from './toOpenAiV1';

const ROOT_PARAMS = new Set(['azure_endpoint', 'endpoint', undefined]);

export const openaiClassEndpoint: Rule = {
  id: 'openai-class-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'config'],
  check(ctx: RuleContext) {
    const { doc } = ctx;
    if (doc.family === 'config') return checkConfig(ctx);
    for (const c of ctx.clients) {
      if (c.spec.family !== 'azure-openai' || !c.info) continue;
      const info = c.info;
      const url = info.url;
      const cls = c.spec.display;
      const param = c.envFallback ?? c.endpointParam ?? 'endpoint';
      const aoai = azureOpenAiBase(info);
      let problem: string | undefined;
      /** The v1 base URL the OpenAI client should get (undefined: no v1 move fits this endpoint). */
      let v1: string | undefined;
      const v1Advice = (base: string) =>
        `the OpenAI client on the v1 API with base_url ${base} (no api_version, deployment name as \`model\`) and a token provider for ${v1Scope(info)}`;
      switch (info.kind) {
        case 'model-inference':
          v1 = openAiV1Base(info);
          problem = `'${url}' is the Azure AI Model Inference API, which ${whenPhrase(TIMELINE.modelInferenceApiRetired, ctx.now)}: use ${v1Advice(v1)}`;
          break;
        case 'openai-v1':
        case 'project-openai-v1':
          problem = `'${url}' is a v1 API base URL, and ${cls} adds /openai/deployments/<model> to it, so calls return 404 [I17]: use ${v1Advice(url)}, or pass ${aoai} to keep ${cls}`;
          break;
        case 'foundry-project':
          v1 = openAiV1Base(info);
          problem = `'${url}' is an Azure AI Foundry project endpoint (for AIProjectClient): use ${v1Advice(v1)} (what project.get_openai_client() returns in azure-ai-projects 2.x)`;
          break;
        case 'serverless':
        case 'managed-online':
          problem = `'${url}' is a ${info.kind === 'serverless' ? 'serverless (Models-as-a-Service)' : 'managed online'} endpoint, not an Azure OpenAI resource: call it with its key over REST, or deploy the model to a Foundry resource and use ${v1Advice('https://<resource>.openai.azure.com/openai/v1/')}`;
          break;
        case 'azure-openai': {
          const path = info.path.replace(/\/+$/, '');
          if (path === '' || (!ROOT_PARAMS.has(c.endpointParam) && !c.envFallback)) break;
          problem = `${param} must be the resource root ${aoai}; ${cls} appends /openai/deployments/<deployment> itself, so '${url}' doubles the path and calls return 404`;
          break;
        }
        default:
          break;
      }
      if (!problem) continue;
      const [start, end] = clientAnchor(c);
      const toV1 =
        info.kind === 'serverless' || info.kind === 'managed-online' || info.kind === 'azure-openai'
          ? undefined
          : switchToOpenAiV1(doc, c, v1, true);
      const rewrite =
        info.kind === 'serverless' || info.kind === 'managed-online'
          ? undefined
          : fix(`Use ${aoai}`, [replaceValueEdit(doc, c.endpoint, aoai)], !toV1);
      ctx.report({
        message: `${cls} needs an Azure OpenAI resource endpoint (https://<resource>.openai.azure.com); ${problem}.`,
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(toV1, rewrite),
        endpoint: url,
      });
    }
  },
};

/** AZURE_OPENAI_ENDPOINT in .env / appsettings / local.settings / launch.json: the AzureOpenAI clients read it [P1][N1]. */
function checkConfig(ctx: RuleContext) {
  const { doc } = ctx;
  for (const e of configEntries(doc)) {
    if (!/(?:^|:)(?:AZURE_OPENAI_ENDPOINT|AzureOpenAI[:_]+Endpoint)$/i.test(e.name)) continue;
    const info = classifyEndpoint(e.value);
    if (!info) continue;
    const aoai = azureOpenAiBase(info);
    let problem: string | undefined;
    if (info.kind === 'model-inference')
      problem = `'${info.url}' is the Azure AI Model Inference API, which ${whenPhrase(TIMELINE.modelInferenceApiRetired, ctx.now)} (the OpenAI client on ${openAiV1Base(info)} replaces it)`;
    else if (info.kind === 'openai-v1' || info.kind === 'project-openai-v1')
      problem = `'${info.url}' is a v1 API base URL (for the plain OpenAI client); AzureOpenAI adds /openai/deployments/<model> to it and gets 404`;
    else if (info.kind === 'foundry-project')
      problem = `'${info.url}' is an Azure AI Foundry project endpoint (its OpenAI surface is ${openAiV1Base(info)}, for the plain OpenAI client)`;
    else if (info.kind === 'azure-openai' && info.path.replace(/\/+$/, '') !== '')
      problem = `'${info.url}' includes a path; the clients append /openai/deployments/<deployment> themselves`;
    if (!problem) continue;
    ctx.report({
      message: `${/AZURE_OPENAI_ENDPOINT$/i.test(e.name) ? 'AZURE_OPENAI_ENDPOINT' : e.name} is read by AzureOpenAI / AzureOpenAIClient as the resource endpoint (https://<resource>.openai.azure.com); ${problem}. Set it to ${aoai}.`,
      start: e.valueStart,
      end: e.valueEnd,
      fixes: fixes(fix(`Use ${aoai}`, [edit(doc, e.valueStart, e.valueEnd, aoai)], true)),
      endpoint: info.url,
    });
  }
}
