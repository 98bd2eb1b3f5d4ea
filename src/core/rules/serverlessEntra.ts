// serverless-entra: serverless API (MaaS) hosts *.models.ai.azure.com / *.inference.ai.azure.com are
// documented with keys; Entra there is unverified ("EntraID is not yet supported on MaaS" [PR1]; a
// cognitiveservices-scoped attempt failed in [I6]). Facts §1, §7.11.
import { clientAnchor, relatedFor, type Rule } from './rule';
import { restRequests } from './restRequests';

export const serverlessEntra: Rule = {
  id: 'serverless-entra',
  defaultSeverity: 'warning',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  check(ctx) {
    for (const r of restRequests(ctx.doc)) {
      if (r.info.kind !== 'serverless' || !r.bearer) continue;
      ctx.report({
        message: `This request sends an Entra ID Bearer token to the serverless endpoint '${r.url}', where Entra ID is not documented to work (key auth is the documented path); send the endpoint's key instead, or deploy the model to an Azure AI Foundry resource and call it with the OpenAI client on https://<resource>.openai.azure.com/openai/v1/ and a token provider for https://ai.azure.com/.default.`,
        start: r.start,
        end: r.end,
        endpoint: r.url,
      });
    }
    for (const c of ctx.clients) {
      if (c.info?.kind !== 'serverless' || (c.cred !== 'token' && c.cred !== 'static-token')) continue;
      const [start, end] = c.credArg ? [c.credArg.start, c.credArg.end] : clientAnchor(c);
      ctx.report({
        message: `${c.spec.display} uses an Entra ID token credential with the serverless endpoint '${c.info.url}', where Entra ID is not documented to work (key auth is the documented path); use AzureKeyCredential with the endpoint's key, or deploy the model to an Azure AI Foundry resource and call it with the OpenAI client on https://<resource>.openai.azure.com/openai/v1/ and a token provider for https://ai.azure.com/.default.`,
        start,
        end,
        related: relatedFor(ctx.doc, c.endpoint, start, 'endpoint'),
        endpoint: c.info.url,
      });
    }
  },
};
