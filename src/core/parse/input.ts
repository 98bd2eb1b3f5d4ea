// The text tree-sitter parses: the document with the same length and offsets, but
//  1. line terminators the language counts that the grammars do not (CR in a CR-only file; U+2028,
//     U+2029 in JS and C#; U+0085 in C#) turned into LF, so a `//` comment or a Python line ends there;
//  2. in Python, whole-line comments blanked to spaces (and returned, so the token views still count
//     them as comments): at every line end tree-sitter-python's scanner looks ahead over all the comment
//     lines that follow, so a run of n comment lines after a statement costs O(n^2) (3,000: seconds);
//  3. lines over 4,000 characters that mention nothing the rules read, blanked (data blobs, generated code);
//  4. for large files, the bodies of indentation blocks that cannot matter blanked to spaces ("focus").
//     A tree-sitter parse costs ~0.3-1 us per character, which a 10,000-line file cannot afford on
//     every keystroke; the old engine's whole-file passes cost ~10 ns. So only blocks whose lines
//     mention something the rules read (Azure, credentials, tokens, keys, endpoints, headers, ...),
//     blocks defining a name those lines use (one level of helpers), and module-level statements are
//     parsed. A body is blanked only when that keeps the syntax valid: its header ends with an opener
//     (`{ ( [`, or `:` in Python, where `...` is written in) that the first line back at the header's
//     indentation closes, and no line in it opens or closes a multi-line string or comment.

/** Files at most this long are parsed whole. */
export const FOCUS_MIN_CHARS = 32_768;
const MAX_DEPTH = 16;

/** What makes a line worth parsing (a superset of what any rule reads). */
const RELEVANT =
  /azure|openai|inference|cognitive|api[-_]?key|apikey|bearer|authori[sz]|authentic|credential|token|scope|audience|endpoint|deploy|model|header|https?:|url|\bkey\b(?!\s*=\s*(?:lambda\b|len\b|str\b|itemgetter|attrgetter))|_key|secret|environ|getenv|process\.env|env\b|config|settings|import|require|using\b|package\b|client|subscription|requests|httpx|fetch|axios|curl|invoke/i;

export interface ParseInput {
  /** The text given to the parser (same length as the document). */
  text: string;
  /** True when some block bodies were blanked. */
  focused: boolean;
  /** Comments blanked before parsing (Python whole-line comments); some may lie inside strings. */
  blankedComments: Array<[number, number]>;
}

export function parseInput(text: string, languageId: string): ParseInput {
  let normalized = normalizeLineTerminators(text, languageId);
  let blankedComments: Array<[number, number]> = [];
  if (languageId === 'python' || languageId === 'jupyter')
    ({ text: normalized, comments: blankedComments } = blankCommentLines(normalized));
  const long = blankLongLines(normalized);
  if (long.length <= FOCUS_MIN_CHARS || languageId === 'shellscript' || languageId === 'powershell')
    return { text: long, focused: long !== normalized, blankedComments };
  const focused = focus(long, languageId);
  return { text: focused.text, focused: focused.focused || long !== normalized, blankedComments };
}

/** Lines longer than this that mention nothing the rules read (data, generated code) are not parsed. */
const LONG_LINE = 4_000;

/**
 * Long lines that cannot matter, blanked: tree-sitter's lexer re-scans some of them per token (a 20,000-character
 * run of `/[` costs seconds), and a rule never reads a data blob.
 */
function blankLongLines(text: string): string {
  if (text.length <= LONG_LINE) return text;
  let out: string[] | undefined;
  let at = 0;
  for (let s = 0; s < text.length;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    if (e - s > LONG_LINE && !RELEVANT.test(text.slice(s, e))) {
      (out ??= []).push(text.slice(at, s), ' '.repeat(e - s));
      at = e;
    }
    s = e + 1;
  }
  if (!out) return text;
  out.push(text.slice(at));
  return out.join('');
}

/**
 * The retry for a text too complex to parse whole (pathological error recovery): only the lines the rules
 * could read are kept, every other line blanked to spaces (same length, newlines kept).
 */
export function sparseInput(text: string): string {
  return text.replace(/[^\n]+/g, (line) => (RELEVANT.test(line) ? line : ' '.repeat(line.length)));
}

/** Lines whose first non-blank character is `#`, turned into spaces (same length). */
function blankCommentLines(text: string): { text: string; comments: Array<[number, number]> } {
  const comments: Array<[number, number]> = [];
  if (text.indexOf('#') < 0) return { text, comments };
  const out = text.replace(/^([ \t]*)(#[^\n]*)/gm, (_whole, indent: string, comment: string, offset: number) => {
    comments.push([offset + indent.length, offset + indent.length + comment.length]);
    return indent + ' '.repeat(comment.length);
  });
  return { text: out, comments };
}

function normalizeLineTerminators(text: string, languageId: string): string {
  let out = text;
  // A lone CR ends a line when it is the file's line terminator; inside an LF file it is more likely a
  // stray character in a string (which the grammar then keeps, as the old engine did).
  if (out.indexOf('\r') >= 0 && out.indexOf('\n') < 0) out = out.replace(/\r/g, '\n');
  const js = languageId.startsWith('javascript') || languageId.startsWith('typescript');
  if ((js || languageId === 'csharp') && /[\u2028\u2029]/.test(out)) out = out.replace(/[\u2028\u2029]/g, '\n');
  if (languageId === 'csharp' && out.indexOf('\u0085') >= 0) out = out.replace(/\u0085/g, '\n');
  return out;
}

interface Lines {
  start: Int32Array;
  end: Int32Array;
  indent: Int32Array;
  /** Prefix sums: relevant / suspicious lines before index i. */
  relevant: Int32Array;
  suspicious: Int32Array;
  count: number;
}

const CLOSER: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

function countOf(line: string, needle: string): number {
  let n = 0;
  for (let i = line.indexOf(needle); i >= 0; i = line.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** A line that may open or close a construct spanning lines (string, comment) in this language. */
function isSuspicious(line: string, python: boolean, js: boolean, csharp: boolean): boolean {
  if (countOf(line, '/*') !== countOf(line, '*/')) return true;
  if (python) return countOf(line, '"""') % 2 === 1 || countOf(line, "'''") % 2 === 1 || line.endsWith('\\');
  if (js) return countOf(line, '`') % 2 === 1;
  // a verbatim or raw string left open: an odd number of quotes (a one-line @"..." has an even number)
  if (csharp) return (line.includes('@"') || line.includes('"""')) && countOf(line, '"') % 2 === 1;
  return line.includes('"""');
}

function readLines(text: string, languageId: string): Lines {
  const python = languageId === 'python' || languageId === 'jupyter';
  const js = languageId.startsWith('javascript') || languageId.startsWith('typescript');
  const csharp = languageId === 'csharp';
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const indent = new Int32Array(count);
  const relevant = new Int32Array(count + 1);
  const suspicious = new Int32Array(count + 1);
  let s = 0;
  for (let k = 0; k < count; k++) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    start[k] = s;
    end[k] = e;
    let i = s;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    indent[k] = i === e ? -1 : i - s; // -1: blank line
    const line = text.slice(s, e);
    relevant[k + 1] = relevant[k] + (i < e && RELEVANT.test(line) ? 1 : 0);
    suspicious[k + 1] = suspicious[k] + (i < e && isSuspicious(line, python, js, csharp) ? 1 : 0);
    s = e + 1;
  }
  return { start, end, indent, relevant, suspicious, count };
}

/** The name a block header defines (`def name(`, `function name(`, `Type Name(`, `name = {`), if any. */
function definedName(header: string): string | undefined {
  const call = /([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(/.exec(header);
  const assign = /([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=[^=>]/.exec(header);
  const m = call && (!assign || call.index < assign.index) ? call : assign;
  return m?.[1];
}

function focus(text: string, languageId: string): { text: string; focused: boolean } {
  const python = languageId === 'python' || languageId === 'jupyter';
  const L = readLines(text, languageId);
  // Names the relevant lines use (for one level of same-file helpers).
  const used = new Set<string>();
  for (let k = 0; k < L.count; k++) {
    if (L.relevant[k + 1] === L.relevant[k]) continue;
    const line = text.slice(L.start[k], L.end[k]);
    for (const m of line.matchAll(/[A-Za-z_$][\w$]*/g)) used.add(m[0]);
  }
  const blanks: Array<[number, number, number]> = []; // [from line, to line (exclusive), ellipsis line or -1]
  const nextNonBlank = (k: number, to: number) => {
    while (k < to && L.indent[k] < 0) k++;
    return k;
  };
  const visit = (from: number, to: number, depth: number): void => {
    let i = nextNonBlank(from, to);
    while (i < to) {
      const j = nextNonBlank(i + 1, to);
      if (j >= to || L.indent[j] <= L.indent[i]) {
        i = j;
        continue;
      }
      // lines j .. k-1 are the inner lines of the block headed by line i
      let k = j;
      while (k < to && (L.indent[k] < 0 || L.indent[k] > L.indent[i])) k++;
      let innerEnd = k; // exclusive, trailing blank lines excluded
      while (innerEnd > j && L.indent[innerEnd - 1] < 0) innerEnd--;
      const relevant = L.relevant[innerEnd] - L.relevant[j] > 0;
      const suspicious = L.suspicious[innerEnd] - L.suspicious[j] > 0;
      if (!relevant && !suspicious && depth < MAX_DEPTH) {
        const header = text.slice(L.start[i], L.end[i]).trimEnd();
        const last = header[header.length - 1];
        const closerLine = k < to ? text.slice(L.start[k] + L.indent[k], L.end[k]) : '';
        const name = definedName(header);
        const closes = last in CLOSER && closerLine.startsWith(CLOSER[last]);
        const pyBody = python && last === ':';
        if ((closes || pyBody) && !(name && used.has(name))) {
          let ellipsis = -1;
          if (pyBody) {
            for (let m = j; m < innerEnd && ellipsis < 0; m++)
              if (L.end[m] - L.start[m] - L.indent[m] >= 3) ellipsis = m;
          }
          if (!pyBody || ellipsis >= 0) {
            blanks.push([j, innerEnd, ellipsis]);
            i = k;
            continue;
          }
        }
      }
      if (depth < MAX_DEPTH) visit(j, innerEnd, depth + 1);
      i = k;
    }
  };
  visit(0, L.count, 0);
  if (blanks.length === 0) return { text, focused: false };
  const parts: string[] = [];
  let at = 0;
  for (const [from, to, ellipsis] of blanks) {
    const s = L.start[from];
    const e = L.end[to - 1];
    parts.push(text.slice(at, s));
    let body = text.slice(s, e).replace(/[^\n]/g, ' ');
    if (ellipsis >= 0) {
      const o = L.start[ellipsis] + L.indent[ellipsis] - s;
      body = body.slice(0, o) + '...' + body.slice(o + 3);
    }
    parts.push(body);
    at = e;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), focused: true };
}
