// serverless-entra: serverless API (MaaS) hosts *.models.ai.azure.com / *.inference.ai.azure.com are
// documented with keys; Entra there is unverified ("EntraID is not yet supported on MaaS" [PR1]; a
// cognitiveservices-scoped attempt failed in [I6]). Facts §1, §7.11.
import { clientAnchor, defineRule, docsUrl, relatedFor, type RuleMeta } from './rule';
import { restRequests } from './restRequests';

const INSTEAD = 'where Entra ID is not documented to work (key auth is the documented path); ';
const FOUNDRY =
  'deploy the model to an Azure AI Foundry resource and call it with the OpenAI client on https://<resource>.openai.azure.com/openai/v1/ and a token provider for https://ai.azure.com/.default.';

export const meta = {
  id: 'serverless-entra',
  defaultSeverity: 'warning',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'a token credential on a serverless (MaaS) endpoint',
  docs: {
    url: docsUrl('serverless-entra'),
    details:
      'Entra ID used with a serverless (Models-as-a-Service) endpoint, where Entra support is unverified: use its key, or a Foundry deployment called through the OpenAI client on the v1 API.',
  },
  messages: {
    request: `This request sends an Entra ID Bearer token to the serverless endpoint '{url}', ${INSTEAD}send the endpoint's key instead, or ${FOUNDRY}`,
    client: `{cls} uses an Entra ID token credential with the serverless endpoint '{url}', ${INSTEAD}use AzureKeyCredential with the endpoint's key, or ${FOUNDRY}`,
  },
} satisfies RuleMeta;

export const serverlessEntra = defineRule({
  meta,
  check(ctx) {
    for (const r of restRequests(ctx.doc)) {
      if (r.info.kind !== 'serverless' || !r.bearer) continue;
      ctx.report({
        messageId: 'request',
        data: { url: r.url },
        start: r.start,
        end: r.end,
        related:
          r.origin && r.written
            ? [
                {
                  file: ctx.doc.fileName,
                  range: ctx.doc.range(r.origin.start, r.origin.end),
                  message: 'endpoint set here',
                },
              ]
            : [],
        endpoint: r.url,
      });
    }
    for (const c of ctx.clients) {
      if (c.info?.kind !== 'serverless' || (c.cred !== 'token' && c.cred !== 'static-token')) continue;
      const [start, end] = c.credArg ? [c.credArg.start, c.credArg.end] : clientAnchor(c);
      ctx.report({
        messageId: 'client',
        data: { cls: c.spec.display, url: c.info.url },
        start,
        end,
        related: relatedFor(ctx.doc, c.endpoint, start, 'endpoint'),
        endpoint: c.info.url,
      });
    }
  },
});
