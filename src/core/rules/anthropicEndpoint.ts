// anthropic-endpoint: Claude on Foundry speaks the Anthropic Messages API at
// https://<res>.services.ai.azure.com/anthropic (also <res>.openai.azure.com/anthropic) + /v1/messages, through
// anthropic.AnthropicFoundry (Py) or @anthropic-ai/foundry-sdk (JS) (update §1b: AAD-DOCS
// use-foundry-models-claude.md 02/17/2026). Claude through the OpenAI client or an /openai/... path answers
// 404 api_not_supported (Obs.: experientiallabs/experiential PR #702; update §2.13); AnthropicFoundry on another
// base URL misses the Messages API.
import { named, type Arg } from '../model/calls';
import { argValue } from '../model/clients';
import { callsNamed } from './codeValues';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';
import { restRequests } from './restRequests';

const CLAUDE = /^claude[\w.-]*$/i;
const ANTHROPIC_BASE = /^https:\/\/([^/\s]+\.(?:services\.ai|openai)\.azure\.com)\/anthropic\/?$/i;
const AZURE_HOST = /^https:\/\/([^/\s]+\.(?:services\.ai|openai|cognitiveservices)\.azure\.com)(?:\/|$)/i;

export const meta = {
  id: 'anthropic-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'http', 'shell'],
  description: 'Claude through the OpenAI client or path, or AnthropicFoundry off `/anthropic`',
  docs: {
    url: docsUrl('anthropic-endpoint'),
    details:
      'Claude models on Foundry are served by the Anthropic Messages API at https://<resource>.services.ai.azure.com/anthropic (AnthropicFoundry, @anthropic-ai/foundry-sdk), not by the OpenAI client or /openai/... paths (404).',
  },
  messages: {
    claudeOpenAi:
      "'{model}' is a Claude model: Foundry serves it through the Anthropic Messages API at https://<resource>.services.ai.azure.com/anthropic, not the OpenAI client or /openai/... (404 api_not_supported). Use AnthropicFoundry (anthropic) or @anthropic-ai/foundry-sdk with that base URL.",
    claudeRest:
      "This request sends the Claude model '{model}' to '{url}', an OpenAI path (404 api_not_supported): POST https://<resource>.services.ai.azure.com/anthropic/v1/messages in the Anthropic Messages format instead.",
    foundryBase:
      "{cls} needs the base URL https://<resource>.services.ai.azure.com/anthropic (it adds /v1/messages); '{url}' is not it. Use {target}.",
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

function checkClaudeThroughOpenAi(ctx: Ctx) {
  const { doc } = ctx;
  const openAiOnly =
    ctx.clients.length > 0 && ctx.clients.every((c) => c.spec.family === 'openai' || c.spec.family === 'azure-openai');
  if (!openAiOnly) return;
  const candidates: Arg[] = [];
  for (const c of ctx.clients) {
    const dep = named(
      doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args,
      'azure_deployment',
      'deployment',
    );
    if (dep) candidates.push(dep);
  }
  for (const call of callsNamed(doc, ['create'])) {
    const model = named(doc.family === 'js' ? (call.args[0]?.props ?? []) : call.args, 'model');
    if (model) candidates.push(model);
  }
  for (const arg of candidates) {
    const value = argValue(ctx.doc, arg)?.value?.trim();
    if (!value || !CLAUDE.test(value)) continue;
    ctx.report({ messageId: 'claudeOpenAi', data: { model: value }, start: arg.start, end: arg.end });
  }
}

export const anthropicEndpoint = defineRule({
  meta,
  check(ctx: Ctx) {
    const { doc } = ctx;
    if (!/claude|anthropic/i.test(doc.text)) return;
    if (doc.family === 'http' || doc.family === 'shell') {
      for (const r of restRequests(doc)) {
        if (!/^\/openai\//i.test(r.info.path)) continue;
        const model = /"model"\s*:\s*"(claude[\w.-]*)"/i.exec(r.rest)?.[1];
        if (model) ctx.report({ messageId: 'claudeRest', data: { model, url: r.url }, start: r.start, end: r.end });
      }
      return;
    }
    checkClaudeThroughOpenAi(ctx);
    for (const call of callsNamed(doc, ['AnthropicFoundry'])) {
      const args = doc.family === 'js' ? (call.args[0]?.props ?? []) : call.args;
      const base = named(args, 'base_url', 'baseURL');
      if (!base) continue;
      const value = argValue(ctx.doc, base);
      const url = value?.value?.trim();
      if (!url || value?.partial || ANTHROPIC_BASE.test(url)) continue;
      const host = AZURE_HOST.exec(url)?.[1];
      const target = `https://${host ?? '<resource>.services.ai.azure.com'}/anthropic`;
      const literal = value?.literal;
      ctx.report({
        messageId: 'foundryBase',
        data: { cls: 'AnthropicFoundry', url, target },
        start: base.start,
        end: base.end,
        fixes: fixes(
          host && literal && !value?.envValue
            ? fix(`Use ${target}`, [edit(doc, literal.start, literal.end, target)], true)
            : undefined,
        ),
      });
    }
  },
});
