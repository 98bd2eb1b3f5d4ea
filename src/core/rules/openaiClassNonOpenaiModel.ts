// openai-class-non-openai-model: the Azure OpenAI classes serve OpenAI models on
// https://<resource>.openai.azure.com; a Llama / Mistral / Phi / DeepSeek / Cohere / Grok / MAI-DS-R1
// deployment is a Foundry (Models-as-a-Service) model (seed table, AzureOpenAI 401 row [D2]). The seed's
// remedy, the Azure AI Inference SDK, was retired on 2026-08-26 with the /models API (update §1b); today's
// remedy is the OpenAI client on the v1 API with the deployment name as `model` [D4] (flink-agents PR #988).
import { NON_OPENAI_MODEL } from '../knowledge/clients';
import { named, positional, type Arg } from '../model/calls';
import { argValue } from '../model/clients';
import { callsNamed } from './codeValues';
import { defineRule, docsUrl, type RuleContext, type RuleMeta } from './rule';

export const meta = {
  id: 'openai-class-non-openai-model',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: '`AzureOpenAI` with a non-OpenAI model (Llama, Mistral, DeepSeek...)',
  docs: {
    url: docsUrl('openai-class-non-openai-model'),
    details:
      'AzureOpenAI used with a non-OpenAI model (Models-as-a-Service): use the Azure AI Inference SDK or the v1 OpenAI client.',
  },
  messages: {
    nonOpenaiModel:
      '{cls} serves OpenAI models on https://<resource>.openai.azure.com/openai/deployments; \'{model}\' is not an OpenAI model, so the call fails (401/404). Call it with the OpenAI client on the v1 API: base_url https://<resource>.openai.azure.com/openai/v1/, model="{model}" (the deployment name), no api_version, and a token provider for https://ai.azure.com/.default.',
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

export const openaiClassNonOpenaiModel = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    const aoai = ctx.clients.filter((c) => c.spec.family === 'azure-openai');
    if (aoai.length === 0) return;
    // Other client kinds in the same file make per-request `model` ambiguous: then only constructor args count.
    const onlyAoai = ctx.clients.every((c) => c.spec.family === 'azure-openai');
    const candidates: Array<{ arg: Arg; cls: string }> = [];
    for (const c of aoai) {
      const args = doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args;
      const dep = named(args, 'azure_deployment', 'deployment');
      if (dep) candidates.push({ arg: dep, cls: c.spec.display });
    }
    const cls = aoai[0].spec.display;
    if (doc.family === 'java') {
      // getChatCompletions(deploymentOrModelName, options) exists only on com.azure.ai.openai clients
      for (const call of callsNamed(doc, ['getChatCompletions', 'getChatCompletionsStream', 'getEmbeddings'])) {
        const a = positional(call.args, 0);
        if (a) candidates.push({ arg: a, cls });
      }
    }
    if (onlyAoai) {
      if (doc.family === 'python' || doc.family === 'js') {
        for (const call of callsNamed(doc, ['create'])) {
          const args = doc.family === 'js' ? (call.args[0]?.props ?? []) : call.args;
          const model = named(args, 'model');
          if (model) candidates.push({ arg: model, cls });
        }
      } else if (doc.family === 'csharp') {
        for (const call of callsNamed(doc, ['GetChatClient', 'GetEmbeddingClient'])) {
          const a = named(call.args, 'deploymentName') ?? positional(call.args, 0);
          if (a) candidates.push({ arg: a, cls });
        }
      }
    }
    for (const { arg, cls: name } of candidates) report(ctx, arg, name);
  },
});

function report(ctx: Ctx, arg: Arg, cls: string) {
  const value = argValue(ctx.doc, arg);
  if (!value?.value || !NON_OPENAI_MODEL.test(value.value.trim())) return;
  const model = value.value.trim();
  ctx.report({
    messageId: 'nonOpenaiModel',
    data: { cls, model },
    start: arg.start,
    end: arg.end,
    related: value.envValue
      ? [{ file: value.envValue.file, range: value.envValue.range, message: `model set here (${value.envName})` }]
      : [],
  });
}
