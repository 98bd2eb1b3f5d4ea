// regional-endpoint-entra: Entra tokens need a custom subdomain; a regional endpoint
// (https://<region>.api.cognitive.microsoft.com) answers 400 "Please provide a custom subdomain for
// token authentication, otherwise API key is required." [D7][E5] (facts §1, §7.9).
import {
  clientAnchor,
  defineRule,
  docsUrl,
  edit,
  fix,
  fixes,
  relatedFor,
  replaceValueEdit,
  type RuleMeta,
} from './rule';
import { restRequests } from './restRequests';

const SUBDOMAIN_400 = '400 "Please provide a custom subdomain for token authentication, otherwise API key is required"';

export const meta = {
  id: 'regional-endpoint-entra',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'Entra ID on a regional endpoint (needs a custom subdomain)',
  docs: {
    url: docsUrl('regional-endpoint-entra'),
    details:
      'Entra ID used with a regional endpoint (<region>.api.cognitive.microsoft.com): token auth needs the custom-subdomain endpoint.',
  },
  messages: {
    request: `This request sends an Entra ID Bearer token to the regional endpoint '{origin}', which answers ${SUBDOMAIN_400}; call the resource's custom-subdomain endpoint ({target}) instead, or send the key in an api-key header.`,
    client: `'{url}' is a regional endpoint without a custom subdomain: Entra ID token authentication fails there with ${SUBDOMAIN_400}; use the resource's custom-subdomain endpoint ({target}), creating the subdomain if the resource has none.`,
  },
} satisfies RuleMeta;

export const regionalEndpointEntra = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const r of restRequests(doc)) {
      if (r.info.kind !== 'regional' || !r.bearer) continue;
      const tld = r.info.cloud === 'usgov' ? 'us' : r.info.cloud === 'china' ? 'cn' : 'com';
      const origin = /^https?:\/\/[^/?#]+/i.exec(r.url)![0];
      const target = `https://<resource>.${/^\/openai\//i.test(r.info.path) ? 'openai' : 'cognitiveservices'}.azure.${tld}`;
      // A URL written through variables is reported where it is used; the fix rewrites the host where it is written.
      const [start, end] = r.written ? [r.start, r.end] : [r.start, r.start + origin.length];
      const at = r.written ? r.origin : { start: r.start, end: r.start + origin.length };
      ctx.report({
        messageId: 'request',
        data: { origin, url: r.url, target },
        start,
        end,
        related:
          r.origin && r.written
            ? [{ file: doc.fileName, range: doc.range(r.origin.start, r.origin.end), message: 'endpoint set here' }]
            : [],
        fixes: fixes(at ? fix(`Use ${target}`, [edit(doc, at.start, at.end, target)], true) : undefined),
        endpoint: r.url,
      });
    }
    for (const c of ctx.clients) {
      if (c.info?.kind !== 'regional' || (c.cred !== 'token' && c.cred !== 'static-token')) continue;
      const tld = c.info.cloud === 'usgov' ? 'us' : c.info.cloud === 'china' ? 'cn' : 'com';
      const target =
        c.spec.family === 'azure-openai'
          ? `https://<resource>.openai.azure.${tld}`
          : `https://<resource>.cognitiveservices.azure.${tld}${c.info.path === '/' ? '' : c.info.path}`;
      const [start, end] = clientAnchor(c);
      ctx.report({
        messageId: 'client',
        data: { url: c.info.url, target },
        start,
        end,
        related: relatedFor(doc, c.endpoint, start, 'endpoint'),
        fixes: fixes(fix(`Use ${target}`, [replaceValueEdit(doc, c.endpoint, target)], true)),
        endpoint: c.info.url,
      });
    }
  },
});
