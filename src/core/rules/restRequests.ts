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

export function restRequests(doc: Doc): RestRequest[] {
  if (doc.family !== 'http' && doc.family !== 'shell') return [];
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
    else {
      // the command ends at a newline not preceded by a backslash continuation
      const re = /(?<!\\)\r?\n/g;
      const e = re.exec(after);
      stop = e ? e.index : -1;
    }
    const rest = stop >= 0 ? after.slice(0, stop) : after;
    out.push({ url, start: m.index, end: m.index + url.length, info, rest, bearer: /Authorization\s*[:=]\s*["']?Bearer\b/i.test(rest) });
  }
  return out;
}
