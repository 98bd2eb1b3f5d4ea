// Requests written out in .http files and curl / Invoke-RestMethod scripts: each URL with the header
// text that goes with it (the .http block up to the next ###, or the shell command with its
// continuation lines), so REST rules can ask "is this request sent with a Bearer token?".
import { classifyEndpoint } from '../knowledge/endpoints';
import { URL_RE } from '../scan/endpoints';
import type { Doc } from '../scan/document';
import type { EndpointInfo } from '../types';

export interface RestRequest {
  url: string;
  start: number;
  end: number;
  info: EndpointInfo;
  /** Text of the request after the URL (headers, body) in the same block / command. */
  rest: string;
  bearer: boolean;
}

const requestsCache = new WeakMap<Doc, RestRequest[]>();

/** The requests of a document, found once per document (several rules ask). */
export function restRequests(doc: Doc): RestRequest[] {
  if (doc.family !== 'http' && doc.family !== 'shell') return [];
  let cached = requestsCache.get(doc);
  if (!cached) requestsCache.set(doc, (cached = findRequests(doc)));
  return cached;
}

function findRequests(doc: Doc): RestRequest[] {
  const out: RestRequest[] = [];
  const text = doc.lexed.noComments;
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text))) {
    const url = m[0].replace(/[.:]+$/, '');
    const info = classifyEndpoint(url);
    if (!info) continue;
    const after = text.slice(m.index + url.length, m.index + url.length + 4000);
    let stop: number;
    if (doc.family === 'http') stop = after.search(/^###|^(?:GET|POST|PUT|PATCH|DELETE) /m);
    else stop = shellCommandEnd(after, text[m.index - 1]);
    const rest = stop >= 0 ? after.slice(0, stop) : after;
    out.push({
      url,
      start: m.index,
      end: m.index + url.length,
      info,
      rest,
      bearer: /Authorization\s*[:=]\s*["']?Bearer\b/i.test(rest),
    });
  }
  return out;
}

/**
 * Where a shell command ends in text that follows its URL: at a newline outside quotes that no
 * backslash (bash) or backtick (PowerShell) continues; a quoted multi-line JSON body stays inside.
 * `before` is the character before the URL: when it is a quote, the text starts inside that quote.
 */
function shellCommandEnd(text: string, before: string | undefined): number {
  let quote = before === '"' || before === "'" ? before : '';
  const special = /["'\\`\n]/g; // jump between the only characters that matter
  let m: RegExpExecArray | null;
  while ((m = special.exec(text))) {
    const i = m.index;
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') special.lastIndex = i + 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' || c === '`') {
      if (text[i + 1] === '\n') special.lastIndex = i + 2;
      else if (text[i + 1] === '\r' && text[i + 2] === '\n') special.lastIndex = i + 3;
    } else if (c === '\n') return text[i - 1] === '\r' ? i - 1 : i;
  }
  return -1;
}
