// inference-default-scope: the Azure AI Inference SDKs request https://ml.azure.com/.default when given
// a TokenCredential and no scopes (Py, JS, .NET, Java: facts §3). Azure OpenAI / AI Services / Foundry
// /models reject that audience with 401 "audience is incorrect" [I5][I3] (seed: Inference SDK 401 row).
import { SCOPES } from '../knowledge/endpoints';
import { named } from '../model/calls';
import { expandedText } from '../model/clients';
import { defineRule, docsUrl, edit, fix, fixes, type RuleMeta } from './rule';
import { scopeFor } from './credentialHelpers';

export const meta = {
  id: 'inference-default-scope',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: 'Inference SDK with a token credential left on its `ml.azure.com` default',
  docs: {
    url: docsUrl('inference-default-scope'),
    details:
      'Azure AI Inference client with a TokenCredential and no scope: the SDK default https://ml.azure.com/.default is rejected by Azure AI Services endpoints.',
  },
  messages: {
    defaultScope:
      '{cls} with a token credential and no scopes requests the SDK default {scope}, which {where} rejects with 401 "audience is incorrect"; set the scope to {target} (the SDK itself is retired: moving to the OpenAI client on …/openai/v1/ removes the problem, see retired-inference-api).',
  },
} satisfies RuleMeta;

export const inferenceDefaultScope = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'inference' || c.spec.className === 'load_client') continue;
      if (c.cred !== 'token' || !c.credArg) continue;
      const kind = c.info?.kind;
      if (kind === 'serverless' || kind === 'managed-online') continue;
      let hasScopes = false;
      const fam = doc.family;
      if (fam === 'python') hasScopes = !!named(c.args, 'credential_scopes');
      else if (fam === 'js') {
        const opts = c.call.args[2];
        if (opts) {
          const text = opts.props ? doc.text.slice(opts.start, opts.end) : expandedText(doc, opts);
          hasScopes = /\bscopes\b/.test(text);
        }
      } else if (fam === 'csharp')
        hasScopes =
          c.call.args.length >= 3 &&
          /BearerTokenAuthenticationPolicy/.test(doc.code.length < 2_000_000 ? doc.text : '');
      else if (fam === 'java') hasScopes = c.call.chain.some((k) => k.name === 'scopes');
      if (hasScopes) continue;
      const scope = scopeFor(c.info);
      const where = c.info
        ? `'${c.info.url}' (${c.info.description.replace(/ \(.*$/, '')})`
        : 'an Azure OpenAI / AI Services / Foundry endpoint';
      const credText = doc.text.slice(c.credArg.start, c.credArg.end);
      let f;
      const end = c.insertAt;
      if (fam === 'python')
        f = fix(`Add credential_scopes=["${scope}"]`, [edit(doc, end, end, `, credential_scopes=["${scope}"]`)], true);
      else if (fam === 'js') {
        const opts = c.call.args[2];
        if (opts?.props && doc.code[opts.start] === '{')
          f = fix(
            `Add credentials.scopes`,
            [edit(doc, opts.start + 1, opts.start + 1, ` credentials: { scopes: ["${scope}"] },`)],
            true,
          );
        else if (!opts)
          f = fix(
            `Pass { credentials: { scopes: ["${scope}"] } }`,
            [edit(doc, end, end, `, { credentials: { scopes: ["${scope}"] } }`)],
            true,
          );
      } else if (fam === 'csharp' && c.call.args.length === 2) {
        const ls = doc.lineStartOf(c.call.exprStart);
        const indent = doc.indentAt(c.call.exprStart);
        const eol = doc.eol();
        f = fix(
          `Add a BearerTokenAuthenticationPolicy for ${scope}`,
          [
            edit(
              doc,
              ls,
              ls,
              `${indent}var inferenceOptions = new AzureAIInferenceClientOptions();${eol}${indent}inferenceOptions.AddPolicy(new BearerTokenAuthenticationPolicy(${credText}, new[] { "${scope}" }), HttpPipelinePosition.PerRetry);${eol}`,
            ),
            edit(doc, end, end, ', inferenceOptions'),
          ],
          true,
        );
      } else if (fam === 'java') {
        const credCall = c.call.chain.find((k) => k.name === 'credential');
        if (credCall)
          f = fix(
            `Add .scopes(...)`,
            [edit(doc, credCall.close + 1, credCall.close + 1, `.scopes(new String[] { "${scope}" })`)],
            true,
          );
      }
      ctx.report({
        messageId: 'defaultScope',
        data: { cls: c.spec.display, scope: SCOPES.ml, where, target: scope },
        start: c.credArg.start,
        end: c.credArg.end,
        fixes: fixes(f),
        endpoint: c.info?.url,
      });
    }
  },
});
