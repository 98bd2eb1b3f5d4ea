// regional-endpoint-entra: Entra tokens need a custom subdomain; a regional endpoint
// (https://<region>.api.cognitive.microsoft.com) answers 400 "Please provide a custom subdomain for
// token authentication, otherwise API key is required." [D7][E5] (facts §1, §7.9).
import { clientAnchor, fix, fixes, relatedFor, replaceValueEdit, type Rule } from './rule';

export const regionalEndpointEntra: Rule = {
  id: 'regional-endpoint-entra',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.info?.kind !== 'regional' || (c.cred !== 'token' && c.cred !== 'static-token')) continue;
      const tld = c.info.cloud === 'usgov' ? 'us' : c.info.cloud === 'china' ? 'cn' : 'com';
      const target =
        c.spec.family === 'azure-openai' ? `https://<resource>.openai.azure.${tld}` : `https://<resource>.cognitiveservices.azure.${tld}${c.info.path === '/' ? '' : c.info.path}`;
      const [start, end] = clientAnchor(c);
      ctx.report({
        message: `'${c.info.url}' is a regional endpoint without a custom subdomain: Entra ID token authentication fails there with 400 "Please provide a custom subdomain for token authentication, otherwise API key is required"; use the resource's custom-subdomain endpoint (${target}), creating the subdomain if the resource has none.`,
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(fix(`Use ${target}`, [replaceValueEdit(doc, c.endpoint, target)], true)),
        endpoint: c.info.url,
      });
    }
  },
};
