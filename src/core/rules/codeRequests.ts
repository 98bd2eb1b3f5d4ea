// REST calls made from code: requests / httpx / aiohttp (`.post(url, headers=...)`), fetch / axios, C# HttpClient
// (`PostAsync(url)`, `new HttpRequestMessage(method, url)`), Java OkHttp (`.url(url)`), java.net.http
// (`.uri(URI.create(url))`) and Spring RestTemplate (`postForObject(url, ...)`). The URL argument is resolved
// through constants, concatenation, f-strings, template literals, C# interpolation and String.format, so a call
// written as `requests.post(f"{ENDPOINT}/chat/completions", ...)` is judged with its real endpoint.
import { classifyEndpoint } from '../knowledge/endpoints';
import type { Doc } from '../scan/document';
import {
  assignedRange,
  callArgsAt,
  callsNamed,
  named,
  positional,
  stringValue,
  type Arg,
  type Call,
} from './codeValues';
import type { RestRequest } from './restRequests';

/** Call names whose first (or, for HttpRequestMessage, second) argument is a request URL. */
const REQUEST_CALLS = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'request',
  'stream',
  'fetch',
  'axios',
  'GetAsync',
  'PostAsync',
  'PutAsync',
  'PatchAsync',
  'DeleteAsync',
  'GetStringAsync',
  'PostAsJsonAsync',
  'HttpRequestMessage',
  'url',
  'uri',
  'postForObject',
  'postForEntity',
  'getForObject',
  'getForEntity',
  'exchange',
] as const;

/** Something in the file obtains an Entra ID token (a Bearer header with a key is not Entra). */
const TOKEN_SOURCE =
  /get_?[Tt]oken|GetToken(?:Async)?\b|getTokenSync|DefaultAzureCredential|ManagedIdentityCredential|ClientSecretCredential|AzureCliCredential|get_bearer_token_provider|getBearerTokenProvider/;
const BEARER_IN = /Bearer|setBearerAuth/;
/** An HTTP client library is used in the file (the cheap gate: files without one make no REST calls to check). */
const HTTP_LIBRARY =
  /\b(?:requests|httpx|aiohttp|urllib3?|fetch|axios|got|HttpClient|HttpRequestMessage|RestTemplate|WebClient|RestClient|okhttp3|OkHttpClient|HttpRequest)\b/;
const API_KEY_IN = /api-key|Ocp-Apim-Subscription-Key/i;

const cache = new WeakMap<Doc, RestRequest[]>();

/** The REST calls of a code document whose URL resolves to an Azure AI endpoint (found once per document). */
export function codeRequests(doc: Doc): RestRequest[] {
  let cached = cache.get(doc);
  if (!cached) cache.set(doc, (cached = find(doc)));
  return cached;
}

function find(doc: Doc): RestRequest[] {
  const out: RestRequest[] = [];
  if (!/https?:\/\//.test(doc.text) || !HTTP_LIBRARY.test(doc.code)) return out;
  const fileBearer = doc.matchesOutsideComments(BEARER_IN, 'earer');
  const fileToken = TOKEN_SOURCE.test(doc.code);
  const origins = new Map<string, number[]>();
  const urlNames = urlHoldingNames(doc);
  for (const call of callsNamed(doc, REQUEST_CALLS)) {
    const arg = urlArg(call);
    if (!arg || !mayHoldUrl(doc, arg, urlNames)) continue;
    const url = resolveUrl(doc, arg.start, arg.end, 0);
    if (!url || !/^https?:\/\//i.test(url.value)) continue;
    const info = classifyEndpoint(url.value);
    if (!info || info.kind === 'openai-public') continue;
    const evidence = evidenceOf(doc, call);
    const bearer = fileToken && (BEARER_IN.test(evidence) || (!API_KEY_IN.test(evidence) && fileBearer));
    out.push({
      url: url.value,
      start: arg.start,
      end: arg.end,
      info,
      rest: evidence,
      bearer,
      written: doc.text.slice(arg.start, arg.end),
      literal: url.literal,
      origin: originLiteral(doc, url.value, call.exprStart, origins),
    });
  }
  return out;
}

/**
 * Names that may hold a URL: assigned on a line with a URL literal or an interpolated string, then names assigned
 * from those (two rounds). Resolving only arguments that mention them keeps files with many `.get(x)` calls cheap.
 */
function urlHoldingNames(doc: Doc): Set<string> {
  const names = new Set<string>();
  const code = doc.code;
  // `name = <string>`, `name = A + <string>`, `name = String.format(<string>`, `name = new Uri(<string>`
  const lhs =
    /([A-Za-z_$][\w$]*)\s*(?::[^=\n]{0,80})?=(?![=>])\s*(?:new\s+)?(?:[\w$.]+\s*\+\s*|[\w$.]+\s*\(\s*)*[fFrRbB$@]*$/;
  // a name that mentions a URL-holding name anywhere on the right-hand side
  const lenient = /([A-Za-z_$][\w$]*)\s*(?::[^=\n]{0,80})?=(?![=>])[^=\n]*$/;
  const addAssigned = (at: number, re = lhs) => {
    const lineStart = code.lastIndexOf('\n', at - 1) + 1;
    const m = at - lineStart < 400 ? re.exec(code.slice(lineStart, at)) : null;
    if (m) names.add(m[1]);
  };
  for (const t of doc.lexed.strings) {
    if (t.interpolated || doc.text.startsWith('http', t.valueStart)) addAssigned(t.start);
  }
  for (let round = 0; round < 2 && names.size < 200; round++) {
    for (const name of [...names]) {
      let seen = 0;
      let visits = 0;
      for (
        let i = code.indexOf(name);
        i >= 0 && seen < 50 && visits++ < 2000;
        i = code.indexOf(name, i + name.length)
      ) {
        if ((i > 0 && /[\w$]/.test(code[i - 1])) || /[\w$]/.test(code[i + name.length] ?? '')) continue;
        seen++;
        addAssigned(i, lenient);
      }
    }
  }
  return names;
}

/** True when an argument could be a URL: it writes one, interpolates, or mentions a URL-holding name. */
function mayHoldUrl(doc: Doc, arg: Arg, urlNames: Set<string>): boolean {
  const text = doc.text.slice(arg.start, Math.min(arg.end, arg.start + 2000));
  if (/https?:\/\//i.test(text)) return true;
  for (const id of text.match(/[A-Za-z_$][\w$]*/g) ?? []) if (urlNames.has(id)) return true;
  return false;
}

function urlArg(call: Call): Arg | undefined {
  if (call.callee === 'HttpRequestMessage') return positional(call.args, 1);
  return named(call.args, 'url', 'requestUri') ?? positional(call.args, 0);
}

/** The call's own text (with its builder chain) and the values of the identifiers it passes (headers variables). */
function evidenceOf(doc: Doc, call: Call): string {
  const own = doc.text.slice(call.exprStart, Math.min(call.end, call.exprStart + 4000));
  let extra = '';
  const ids = new Set(
    doc.code.slice(call.open, Math.min(call.close, call.open + 4000)).match(/[A-Za-z_$][\w$]*/g) ?? [],
  );
  let n = 0;
  for (const id of ids) {
    if (n++ > 20) break;
    const rhs = assignedRange(doc, id, call.exprStart);
    if (rhs) extra += ' ' + doc.text.slice(rhs[0], Math.min(rhs[1], rhs[0] + 2000));
  }
  return own + extra;
}

/**
 * The URL an expression stands for: identifiers through their assignment, holes of f-strings / template
 * literals / C# interpolation filled from constants, `String.format("%s/...", base, ...)` filled in order.
 */
function resolveUrl(
  doc: Doc,
  start: number,
  end: number,
  depth: number,
): { value: string; literal: boolean } | undefined {
  if (depth > 4) return undefined;
  const code = doc.code;
  while (start < end && /\s/.test(code[start])) start++;
  while (end > start && /\s/.test(code[end - 1])) end--;
  const src = code.slice(start, end);
  // a plain identifier: follow its assignment (String.format and holes are resolved there)
  if (/^[A-Za-z_$][\w$]*$/.test(src)) {
    const rhs = assignedRange(doc, src, start);
    if (rhs) {
      const r = resolveUrl(doc, rhs[0], rhs[1], depth + 1);
      return r && { ...r, literal: false };
    }
  }
  const format = /^String\s*\.\s*format\s*\(/.exec(src);
  if (format) {
    const open = start + format[0].length - 1;
    const args = callArgsAt(doc, open, end);
    if (args) {
      const template = args[0] && resolveUrl(doc, args[0].start, args[0].end, depth + 1);
      if (!template) return undefined;
      let i = 1;
      const value = template.value.replace(/%[sd]/g, (whole) => {
        const a = args[i++];
        const v = a && resolveUrl(doc, a.start, a.end, depth + 1);
        return v ? v.value : whole;
      });
      return { value, literal: false };
    }
  }
  const r = stringValue(doc, start, end);
  if (!r) return undefined;
  const single = r.literal && !/\$?\{[A-Za-z_$]/.test(r.value);
  const value = r.value.replace(/\$?\{([A-Za-z_$][\w$.]*)\}/g, (whole, name: string) => {
    if (name.includes('.')) return whole;
    const rhs = assignedRange(doc, name, start);
    const v = rhs && resolveUrl(doc, rhs[0], rhs[1], depth + 1);
    return v ? v.value : whole;
  });
  return { value, literal: single };
}

/** Where the URL's scheme and host are written: the nearest string literal above the call that starts with them
 * (one scan of the strings per distinct origin). */
function originLiteral(
  doc: Doc,
  url: string,
  before: number,
  seen: Map<string, number[]>,
): { start: number; end: number } | undefined {
  const origin = /^https?:\/\/[^/?#\s]+/i.exec(url)?.[0];
  if (!origin) return undefined;
  let starts = seen.get(origin);
  if (!starts) {
    starts = [];
    for (const t of doc.lexed.strings) if (doc.text.startsWith(origin, t.valueStart)) starts.push(t.valueStart);
    seen.set(origin, starts);
  }
  let best: number | undefined;
  for (const st of starts) if (st < before) best = st;
  return best === undefined ? undefined : { start: best, end: best + origin.length };
}
