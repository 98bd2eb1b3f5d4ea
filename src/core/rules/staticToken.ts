// static-token: a token fetched once (`azure_ad_token=cred.get_token(...).token`, or a plain OpenAI
// client with `api_key=<token string>`) expires after about an hour and is never refreshed; pass a
// provider (get_bearer_token_provider / getBearerTokenProvider), which caches and refreshes (facts §7.6, [I24][O5]).
import { named } from '../model/calls';
import { expandedText } from '../model/clients';
import { defineRule, docsUrl, edit, fix, fixes, type RuleMeta } from './rule';
import { providerFor } from './credentialHelpers';

export const meta = {
  id: 'static-token',
  defaultSeverity: 'warning',
  languages: ['python', 'js'],
  description: 'a token fetched once (expires in about an hour) instead of a provider',
  docs: {
    url: docsUrl('static-token'),
    details:
      'A token fetched once is passed as a fixed string: it expires after about an hour; pass a token provider instead.',
  },
  messages: {
    fetchedOnce:
      '{cls} gets a token string fetched once ({shown}); Entra ID tokens expire after about an hour and this one is never refreshed, so calls start failing with 401. Pass a token provider: {param}={provider}.',
  },
} satisfies RuleMeta;

export const staticToken = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      const args = doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args;
      let arg;
      let newName: string | undefined;
      if (c.spec.family === 'azure-openai' && doc.family === 'python') {
        arg = named(args, 'azure_ad_token');
        newName = 'azure_ad_token_provider';
      } else if (c.spec.family === 'openai' && c.cred === 'static-token' && c.info) {
        arg = named(args, 'api_key', 'apiKey');
      }
      if (!arg) continue;
      const expanded = expandedText(doc, arg);
      const provider = providerFor(doc, expanded, arg.start, c.info);
      const edits = [edit(doc, arg.start, arg.end, provider)];
      if (newName) edits.unshift(edit(doc, arg.fullStart, arg.fullStart + (arg.name?.length ?? 0), newName));
      const written = doc.text.slice(arg.start, arg.end);
      // A literal, even wrapped in parentheses or str(...), is never quoted: it is the token itself.
      const shown = /^[\s(]*(?:str\s*\(\s*)?[rfbuRFBU]*["'`]/.test(written) ? 'a literal token' : written.slice(0, 60);
      ctx.report({
        messageId: 'fetchedOnce',
        data: { cls: c.spec.display, shown, param: newName ?? arg.name ?? '', provider },
        start: arg.fullStart,
        end: arg.fullEnd,
        fixes: fixes(fix('Use a token provider', edits, true)),
        endpoint: c.info?.url,
      });
    }
  },
});
