// token-passed-as-api-key: an Entra token given to AzureOpenAI as api_key is sent in the `api-key`
// header from openai-python 2.34.0 on, which the service rejects with 401 [I23][P2] (facts §7.5). The
// JS AzureOpenAI also sends apiKey as `api-key` [N1]. Use azure_ad_token_provider / azureADTokenProvider.
import { named } from '../model/calls';
import { expandedText } from '../model/clients';
import { defineRule, docsUrl, edit, fix, fixes, type RuleMeta } from './rule';
import { deleteArgEdit, parseGetToken, providerFor } from './credentialHelpers';

const TOKEN_VALUE =
  /get_?[Tt]oken\s*\(|\.token\b|\baccess_?token\b|\baccessToken\b|\bad_token\b|\baad_token\b|\bentra_token\b|token_?provider|tokenProvider|get_bearer_token_provider|getBearerTokenProvider|^\s*token\s*$|=\s*token\s*$/i;

export const meta = {
  id: 'token-passed-as-api-key',
  defaultSeverity: 'error',
  languages: ['python', 'js'],
  description: 'an Entra token given as `api_key` to `AzureOpenAI`',
  docs: {
    url: docsUrl('token-passed-as-api-key'),
    details: 'Entra token passed as api_key to AzureOpenAI: it is sent as the api-key header and fails with 401.',
  },
  messages: {
    python:
      '{cls} sends {param} in the `api-key` header, so an Entra ID token passed there is rejected with 401 (openai-python 2.34.0 and later); pass a token provider as {provider} instead.',
    js: '{cls} sends {param} in the `api-key` header, so an Entra ID token passed there is rejected with 401; pass a token provider as {provider} instead.',
    providerGiven:
      '{cls} sends {param} in the `api-key` header, so an Entra ID token passed there is rejected with 401; {provider} is already given, so remove {param}.',
  },
} satisfies RuleMeta;

export const tokenPassedAsApiKey = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'azure-openai') continue;
      const key = named(doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args, 'api_key', 'apiKey');
      if (!key) continue;
      const valueText = doc.text.slice(key.start, key.end);
      const expanded = expandedText(doc, key);
      if (!TOKEN_VALUE.test(valueText) && !TOKEN_VALUE.test(expanded)) continue;
      if (/api_?key|API_KEY|apiKey/.test(expanded.replace(/^[^=]*=/, ''))) continue;
      const providerName = doc.family === 'js' ? 'azureADTokenProvider' : 'azure_ad_token_provider';
      const args = doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args;
      if (named(args, providerName)) {
        // A provider is already passed: renaming the key would repeat it (a SyntaxError / TS1117);
        // removing the key is the fix (the same edit mixed-credentials offers).
        ctx.report({
          messageId: 'providerGiven',
          data: { cls: c.spec.display, param: key.name ?? '', provider: providerName },
          start: key.fullStart,
          end: key.fullEnd,
          fixes: fixes(fix(`Remove ${key.name}`, [deleteArgEdit(doc, args, key)], true)),
        });
        continue;
      }
      const edits = [];
      const isShorthand = key.fullStart === key.start && key.fullEnd === key.end && doc.family === 'js';
      if (isShorthand) edits.push(edit(doc, key.start, key.end, `${providerName}: ${valueText}`));
      else edits.push(edit(doc, key.fullStart, key.fullStart + (key.name?.length ?? 0), providerName));
      if (parseGetToken(expanded) && !isShorthand)
        edits.push(edit(doc, key.start, key.end, providerFor(doc, expanded, key.start, c.info)));
      ctx.report({
        messageId: doc.family === 'python' ? 'python' : 'js',
        data: { cls: c.spec.display, param: key.name ?? '', provider: providerName },
        start: key.fullStart,
        end: key.fullEnd,
        fixes: fixes(fix(`Use ${providerName}`, edits, true)),
      });
    }
  },
});
