// missing-api-version: AzureOpenAI (py/node) requires api_version or OPENAI_API_VERSION ("Must provide
// either the api_version argument or the OPENAI_API_VERSION environment variable") [P1][N1]; REST calls
// to /openai/deployments/… and /models/… need ?api-version= or the service answers 404 [I17][O13] (facts §1, §6).
import { named } from '../model/calls';
import { URL_RE } from '../scan/endpoints';
import { classifyEndpoint } from '../knowledge/endpoints';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';
import { restRequests, type RestRequest } from './restRequests';
import type { EndpointInfo } from '../types';

/** api-versions the facts file cites: 2024-06-01 for Azure OpenAI deployments [D5], 2024-05-01-preview for /models [D1]. */
export const AOAI_API_VERSION = '2024-06-01';
export const MODELS_API_VERSION = '2024-05-01-preview';

export const meta = {
  id: 'missing-api-version',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: '`AzureOpenAI` / REST call without `api-version`',
  docs: {
    url: docsUrl('missing-api-version'),
    details: 'AzureOpenAI without api_version (and no OPENAI_API_VERSION): the client raises before sending.',
  },
  messages: {
    client:
      '{cls} needs an API version: pass {param} (e.g. "{version}") or set OPENAI_API_VERSION; no env file defines it, so the constructor throws "Must provide either the api_version argument or the OPENAI_API_VERSION environment variable".',
    request:
      'The request to \'{url}\' has no api-version query parameter; the service answers 404 "Resource not found" without it. Add {query}.',
  },
} satisfies RuleMeta;

export const missingApiVersion = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    for (const c of ctx.clients) {
      if (c.spec.family !== 'azure-openai' || (doc.family !== 'python' && doc.family !== 'js')) continue;
      const args = doc.family === 'js' ? (c.call.args[0]?.props ?? []) : c.call.args;
      if (doc.family === 'js' && c.call.args.length > 0 && !c.call.args[0].props) continue; // options passed as a variable: unknown
      if (named(args, 'api_version', 'apiVersion')) continue;
      if (ctx.lookupEnv('OPENAI_API_VERSION')) continue;
      if (args.some((a) => a.name === undefined && doc.code.startsWith('**', a.start))) continue; // **kwargs
      const f =
        doc.family === 'python'
          ? fix(
              `Add api_version="${AOAI_API_VERSION}"`,
              [edit(doc, c.insertAt, c.insertAt, `${c.call.args.length ? ', ' : ''}api_version="${AOAI_API_VERSION}"`)],
              true,
            )
          : c.call.args[0]?.props && doc.code[c.call.args[0].start] === '{'
            ? fix(
                `Add apiVersion: "${AOAI_API_VERSION}"`,
                [edit(doc, c.call.args[0].start + 1, c.call.args[0].start + 1, ` apiVersion: "${AOAI_API_VERSION}",`)],
                true,
              )
            : undefined;
      ctx.report({
        messageId: 'client',
        data: {
          cls: c.spec.display,
          param: doc.family === 'python' ? 'api_version' : 'apiVersion',
          version: AOAI_API_VERSION,
        },
        start: c.call.calleeStart,
        end: c.call.calleeEnd,
        fixes: fixes(f),
        endpoint: c.info?.url,
      });
    }
    if (doc.family === 'http' || doc.family === 'shell') checkVariableRequests(ctx);
    else checkCodeRequests(ctx);
    // REST URLs (literals in code, lines in .http / shell)
    const isCode = doc.family === 'python' || doc.family === 'js' || doc.family === 'csharp' || doc.family === 'java';
    if (!doc.text.includes('/openai/deployments/') && !doc.text.includes('/models/')) return;
    if (isCode && doc.matchesOutsideComments(/api-version|api_version|apiVersion|ApiVersion/, 'ersion')) return;
    const text = doc.text;
    URL_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = URL_RE.exec(text))) {
      if (doc.inComment(m.index)) continue;
      const url = m[0].replace(/[.:]+$/, '');
      if (/[?&]api-version=/i.test(url)) continue;
      const info = classifyEndpoint(url);
      if (!info) continue;
      const version = versionFor(info);
      if (!version) continue;
      if (isCode && !doc.stringContaining(m.index)) continue;
      // The query may follow on the next .http line (?api-version=... continuation)
      const after = doc.lexed.noComments.slice(m.index + url.length, m.index + url.length + 200);
      if (/^\s*\r?\n\s*[?&]api-version=/i.test(after)) continue;
      const end = m.index + url.length;
      const sep = url.includes('?') ? '&' : '?';
      ctx.report({
        messageId: 'request',
        data: { url, query: `${sep}api-version=${version}`, version },
        start: m.index,
        end,
        fixes: fixes(
          fix(`Add ${sep}api-version=${version}`, [edit(doc, end, end, `${sep}api-version=${version}`)], true),
        ),
        endpoint: url,
      });
    }
  },
});

/** The api-version a request to this endpoint needs, if it needs one (deployment and /models operations). */
function versionFor(info: EndpointInfo): string | undefined {
  if (info.kind === 'azure-openai' && /^\/openai\/deployments\/[^/]+\/[\w/-]+/i.test(info.path))
    return AOAI_API_VERSION;
  if (
    info.kind === 'model-inference' &&
    /^\/models\/(chat\/completions|embeddings|images\/embeddings|info)/i.test(info.path)
  )
    return MODELS_API_VERSION;
  return undefined;
}

/** `curl "$AOAI/openai/deployments/gpt-4o/chat/completions"`, `POST {{aoai}}/openai/...`: the operation path is
 * written at the request (a URL fully written in a variable is judged where it is written, above). */
function checkVariableRequests(ctx: RuleContext<keyof typeof meta.messages>) {
  const { doc } = ctx;
  for (const r of restRequests(doc)) {
    if (!r.written || !/\/(?:openai\/deployments|models)\//i.test(r.written)) continue;
    if (/[?&]api-version=/i.test(r.url) || /[?&]api-version=/i.test(r.written)) continue;
    reportRequest(ctx, r, true);
  }
}

/** REST calls in code whose URL is assembled (constants, f-strings, templates, String.format) without api-version
 * and whose call passes none (`params={"api-version": ...}`): a URL written as one literal is judged above. */
function checkCodeRequests(ctx: RuleContext<keyof typeof meta.messages>) {
  for (const r of restRequests(ctx.doc)) {
    if (r.literal || /[?&]api-version=/i.test(r.url) || /api[-_]?version|apiVersion/i.test(r.rest)) continue;
    reportRequest(ctx, r, false);
  }
}

/** A request without api-version; `withFix`: the query can be appended where the URL is written. */
function reportRequest(ctx: RuleContext<keyof typeof meta.messages>, r: RestRequest, withFix: boolean) {
  const version = versionFor(r.info);
  if (!version) return;
  const query = `${r.url.includes('?') ? '&' : '?'}api-version=${version}`;
  ctx.report({
    messageId: 'request',
    data: { url: r.url, query, version },
    start: r.start,
    end: r.end,
    ...(withFix ? { fixes: fixes(fix(`Add ${query}`, [edit(ctx.doc, r.end, r.end, query)], true)) } : {}),
    endpoint: r.url,
  });
}
