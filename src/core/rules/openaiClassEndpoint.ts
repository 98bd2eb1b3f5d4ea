// openai-class-endpoint: the Azure OpenAI client classes (AzureOpenAI / AsyncAzureOpenAI, JS AzureOpenAI,
// .NET AzureOpenAIClient, Java OpenAIClientBuilder) need https://<resource>.openai.azure.com. Given the
// /models endpoint, the v1 URL (they add /deployments/<model>: 404 [I17]), a project endpoint, or a full
// deployment URL, the call fails with 401/404 (seed table, AzureOpenAI row; facts §1, [D2]). Today's remedy
// comes first: the plain OpenAI client on the v1 API (update §1a, §1b), rewritten in place for Python and
// JS/TS; the resource-root rewrite that keeps AzureOpenAI stays as the alternative.
import { azureOpenAiBase, correctTypoUrl, openAiV1Base, v1Scope } from '../knowledge/endpoints';
import type { ClientUse } from '../model/clients';
import { configEntries } from '../scan/configEntries';
import { classifyEndpoint } from '../knowledge/endpoints';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
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
import { switchToOpenAiV1 } from './toOpenAiV1';

const ROOT_PARAMS = new Set(['azure_endpoint', 'endpoint', undefined]);

const NEEDS = '{cls} needs an Azure OpenAI resource endpoint (https://<resource>.openai.azure.com); ';
const V1 =
  'the OpenAI client on the v1 API with base_url {v1} (no api_version, deployment name as `model`) and a token provider for {scope}';
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
    modelInference: `${NEEDS}'{url}' is the Azure AI Model Inference API, which {when}: use ${V1}.`,
    v1BaseUrl: `${NEEDS}'{url}' is a v1 API base URL, and {cls} adds /openai/deployments/<model> to it, so calls return 404: use ${V1}, or pass {aoai} to keep {cls}.`,
    project: `${NEEDS}'{url}' is an Azure AI Foundry project endpoint (for AIProjectClient): use ${V1} (what project.get_openai_client() returns in azure-ai-projects 2.x).`,
    serverless: `${NEEDS}'{url}' is a serverless (Models-as-a-Service) endpoint, not an Azure OpenAI resource: call it with its key over REST, or deploy the model to a Foundry resource and use ${V1}.`,
    managedOnline: `${NEEDS}'{url}' is a managed online endpoint, not an Azure OpenAI resource: call its scoring URL over REST, or deploy the model to a Foundry resource and use ${V1}.`,
    deploymentPath: `${NEEDS}{param} must be the resource root {aoai}; {cls} appends /openai/deployments/<deployment> itself, so '{url}' doubles the path and calls return 404.`,
    configModelInference: `${READ_BY}'{url}' is the Azure AI Model Inference API, which {when} (the OpenAI client on {v1} replaces it). Set it to {aoai}.`,
    configV1BaseUrl: `${READ_BY}'{url}' is the v1 API base URL (for the plain OpenAI client); AzureOpenAI adds /openai/deployments/<model> to it and gets 404. Set it to {aoai}.`,
    configProject: `${READ_BY}'{url}' is an Azure AI Foundry project endpoint (its OpenAI surface is {v1}, for the plain OpenAI client). Set it to {aoai}.`,
    configPath: `${READ_BY}'{url}' includes a path; the clients append /openai/deployments/<deployment> themselves. Set it to {aoai}.`,
    typoHost: `${NEEDS}the host '{host}' has its labels swapped (a typo the openai docstrings spread); the Azure OpenAI host is '{corrected}', so this name does not resolve and no request reaches Azure.`,
    configTypoHost: `${READ_BY}the host '{host}' has its labels swapped (a typo the openai docstrings spread); the Azure OpenAI host is '{corrected}', so this name does not resolve and no request reaches Azure. Set it to {target}.`,
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
      /** The v1 base URL the OpenAI client should get; undefined when the endpoint already is one. */
      let v1: string | undefined;
      if (info.typoHost) {
        reportTypo(ctx, c);
        continue;
      }
      switch (info.kind) {
        case 'model-inference':
          problem = 'modelInference';
          v1 = openAiV1Base(info);
          break;
        case 'openai-v1':
        case 'project-openai-v1':
          problem = 'v1BaseUrl';
          break;
        case 'foundry-project':
          problem = 'project';
          v1 = openAiV1Base(info);
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
      const elsewhere = info.kind === 'serverless' || info.kind === 'managed-online';
      // An endpoint from an env/config variable (AZURE_OPENAI_ENDPOINT) is shared configuration that the
      // AzureOpenAI clients read as the resource root [P1][N1]: there the root rewrite stays preferred (rewriting
      // the shared value to a v1 URL would make the config rule and the code rules undo each other's fixes).
      const fromEnv = !!c.endpoint?.envValue;
      const toV1 = elsewhere || info.kind === 'azure-openai' ? undefined : switchToOpenAiV1(doc, c, v1, !fromEnv);
      const rewrite = elsewhere
        ? undefined
        : fix(`Use ${aoai}`, [replaceValueEdit(doc, c.endpoint, aoai)], !toV1 || fromEnv);
      ctx.report({
        messageId: problem,
        data: {
          cls,
          url,
          aoai,
          param,
          v1: elsewhere ? 'https://<resource>.openai.azure.com/openai/v1/' : (v1 ?? url),
          scope: v1Scope(elsewhere ? undefined : info),
          when: whenPhrase(TIMELINE.modelInferenceApiRetired, ctx.now),
        },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(toV1, rewrite),
        endpoint: url,
      });
    }
  },
});

/** The host of a URL. */
function hostOf(url: string, fallback: string): string {
  return /^https?:\/\/([^/?#\s:]+)/i.exec(url)?.[1] ?? fallback;
}

/** The swapped-label host `<res>.azure.openai.com` (the openai docstrings' typo, facts §1 notes): it does not resolve. */
function reportTypo(ctx: Ctx, c: ClientUse) {
  const { doc } = ctx;
  const info = c.info!;
  const fixedUrl = correctTypoUrl(c.endpoint?.value ?? info.url);
  const [start, end] = clientAnchor(c);
  ctx.report({
    messageId: 'typoHost',
    data: {
      cls: c.spec.display,
      url: info.url,
      host: info.typoHost!,
      corrected: hostOf(correctTypoUrl(info.url), info.host),
    },
    start,
    end,
    related: relatedFor(doc, c.endpoint, start, 'endpoint'),
    fixes: fixes(fix(`Use ${fixedUrl}`, [replaceValueEdit(doc, c.endpoint, fixedUrl)], true)),
    endpoint: info.url,
  });
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
    const target = info.typoHost ? correctTypoUrl(e.value) : aoai;
    if (info.typoHost) problem = 'configTypoHost';
    else if (info.kind === 'model-inference') problem = 'configModelInference';
    else if (info.kind === 'openai-v1' || info.kind === 'project-openai-v1') problem = 'configV1BaseUrl';
    else if (info.kind === 'foundry-project') problem = 'configProject';
    else if (info.kind === 'azure-openai' && info.path.replace(/\/+$/, '') !== '') problem = 'configPath';
    if (!problem) continue;
    ctx.report({
      messageId: problem,
      data: {
        name: /AZURE_OPENAI_ENDPOINT$/i.test(e.name) ? 'AZURE_OPENAI_ENDPOINT' : e.name,
        url: info.url,
        aoai,
        target,
        host: info.typoHost ?? info.host,
        corrected: hostOf(target, info.host),
        v1: openAiV1Base(info),
        when: whenPhrase(TIMELINE.modelInferenceApiRetired, ctx.now),
      },
      start: e.valueStart,
      end: e.valueEnd,
      fixes: fixes(fix(`Use ${target}`, [edit(doc, e.valueStart, e.valueEnd, target)], true)),
      endpoint: info.url,
    });
  }
}
