// mixed-credentials: AzureOpenAI accepts one of api_key / azure_ad_token / azure_ad_token_provider and
// one of base_url / azure_endpoint; passing both raises (MutuallyExclusiveAuthError, "base_url and
// azure_endpoint are mutually exclusive"; JS: "The `apiKey` and `azureADTokenProvider` arguments are
// mutually exclusive") [P1][N1].
import { named } from '../model/calls';
import { defineRule, docsUrl, fix, fixes, type RuleMeta } from './rule';
import { deleteArgEdit } from './credentialHelpers';

export const meta = {
  id: 'mixed-credentials',
  defaultSeverity: 'error',
  languages: ['python', 'js'],
  description: 'key and token (or `base_url` and `azure_endpoint`) passed together',
  docs: {
    url: docsUrl('mixed-credentials'),
    details:
      'Several credentials passed to one client (key and token): the client rejects it or silently uses the key.',
  },
  messages: {
    credentials:
      '{cls} is given both {given}; they are mutually exclusive (the client raises an error). Keep {keep} for Entra ID and remove {remove}.',
    endpoints:
      '{cls} is given both {keep} and {remove}; they are mutually exclusive ("base_url and azure_endpoint are mutually exclusive"). Keep {keep} (the resource root) and remove {remove}.',
  },
} satisfies RuleMeta;

export const mixedCredentials = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'azure-openai') continue;
      const args = doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args;
      const cls = c.spec.display;
      const auth = ['api_key', 'azure_ad_token', 'azure_ad_token_provider', 'apiKey', 'azureADTokenProvider']
        .map((n) => named(args, n))
        .filter((a) => !!a);
      if (auth.length > 1) {
        const key = named(args, 'api_key', 'apiKey');
        const victim = key ?? auth[0];
        const keep = auth.find((a) => a !== victim)!;
        ctx.report({
          messageId: 'credentials',
          data: {
            cls,
            given: auth.map((a) => a.name).join(' and '),
            keep: keep.name ?? '',
            remove: victim.name ?? '',
          },
          start: victim.fullStart,
          end: victim.fullEnd,
          fixes: fixes(fix(`Remove ${victim.name}`, [deleteArgEdit(doc, args, victim)], true)),
        });
      }
      const ep = named(args, 'azure_endpoint', 'endpoint');
      const base = named(args, 'base_url', 'baseURL');
      if (ep && base) {
        ctx.report({
          messageId: 'endpoints',
          data: { cls, keep: ep.name ?? '', remove: base.name ?? '' },
          start: base.fullStart,
          end: base.fullEnd,
          fixes: fixes(fix(`Remove ${base.name}`, [deleteArgEdit(doc, args, base)], true)),
        });
      }
    }
  },
});
