// openai-class-endpoint: the Azure OpenAI client classes (AzureOpenAI / AsyncAzureOpenAI, JS AzureOpenAI,
// .NET AzureOpenAIClient, Java OpenAIClientBuilder) need https://<resource>.openai.azure.com. Given the
// /models endpoint, the v1 URL (they add /deployments/<model>: 404 [I17]), a project endpoint, or a full
// deployment URL, the call fails with 401/404 (seed table, AzureOpenAI row; facts §1, [D2]).
import { azureOpenAiBase, correctTypoUrl, openAiV1Base } from '../knowledge/endpoints';
import type { ClientUse } from '../scan/clients';
import { configEntries } from '../scan/configEntries';
import { classifyEndpoint } from '../knowledge/endpoints';
import { clientAnchor, edit, fix, fixes, relatedFor, replaceValueEdit, type Rule, type RuleContext } from './rule';

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
      let altFix: ReturnType<typeof fix>;
      if (info.typoHost) {
        reportTypo(ctx, c);
        continue;
      }
      switch (info.kind) {
        case 'model-inference':
          problem = `'${url}' is the model inference endpoint: use ChatCompletionsClient (Azure AI Inference SDK), or the OpenAI client with base_url ${openAiV1Base(info)}`;
          break;
        case 'openai-v1':
          problem = `'${url}' is the v1 API base URL, and ${cls} adds /openai/deployments/<model> to it, so calls return 404 [I17]: pass ${aoai}, or use the plain OpenAI client with base_url '${url}' and no api_version`;
          if (doc.family === 'python' && !c.envFallback) altFix = switchToPlainOpenAi(ctx, c);
          break;
        case 'foundry-project':
          problem = `'${url}' is an Azure AI Foundry project endpoint (for AIProjectClient; get an OpenAI client from project.get_openai_client())`;
          break;
        case 'serverless':
        case 'managed-online':
          problem = `'${url}' is a ${info.kind === 'serverless' ? 'serverless (Models-as-a-Service)' : 'managed online'} endpoint, which only the Azure AI Inference SDK (ChatCompletionsClient) can call`;
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
      const rewrite =
        info.kind === 'serverless' || info.kind === 'managed-online'
          ? undefined
          : fix(`Use ${aoai}`, [replaceValueEdit(doc, c.endpoint, aoai)], true);
      ctx.report({
        message: `${cls} needs an Azure OpenAI resource endpoint (https://<resource>.openai.azure.com); ${problem}.`,
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(rewrite, altFix),
        endpoint: url,
      });
    }
  },
};

/** The swapped-label host `<res>.azure.openai.com` (the openai docstrings' typo, facts §1 notes): it does not resolve. */
function typoProblem(host: string, corrected: string): string {
  return `the host '${host}' has its labels swapped (a typo the openai docstrings spread); the Azure OpenAI host is '${corrected}', so this name does not resolve and no request reaches Azure`;
}

function reportTypo(ctx: RuleContext, c: ClientUse) {
  const { doc } = ctx;
  const info = c.info!;
  const fixedUrl = correctTypoUrl(c.endpoint?.value ?? info.url);
  const [start, end] = clientAnchor(c);
  const corrected = /^https?:\/\/([^/?#\s:]+)/i.exec(correctTypoUrl(info.url))?.[1] ?? info.host;
  ctx.report({
    message: `${c.spec.display} needs an Azure OpenAI resource endpoint (https://<resource>.openai.azure.com); ${typoProblem(info.typoHost!, corrected)}.`,
    start,
    end,
    related: relatedFor(doc, c.endpoint, start, 'endpoint'),
    fixes: fixes(fix(`Use ${fixedUrl}`, [replaceValueEdit(doc, c.endpoint, fixedUrl)], true)),
    endpoint: info.url,
  });
}

/** Python: AzureOpenAI(azure_endpoint=v1, azure_ad_token_provider=p, api_version=..) -> OpenAI(base_url=v1, api_key=p) [D4]. */
function switchToPlainOpenAi(ctx: RuleContext, c: ClientUse) {
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
function checkConfig(ctx: RuleContext) {
  const { doc } = ctx;
  for (const e of configEntries(doc)) {
    if (!/(?:^|:)(?:AZURE_OPENAI_ENDPOINT|AzureOpenAI[:_]+Endpoint)$/i.test(e.name)) continue;
    const info = classifyEndpoint(e.value);
    if (!info) continue;
    const aoai = azureOpenAiBase(info);
    let problem: string | undefined;
    let target = aoai;
    if (info.typoHost) {
      target = correctTypoUrl(e.value);
      problem = typoProblem(info.typoHost, /^https?:\/\/([^/?#\s:]+)/i.exec(target)?.[1] ?? info.host);
    } else if (info.kind === 'model-inference')
      problem = `'${info.url}' is the model inference endpoint (for ChatCompletionsClient)`;
    else if (info.kind === 'openai-v1')
      problem = `'${info.url}' is the v1 API base URL (for the plain OpenAI client); AzureOpenAI adds /openai/deployments/<model> to it and gets 404`;
    else if (info.kind === 'foundry-project') problem = `'${info.url}' is an Azure AI Foundry project endpoint`;
    else if (info.kind === 'azure-openai' && info.path.replace(/\/+$/, '') !== '')
      problem = `'${info.url}' includes a path; the clients append /openai/deployments/<deployment> themselves`;
    if (!problem) continue;
    ctx.report({
      message: `${/AZURE_OPENAI_ENDPOINT$/i.test(e.name) ? 'AZURE_OPENAI_ENDPOINT' : e.name} is read by AzureOpenAI / AzureOpenAIClient as the resource endpoint (https://<resource>.openai.azure.com); ${problem}. Set it to ${target}.`,
      start: e.valueStart,
      end: e.valueEnd,
      fixes: fixes(fix(`Use ${target}`, [edit(doc, e.valueStart, e.valueEnd, target)], true)),
      endpoint: info.url,
    });
  }
}
