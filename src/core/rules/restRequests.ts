// Requests written out in .http files and curl / Invoke-RestMethod scripts: each URL with the header
// text that goes with it (the .http block up to the next ###, or the shell command with its
// continuation lines), so REST rules can ask "is this request sent with a Bearer token?".
import { classifyEndpoint } from '../knowledge/endpoints';
import { URL_RE } from '../scan/endpoints';
import type { Doc } from '../scan/document';
import type { EndpointInfo } from '../types';
import { codeRequests } from './codeRequests';
import { scriptVariables, type ScriptVariables } from '../scan/scriptVariables';

export interface RestRequest {
  url: string;
  start: number;
  end: number;
  info: EndpointInfo;
  /** Text of the request after the URL (headers, body) in the same block / command. */
  rest: string;
  bearer: boolean;
  /** Set when the URL is written through variables (`"$ENDPOINT/openai/..."`, `{{base}}/chat`): the text as written. */
  written?: string;
  /** True when the URL is one literal written at the call (the literal URL checks already see it). */
  literal?: boolean;
  /** Where the URL's scheme and host are written (an assignment's value), for fixes that rewrite the host. */
  origin?: { start: number; end: number };
}

const requestsCache = new WeakMap<Doc, RestRequest[]>();

/** The requests of a document, found once per document (several rules ask). */
export function restRequests(doc: Doc): RestRequest[] {
  if (doc.family === 'python' || doc.family === 'js' || doc.family === 'csharp' || doc.family === 'java')
    return codeRequests(doc);
  if (doc.family !== 'http' && doc.family !== 'shell') return [];
  let cached = requestsCache.get(doc);
  if (!cached) requestsCache.set(doc, (cached = findRequests(doc)));
  return cached;
}

function findRequests(doc: Doc): RestRequest[] {
  const out: RestRequest[] = literalRequests(doc);
  try {
    out.push(...(doc.family === 'http' ? httpVariableRequests(doc) : shellVariableRequests(doc)));
  } catch {
    // variable expansion is best effort; the literal requests stand on their own
  }
  return out.sort((a, b) => a.start - b.start);
}

const BEARER = /Authorization\s*[:=]\s*["']?Bearer\b/i;

function literalRequests(doc: Doc): RestRequest[] {
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
      bearer: BEARER.test(rest),
    });
  }
  return out;
}

/** Where the scheme and host of an expanded URL are written: the value of the assignment its first variable names. */
function originOf(vars: ScriptVariables, written: string, at: number): { start: number; end: number } | undefined {
  const ref = vars.http ? /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/.exec(written) : /^\$\{?([A-Za-z_]\w*)/.exec(written);
  if (!ref) return undefined;
  let a = vars.assignment(ref[1], at);
  for (let depth = 0; a && depth < 4; depth++) {
    const host = /^https?:\/\/[^/?#\s"']+/i.exec(a.value);
    if (host) return { start: a.valueAt, end: a.valueAt + host[0].length };
    const next = vars.http ? /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/.exec(a.value) : /^\$\{?([A-Za-z_]\w*)/.exec(a.value);
    a = next ? vars.assignment(next[1], a.valueStart) : undefined;
  }
  return undefined;
}

/** .http request lines whose URL is written with {{variables}}: `POST {{base}}/chat/completions`. */
function httpVariableRequests(doc: Doc): RestRequest[] {
  const out: RestRequest[] = [];
  const text = doc.lexed.noComments;
  if (!text.includes('{{')) return out;
  const vars = scriptVariables(doc);
  const re = /^[ \t]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+(\{\{[^\s]*)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const written = m[1].replace(/[ \t]+HTTP\/[\d.]+$/, '');
    const start = m.index + m[0].length - m[1].length;
    const url = vars.expand(written, start);
    if (!/^https?:\/\//i.test(url)) continue;
    const info = classifyEndpoint(url);
    if (!info) continue;
    const after = text.slice(start + written.length, start + written.length + 4000);
    const stop = after.search(/^###|^(?:GET|POST|PUT|PATCH|DELETE) /m);
    const rest = vars.expand(stop >= 0 ? after.slice(0, stop) : after, start);
    out.push({
      url,
      start,
      end: start + written.length,
      info,
      rest,
      bearer: BEARER.test(rest),
      written,
      origin: originOf(vars, written, start),
    });
  }
  return out;
}

const SHELL_COMMAND = /(?<![\w$.-])(curl|wget|http|Invoke-RestMethod|Invoke-WebRequest|irm|iwr)(?=[ \t])/gi;

/** curl / Invoke-RestMethod commands whose URL argument is written with variables: `curl "$ENDPOINT/openai/..."`. */
function shellVariableRequests(doc: Doc): RestRequest[] {
  const out: RestRequest[] = [];
  const text = doc.lexed.noComments;
  if (!text.includes('$')) return out;
  const vars = scriptVariables(doc);
  SHELL_COMMAND.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SHELL_COMMAND.exec(text))) {
    const from = m.index + m[0].length;
    const tail = text.slice(from, from + 8000);
    const stop = shellCommandEnd(tail, undefined);
    const command = stop >= 0 ? tail.slice(0, stop) : tail;
    const args = shellArgs(command, from);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (!arg.text.startsWith('$') || /^https?:/i.test(arg.text)) continue;
      const url = vars.expand(arg.text, arg.start);
      if (!/^https?:\/\//i.test(url)) continue;
      const info = classifyEndpoint(url);
      if (!info) continue;
      const others = args
        .filter((_, j) => j !== i)
        .map((a) => a.raw)
        .join(' ');
      const rest = vars.expand(others, arg.start);
      out.push({
        url,
        start: arg.start,
        end: arg.start + arg.text.length,
        info,
        rest,
        bearer: BEARER.test(rest),
        written: arg.text,
        origin: originOf(vars, arg.text, arg.start),
      });
      break; // one URL per command
    }
    SHELL_COMMAND.lastIndex = from + Math.max(0, command.length);
  }
  return out;
}

/** The arguments of a command line: each with its text without quotes, the raw text, and where the text starts. */
function shellArgs(command: string, offset: number): Array<{ text: string; raw: string; start: number }> {
  const out: Array<{ text: string; raw: string; start: number }> = [];
  const re = /"((?:[^"\\`]|\\.|`.)*)"|'([^']*)'|((?:[^\s"'\\`]|\\.|`.)+)|(\\\r?\n|`\r?\n)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(command)) && out.length < 200) {
    if (m[4] !== undefined) continue;
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    const quoted = m[1] !== undefined || m[2] !== undefined;
    out.push({ text, raw: m[0], start: offset + m.index + (quoted ? 1 : 0) });
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
