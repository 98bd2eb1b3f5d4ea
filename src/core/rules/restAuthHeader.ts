// rest-auth-header: REST calls must send an Entra token as `Authorization: Bearer <token>` and a key as
// `api-key: <key>` (facts §2: "A token is sent as Authorization: Bearer; a key as the api-key header"
// [P1][N1]). Flags the seed's own typo (`Authentication` header [D2]), a token in `api-key`, a token
// without `Bearer `, and a key sent as Bearer to Azure OpenAI (401 [I12][I13]). Covers .http files,
// curl / Invoke-RestMethod, and header dicts/objects/Add(...) calls in code.
import type { Doc } from '../scan/document';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';
import type { TextEdit } from '../types';
import { scriptVariables } from '../scan/scriptVariables';
import { assignedRange } from './codeValues';

interface Header {
  name: string;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** `inline`: "Name: value" inside one string / .http line; `pair`: key and value are separate expressions. */
  form: 'inline' | 'pair';
}

const NAMES = /^(api-key|authentication|authorization)$/i;
const TOKENISH = /token|get-access-token|get_token|getToken|\bjwt\b|\baad\b|entra/i;
const KEYISH =
  /api[_-]?key|apikey|_KEY\b|\bKEY\b|subscription[_-]?key|\{\{\s*\w*key\w*\s*\}\}|\bkeys\s+list\b|Get-AzCognitiveServicesAccountKey/i;

function valueEnd(code: string, from: number): number {
  let depth = 0;
  const limit = Math.min(code.length, from + 2000);
  for (let i = from; i < limit; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';' || c === '\n')) return i;
  }
  return limit;
}

function trimEnd(text: string, s: number, e: number): number {
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e;
}

function collectHeaders(doc: Doc): Header[] {
  const out: Header[] = [];
  const hits = doc.headerHits().filter((h) => !/^ocp/i.test(h.name));
  if (hits.length === 0) return out;
  const code = doc.code;
  // 1. "Name: value" inside strings (curl -H, header lines in strings)
  // Only strings that contain a header name (found with one scan of the text) are looked at.
  const seen = new Set<number>();
  const candidates: ReturnType<Doc['stringContaining']>[] = [];
  for (const hit of hits) {
    const t = doc.stringContaining(hit.index);
    if (t && !seen.has(t.start)) {
      seen.add(t.start);
      candidates.push(t);
    }
  }
  for (const t of candidates) {
    if (!t) continue;
    const v = doc.text.slice(t.valueStart, t.valueEnd);
    const m = /^\s*(api-key|authentication|authorization)\s*:\s*/i.exec(v);
    if (m) {
      const ns = t.valueStart + v.indexOf(m[1]);
      out.push({
        name: m[1],
        nameStart: ns,
        nameEnd: ns + m[1].length,
        valueStart: t.valueStart + m[0].length,
        valueEnd: trimEnd(doc.text, t.valueStart, t.valueEnd),
        form: 'inline',
      });
      continue;
    }
    // 2. key string followed by : , or = and a value (dicts, objects, Headers.Add("k", v), .header("k", v), @{ "k" = v })
    if (!NAMES.test(v)) continue;
    const after = /^\s*([:=,])\s*/.exec(code.slice(t.end, t.end + 50));
    if (
      !after ||
      (after[1] === '=' && code[t.end + after[0].length - 1] === '=' && code[t.end + after[0].length] === '=')
    )
      continue;
    const vs = t.end + after[0].length;
    const ve = trimEnd(code, vs, valueEnd(code, vs));
    if (ve <= vs) continue;
    out.push({ name: v, nameStart: t.valueStart, nameEnd: t.valueEnd, valueStart: vs, valueEnd: ve, form: 'pair' });
  }
  // 3. unquoted keys (JS objects, PowerShell hashtables): Authorization: x / Authorization = x
  if (doc.family === 'js' || doc.family === 'shell') {
    const re = /(?<![\w$.-])(Authorization|Authentication)\s*([:=])(?!=)\s*/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(code))) {
      const vs = m.index + m[0].length;
      const ve = trimEnd(code, vs, valueEnd(code, vs));
      if (ve <= vs) continue;
      out.push({
        name: m[1],
        nameStart: m.index,
        nameEnd: m.index + m[1].length,
        valueStart: vs,
        valueEnd: ve,
        form: 'pair',
      });
    }
  }
  // 4. .http header lines
  if (doc.family === 'http') {
    const re = /^[ \t]*(api-key|authentication|authorization)[ \t]*:[ \t]*([^\r\n]*)/gim;
    const text = doc.lexed.noComments;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const ns = m.index + m[0].indexOf(m[1]);
      const vs = m.index + m[0].length - m[2].length;
      out.push({
        name: m[1],
        nameStart: ns,
        nameEnd: ns + m[1].length,
        valueStart: vs,
        valueEnd: trimEnd(text, vs, vs + m[2].length),
        form: 'inline',
      });
    }
  }
  return out;
}

/** Edits that put `Bearer ` in front of a value. */
function bearerEdits(doc: Doc, h: Header): TextEdit[] {
  if (h.form === 'inline') return [edit(doc, h.valueStart, h.valueStart, 'Bearer ')];
  const tok = doc.stringAt(h.valueStart);
  if (tok && tok.end === h.valueEnd) return [edit(doc, tok.valueStart, tok.valueStart, 'Bearer ')];
  const v = doc.text.slice(h.valueStart, h.valueEnd);
  const wrapped =
    doc.family === 'python'
      ? `f"Bearer {${v}}"`
      : doc.family === 'js'
        ? `\`Bearer \${${v}}\``
        : doc.family === 'shell'
          ? `"Bearer $${v.replace(/^\$/, '')}"`
          : `"Bearer " + ${v}`;
  return [edit(doc, h.valueStart, h.valueEnd, wrapped)];
}

export const meta = {
  id: 'rest-auth-header',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'token sent in `api-key`, `Authentication:` header, missing `Bearer `',
  docs: {
    url: docsUrl('rest-auth-header'),
    details: 'REST call sends the Entra token in the wrong header (it belongs in Authorization: Bearer <token>).',
  },
  messages: {
    authenticationHeader:
      "The header is named '{header}'; Entra ID tokens go in the 'Authorization' header (\"Authorization: Bearer <token>\"), so this request is sent without credentials and fails with 401.",
    tokenInApiKey:
      "An Entra ID token is sent in the 'api-key' header, which only takes resource keys, so the request fails with 401; send it as 'Authorization: Bearer <token>'.",
    missingBearer:
      "The Authorization header carries the token without the 'Bearer ' prefix, so Entra ID authentication fails with 401; write 'Authorization: Bearer <token>'.",
    keyAsBearer:
      "An API key is sent as 'Authorization: Bearer', which Azure OpenAI treats as an Entra ID token and rejects with 401 \"Access token is missing, invalid, audience is incorrect\"; send keys in the 'api-key' header (or send a real Entra ID token).",
  },
} satisfies RuleMeta;

export const restAuthHeader = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    const azure =
      ctx.endpoints.length > 0 ||
      ctx.clients.length > 0 ||
      /openai\.azure|cognitiveservices|services\.ai\.azure|get-access-token|azure/i.test(doc.text);
    if (!azure) return;
    // The endpoint a header goes with: the nearest endpoint written before it (the request line in
    // .http files and curl commands), else the file's only kind of endpoint.
    const mentions = ctx.endpoints
      .filter((e) => !e.source)
      .map((e) => ({ at: doc.offsetAt(e.range.start), kind: e.info.kind }))
      .sort((a, b) => a.at - b.at);
    const aoaiKind = (k: string) => k === 'azure-openai' || k === 'cognitive-services';
    const aoaiFor = (offset: number): boolean => {
      let best: { at: number; kind: string } | undefined;
      for (const m of mentions) if (m.at < offset) best = m;
      if (best) return aoaiKind(best.kind);
      return mentions.length > 0 && mentions.every((m) => aoaiKind(m.kind));
    };
    // In scripts and .http files a header value is judged by what its variables hold:
    // `ACCESS=$(az account get-access-token ...)` makes "api-key: $ACCESS" a token.
    const vars = doc.family === 'shell' || doc.family === 'http' ? scriptVariables(doc) : undefined;
    for (const h of collectHeaders(doc)) {
      const name = h.name.toLowerCase();
      const written = doc.text.slice(h.valueStart, h.valueEnd);
      const value = vars?.hasReference(written)
        ? vars.expand(written, h.valueStart)
        : vars
          ? written
          : valueOfIdentifier(ctx, written, h.valueStart);
      const hasBearer = /bearer/i.test(written);
      const tokenish = (TOKENISH.test(value) || hasBearer) && !KEYISH.test(value.replace(/get-access-token/i, ''));
      const keyish = KEYISH.test(value) && !TOKENISH.test(value.replace(/--query\s+\S+/, ''));
      if (name === 'authentication') {
        ctx.report({
          messageId: 'authenticationHeader',
          data: { header: h.name },
          start: h.nameStart,
          end: h.nameEnd,
          fixes: fixes(
            fix(
              'Rename the header to Authorization',
              [
                edit(doc, h.nameStart, h.nameEnd, 'Authorization'),
                ...(hasBearer || !tokenish ? [] : bearerEdits(doc, h)),
              ],
              true,
            ),
          ),
        });
      } else if (name === 'api-key' && tokenish) {
        ctx.report({
          messageId: 'tokenInApiKey',
          start: h.nameStart,
          end: h.valueEnd,
          fixes: fixes(
            fix(
              'Send the token as Authorization: Bearer',
              [edit(doc, h.nameStart, h.nameEnd, 'Authorization'), ...(hasBearer ? [] : bearerEdits(doc, h))],
              true,
            ),
          ),
        });
      } else if (name === 'authorization' && tokenish && !hasBearer) {
        ctx.report({
          messageId: 'missingBearer',
          start: h.valueStart,
          end: h.valueEnd,
          fixes: fixes(fix("Add 'Bearer '", bearerEdits(doc, h), true)),
        });
      } else if (name === 'authorization' && hasBearer && keyish && aoaiFor(h.nameStart)) {
        const bearer = /bearer\s+/i.exec(written);
        const edits = [edit(doc, h.nameStart, h.nameEnd, 'api-key')];
        if (bearer)
          edits.push(edit(doc, h.valueStart + bearer.index, h.valueStart + bearer.index + bearer[0].length, ''));
        ctx.report({
          messageId: 'keyAsBearer',
          start: h.nameStart,
          end: h.valueEnd,
          fixes: fixes(fix('Send the key in the api-key header', edits, true)),
        });
      }
    }
  },
});

/** In code, a header value that is a bare identifier is judged by its assignment (`secret = cred.get_token(...).token`). */
function valueOfIdentifier(ctx: RuleContext, written: string, at: number): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(written)) return written;
  const rhs = assignedRange(ctx.doc, written, at);
  return rhs ? `${written} = ${ctx.doc.text.slice(rhs[0], Math.min(rhs[1], rhs[0] + 500))}` : written;
}
