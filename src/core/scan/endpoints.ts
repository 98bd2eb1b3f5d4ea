// Every Azure endpoint written in the document (outside comments) plus endpoints that client
// constructions resolve from env/config files: the hover and CodeLens anchors.
import type { EndpointMention } from '../types';
import { classifyEndpoint } from '../knowledge/endpoints';
import type { ClientUse } from '../model/clients';
import type { Doc } from './document';

/** URL-ish run; placeholders like <resource> allowed as whole segments. Linear (no nested quantifiers over the same chars). */
export const URL_RE = /https?:\/\/(?:<[^<>\s/]{1,60}>|[^\s"'`<>()\\,;|\][])+/g;

export function findEndpointMentions(doc: Doc, clients: ClientUse[]): EndpointMention[] {
  const out: EndpointMention[] = [];
  const text = doc.text;
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text))) {
    if (doc.inComment(m.index)) continue;
    let url = m[0].replace(/[.:]+$/, '');
    if (url.endsWith('}') && !/[{]/.test(url)) url = url.slice(0, -1);
    const info = classifyEndpoint(url);
    if (!info || info.kind === 'openai-public') continue;
    out.push({ range: doc.range(m.index, m.index + url.length), info });
  }
  for (const c of clients) {
    if (!c.info || !c.endpoint?.envValue) continue;
    const start = c.endpointArg?.start ?? c.call.calleeStart;
    const end = c.endpointArg?.end ?? c.call.calleeEnd;
    out.push({ range: doc.range(start, end), info: c.info, source: c.endpoint.envValue });
  }
  return out;
}
