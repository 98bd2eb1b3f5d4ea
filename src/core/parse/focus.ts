// Focus: the parts of a large file the parser can skip. A tree-sitter parse costs ~0.3-1 us per
// character, so parsing every line of a 10,000-line file on each keystroke is out of budget, and a
// rule only ever reads a small part of a file. The kept lines are
//  - seeds: lines whose code names something a rule reads (Azure and OpenAI words, credentials,
//    tokens, keys, scopes, endpoints, URLs, env reads, HTTP clients, the SDK client classes);
//  - the lines using a name a seed defines (the calls on a client), and the definitions of the names
//    the seeds and those lines use (a variable, a same-file helper, a dict or options object, a
//    field), then the definitions those use: the semantic model's reach (one level of helpers). A
//    name defined on many lines (`result`, `data`) is a common local and links nothing, except
//    through a declaration (def, function, class, method, `self.x =`);
//  - every statement at module level and in a kept block, and the headers of skipped blocks.
// A block body is skipped (left out of what the parser reads, see compact.ts) only when that keeps the
// syntax valid: its
// header ends with an opener (`{ ( [`, or `:` in Python, where `...` is written in) that the first
// line back at the header's indentation closes, and no line in it opens or closes a multi-line string
// or comment. In brace languages a whole member or statement (header to closing `}`) is skipped when it
// starts and ends a statement.
import { TRIGGER_WORDS, escapeRegExp } from '../prefilter';
import { CLIENTS } from '../knowledge/clients';
import { DROP, ELLIPSIS, compactLines, lineTable, type Compact, type LineTable } from './compact';

const CLIENT_CLASSES = [...new Set(Object.values(CLIENTS).flatMap((specs) => specs.map((s) => s.className)))];

/** A seed line: what any rule reads (a superset; case-insensitive). */
export const SEED = new RegExp(
  [
    ...TRIGGER_WORDS.map(escapeRegExp),
    ...CLIENT_CLASSES.map(escapeRegExp),
    'anthropic',
    'endpoint',
    'scope',
    'audience',
    'deployment',
    'get_?token',
    'access_?token',
    'token_?provider',
    'api_?key',
    'subscription[-_]?key',
    'ocp-apim',
    'environ',
    'getenv',
    '\\benv\\b',
    'dotenv',
    'https?://',
    'wss?://',
    'requests',
    'httpx',
    'aiohttp',
    'urllib',
    'fetch',
    'axios',
    'http_?client',
    'httprequest',
    'resttemplate',
    'webclient',
    'okhttp',
    'curl',
    'invoke-(?:restmethod|webrequest)',
  ].join('|'),
  'i',
);

const SEED_ANYWHERE = new RegExp(SEED.source, 'gi');

/** Names that never link a seed to another line (keywords, primitive types). */
const NOT_A_LINK = new Set(
  (
    'and as assert async await break case catch class const continue def default del delete do elif else enum ' +
    'except export extends false final finally for from function get global if import in instanceof interface ' +
    'is lambda let new nonlocal not null of or override pass private protected public raise readonly return ' +
    'self set static super switch this throw true try typeof using var void while with yield none ' +
    'string int bool boolean object dynamic str dict list float double long char byte decimal number any ' +
    'internal sealed virtual abstract record struct namespace package throws implements val'
  ).split(' '),
);

const IDENT = /[A-Za-z_$][\w$]*/g;
const MAX_DEPTH = 16;
const CLOSER: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
/** A name defined on more lines than this is a common local: it links nothing. */
const SPECIFIC_DEFINITIONS = 3;

type Dialect = 'python' | 'js' | 'csharp' | 'java' | 'other';

function dialectOf(languageId: string): Dialect {
  if (languageId === 'python' || languageId === 'jupyter') return 'python';
  if (languageId.startsWith('javascript') || languageId.startsWith('typescript')) return 'js';
  if (languageId === 'csharp') return 'csharp';
  if (languageId === 'java') return 'java';
  return 'other';
}

interface Lines extends LineTable {
  text: string;
}

const lineOf = (L: Lines, k: number) => L.text.slice(L.start[k], L.end[k]);

function countOf(line: string, needle: string): number {
  let n = 0;
  for (let i = line.indexOf(needle); i >= 0; i = line.indexOf(needle, i + needle.length)) n++;
  return n;
}

const COMMENT_LINE = { python: /^\s*(?:#|[rRbBuU]?(?:"""|'''))/, c: /^\s*(?:\/\/|\/\*|\*)/ };

/**
 * The code of a line: nothing for a comment or docstring line (no rule reads those), else the line without
 * a trailing comment (a `#` or `//` after an even number of quotes).
 */
function codeOf(line: string, dialect: Dialect): string {
  const python = dialect === 'python';
  if ((python ? COMMENT_LINE.python : COMMENT_LINE.c).test(line)) return '';
  const marker = line.indexOf(python ? '#' : '//');
  if (marker < 0) return line;
  const before = line.slice(0, marker);
  if (python && /\{[^}]*$/.test(before)) return line; // an f-string's format spec or a dict: keep
  return countOf(before, '"') % 2 === 0 && countOf(before, "'") % 2 === 0 && countOf(before, '`') % 2 === 0
    ? before
    : line;
}

/** String literals of one line; their `{...}` holes (f-strings, templates, `.format`) are code. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** The `{...}` holes of a string literal (f-strings, templates, `.format`), which are code. */
const holesOf = (literal: string) => (literal.match(/\{[^{}]*\}/g) ?? []).join(' ');

/** The identifiers a line's code uses (the words of its string literals left out: a URL links nothing). */
function namesIn(code: string, into: Set<string>): void {
  const bare = code.replace(STRING_LITERAL, holesOf);
  for (const m of bare.matchAll(IDENT)) if (m[0].length > 1 && !NOT_A_LINK.has(m[0].toLowerCase())) into.add(m[0]);
}

/** The offset of a line's first assignment `=` (also `+=`, `:=`, `??=`; not `==`, `=>`, `<=`, `!=`), or -1. */
function assignmentAt(line: string): number {
  for (let i = line.indexOf('='); i >= 0; i = line.indexOf('=', i + 1)) {
    const before = line.charCodeAt(i - 1);
    const after = line.charCodeAt(i + 1);
    if (after === 61 /* = */ || after === 62 /* > */) {
      i++;
      continue;
    }
    if (before === 61 || before === 33 /* ! */ || before === 60 /* < */ || before === 62 /* > */) continue;
    return i;
  }
  return -1;
}

/** The names a seed line assigns (the last part of `a.b.c =`; an `=` inside an open call is a keyword argument). */
function assignedNames(code: string, into: Set<string>): void {
  const eq = assignmentAt(code);
  if (eq < 0) return;
  const target = code.slice(0, eq);
  if (countOf(target, '(') > countOf(target, ')')) return;
  for (const m of target.matchAll(IDENT)) {
    if (target.charCodeAt(m.index + m[0].length) !== 46 /* . */ && !NOT_A_LINK.has(m[0].toLowerCase())) into.add(m[0]);
  }
}

const DECLARATION_BEFORE = /\b(?:def|function|class|interface|record|struct|enum)\s+$/;
const MEMBER_BEFORE = /\b(?:self|this)\.$/;
const ASSIGNMENT_AFTER = /^\s*(?::(?!:)[^=(),;]*)?(?:[-+*/%|&^]|\?\?)?=(?![=>])/;
/** After a method name in its header: a parameter list and then `{`, `=>`, `throws`, or nothing (Allman). */
const METHOD_AFTER = /^\s*(?:<[^<>()]*>)?\s*\(.*\)\s*(?:\{|=>|throws\b.*|:\s*[\w<>[\], .|?]+\s*\{?)?\s*$/;
const TYPE_BEFORE =
  /(?:^|[\s(])[\w$<>[\],.?]+\s+$|^\s*(?:(?:public|private|protected|static|async|get|set|override)\s+)*$/;

/** Characters read on each side of a mention to classify it. */
const CONTEXT = 400;
/** Mentions classified per line; the rest of a line of data only counts as uses. */
const CLASSIFIED_PER_LINE = 16;

/** One name's mentions: the lines, and the lines defining it (of which declarations). */
interface Mentions {
  lines: number[];
  definitions: number[];
  declarations: number[];
}

/**
 * Every mention of the names (one pass over the text), classified by what the code around it says:
 * an assignment to it (`x =`, `x: T =`, `x +=`), a declaration (`def x`, `function x`, `class x`,
 * `self.x =`, a method header), or a use.
 */
function mentionsOf(L: Lines, dialect: Dialect, names: Set<string>): Map<string, Mentions> {
  const found = new Map<string, Mentions>();
  if (names.size === 0) return found;
  const pattern = new RegExp(`(?<![\\w$])(?:${[...names].map(escapeRegExp).join('|')})(?![\\w$])`, 'g');
  const text = L.text;
  let k = 0;
  let onLine = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const line = k;
    while (k < L.count - 1 && L.end[k] < m.index) k++;
    onLine = k === line ? onLine + 1 : 1;
    let entry = found.get(m[0]);
    if (!entry) found.set(m[0], (entry = { lines: [], definitions: [], declarations: [] }));
    if (entry.lines[entry.lines.length - 1] !== k) entry.lines.push(k);
    if (onLine > CLASSIFIED_PER_LINE) continue;
    // a bounded window around the mention: a declaration's keywords and signature are near it, and
    // a long line of mentions must stay linear
    const before = text.slice(Math.max(L.start[k], m.index - CONTEXT), m.index);
    const after = text.slice(m.index + m[0].length, Math.min(L.end[k], m.index + m[0].length + CONTEXT));
    const assigned = ASSIGNMENT_AFTER.test(after);
    const declared =
      DECLARATION_BEFORE.test(before) ||
      (assigned && MEMBER_BEFORE.test(before)) ||
      (dialect !== 'python' && METHOD_AFTER.test(after) && TYPE_BEFORE.test(before) && !/;\s*$/.test(after));
    if (!assigned && !declared) continue;
    if (entry.definitions[entry.definitions.length - 1] !== k) entry.definitions.push(k);
    if (declared) entry.declarations.push(k);
  }
  return found;
}

/** The kept lines (seeds and their links), the definition lines among them, and the names they use. */
function keptLines(L: Lines, dialect: Dialect): { kept: Uint8Array; defs: Uint8Array; needed: Set<string> } {
  const kept = new Uint8Array(L.count);
  const defs = new Uint8Array(L.count);
  const used = new Set<string>();
  const assigned = new Set<string>();
  for (const k of linesMatching(L, SEED_ANYWHERE)) {
    const code = codeOf(lineOf(L, k), dialect);
    if (!SEED.test(code)) continue;
    kept[k] = 1;
    namesIn(code, used);
    assignedNames(code, assigned);
  }
  const specific = (m: Mentions) => m.definitions.length <= SPECIFIC_DEFINITIONS;
  /** Keeps the definitions of `names` a use elsewhere can see; returns the names the kept lines use. */
  const linkDefinitions = (found: Map<string, Mentions>, names: Set<string>): Set<string> => {
    const next = new Set<string>();
    for (const name of names) {
      const m = found.get(name);
      if (!m) continue;
      for (const line of specific(m) ? m.definitions : m.declarations) {
        defs[line] = 1;
        if (kept[line]) continue;
        kept[line] = 1;
        namesIn(codeOf(lineOf(L, line), dialect), next);
      }
    }
    return next;
  };
  // one pass for what the seeds assign (their uses) and what they use (its definitions)
  const firstNames = new Set([...assigned, ...used]);
  const first = mentionsOf(L, dialect, firstNames);
  const usedByUses = new Set<string>();
  for (const name of assigned) {
    const m = first.get(name);
    if (!m || !specific(m)) continue;
    for (const line of m.lines) {
      if (kept[line]) continue;
      kept[line] = 1;
      namesIn(codeOf(lineOf(L, line), dialect), usedByUses);
    }
  }
  const second = linkDefinitions(first, used);
  // what the uses and the definitions use in turn, one level more
  for (const name of usedByUses) second.add(name);
  for (const name of firstNames) second.delete(name);
  const third = linkDefinitions(mentionsOf(L, dialect, second), second);
  return { kept, defs, needed: new Set([...used, ...assigned, ...usedByUses, ...second, ...third]) };
}

/** A line that may open or close a construct spanning lines (string, comment) in this language. */
function isSuspicious(line: string, dialect: Dialect): boolean {
  if ((line.includes('/*') || line.includes('*/')) && countOf(line, '/*') !== countOf(line, '*/')) return true;
  if (dialect === 'python')
    return (
      (line.includes('"""') && countOf(line, '"""') % 2 === 1) ||
      (line.includes("'''") && countOf(line, "'''") % 2 === 1) ||
      line.endsWith('\\')
    );
  if (dialect === 'js') return line.includes('`') && countOf(line, '`') % 2 === 1;
  // a verbatim or raw string left open: an odd number of quotes (a one-line @"..." has an even number)
  if (dialect === 'csharp') return (line.includes('@"') || line.includes('"""')) && countOf(line, '"') % 2 === 1;
  return line.includes('"""');
}

const SUSPICIOUS_MARKER: Record<Dialect, RegExp> = {
  python: /\/\*|\*\/|"""|'''|\\\r?$/gm,
  js: /\/\*|\*\/|`/g,
  csharp: /\/\*|\*\/|@"|"""/g,
  java: /\/\*|\*\/|"""/g,
  other: /\/\*|\*\/|"""/g,
};

/** The lines holding a match of a global regex, once each, in order (one pass over the text). */
function linesMatching(L: Lines, pattern: RegExp): number[] {
  const hits: number[] = [];
  let k = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(L.text); m; m = pattern.exec(L.text)) {
    while (k < L.count - 1 && L.end[k] < m.index) k++;
    hits.push(k);
    pattern.lastIndex = L.end[k] + 1; // one match per line is enough
  }
  return hits;
}

/** Prefix sums over a per-line flag: flagged lines before index i. */
function prefixSums(count: number, flag: (k: number) => boolean): Int32Array {
  const sums = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) sums[k + 1] = sums[k] + (flag(k) ? 1 : 0);
  return sums;
}

/** What may follow a complete statement on the next line and still belong to it. */
const CONTINUES = /^\s*(?:else\b|catch\b|finally\b|while\b|[.()[\],?:+\-*/|&=`])/;
/** A header whose block holds declarations. */
const CONTAINER = /\b(?:class|interface|namespace|struct|record|enum|module)\b/;
/** Lines the semantic model reads for imports, never skipped. */
const IMPORTS = /\b(?:import|require|using|package)\b/;

/** Whether the brackets of a line balance (strings are not told apart: a mismatch only keeps the line). */
function balanced(code: string): boolean {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (--depth < 0) return false;
    }
  }
  return depth === 0;
}
/** What a line before a statement's start ends with. */
function statementEnded(line: string): boolean {
  const code = line.trimEnd();
  const last = code.charCodeAt(code.length - 1);
  return code.length === 0 || last === 59 || last === 123 || last === 125 || COMMENT_LINE.c.test(code);
}
/** An attribute or annotation line, which belongs to the member after it. */
const ATTRIBUTE = /^\s*(?:\[.*\]|@[\w.]+(?:\(.*\))?)\s*$/;

/**
 * What a focus decided, kept by the editor's parse session: an edit inside one skipped line that
 * changes nothing focus reads there (see `inertEdit`) keeps every decision, so only the compact text
 * is written again, not the whole file's links and blocks worked out.
 */
export interface FocusMemo {
  text: string;
  languageId: string;
  L: Lines;
  kind: Uint8Array;
  /** Names whose mentions link lines (a skipped line mentioning one may matter). */
  links: Set<string>;
}

/** The compact text of `text` with the skippable parts dropped, or undefined when nothing can be skipped. */
export function focusedCompact(text: string, languageId: string, memo?: { last?: FocusMemo }): Compact | undefined {
  const previous = memo?.last;
  if (previous && previous.languageId === languageId) {
    const L = inertEdit(previous, text);
    if (L) {
      memo.last = { ...previous, text, L };
      return compactLines(text, L, previous.kind);
    }
  }
  const decided = decide(text, languageId);
  if (memo) memo.last = decided ? { ...decided, text, languageId } : undefined;
  return decided && compactLines(text, decided.L, decided.kind);
}

/** The first word (or character) and the last character of a line: what marks headers, closers, attributes. */
function shapeOf(line: string): string {
  const trimmed = line.trim();
  return `${/^[\w$]+|^\S/.exec(trimmed)?.[0] ?? ''}|${trimmed.slice(-1)}|${trimmed.length > 1}`;
}

/**
 * The line table of `text` when it differs from the memo's text inside one line that focus skipped,
 * and neither version of that line holds anything focus reads: a seed, a linked name, a multi-line
 * string or comment marker, another indentation or shape. Undefined otherwise.
 */
function inertEdit(memo: FocusMemo, text: string): Lines | undefined {
  const before = memo.text;
  if (before === text) return memo.L;
  const { p, q } = commonEnds(before, text);
  const L = memo.L;
  // the line holding the edit: the last line starting at or before p
  let lo = 0;
  let hi = L.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (L.start[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  const k = lo;
  const delta = text.length - before.length;
  const oldEnd = L.end[k];
  if (before.length - q > oldEnd || L.indent[k] < 0) return undefined;
  const oldLine = before.slice(L.start[k], oldEnd);
  const newLine = text.slice(L.start[k], oldEnd + delta);
  if (newLine.includes('\n') || shapeOf(oldLine) !== shapeOf(newLine)) return undefined;
  const dialect = dialectOf(memo.languageId);
  const same =
    memo.kind[k] === DROP
      ? inertLine(oldLine, memo, L.indent[k]) && inertLine(newLine, memo, L.indent[k])
      : sameDecisions(oldLine, newLine, memo, dialect);
  if (!same) return undefined;
  const start = L.start.slice();
  const end = L.end.slice();
  end[k] += delta;
  for (let i = k + 1; i < L.count; i++) {
    start[i] += delta;
    end[i] += delta;
  }
  return { ...L, text, start, end };
}

/** The lengths of the common prefix and suffix of two texts (compared a block at a time, natively). */
function commonEnds(a: string, b: string): { p: number; q: number } {
  const min = Math.min(a.length, b.length);
  const BLOCK = 4096;
  let p = 0;
  while (p + BLOCK <= min && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  while (
    q + BLOCK <= min - p &&
    a.slice(a.length - q - BLOCK, a.length - q) === b.slice(b.length - q - BLOCK, b.length - q)
  )
    q += BLOCK;
  while (q < min - p && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return { p, q };
}

/** A line's code with its string literals' contents left out (their `{...}` holes kept). */
const skeletonOf = (line: string, dialect: Dialect) =>
  codeOf(line, dialect).replace(STRING_LITERAL, (literal) => `"${holesOf(literal)}"`);

/**
 * Whether a kept line edited inside its string literals leaves focus's decisions as they were: the
 * same code around the strings, seed or not alike, the same linked names mentioned, no multi-line marker.
 */
function sameDecisions(before: string, after: string, memo: FocusMemo, dialect: Dialect): boolean {
  if (isSuspicious(before, dialect) || isSuspicious(after, dialect)) return false;
  if (skeletonOf(before, dialect) !== skeletonOf(after, dialect)) return false;
  if (SEED.test(codeOf(before, dialect)) !== SEED.test(codeOf(after, dialect))) return false;
  const linked = (line: string) => [...line.matchAll(IDENT)].filter((m) => memo.links.has(m[0])).join(' ');
  return linked(before) === linked(after);
}

function inertLine(line: string, memo: FocusMemo, indent: number): boolean {
  const dialect = dialectOf(memo.languageId);
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (i !== indent || i === line.length || isSuspicious(line, dialect) || SEED.test(codeOf(line, dialect)))
    return false;
  for (const m of line.matchAll(IDENT)) if (memo.links.has(m[0])) return false;
  return true;
}

/** Focus's decisions for a text: which lines are dropped or written as `...`, and the names that link. */
function decide(text: string, languageId: string): { L: Lines; kind: Uint8Array; links: Set<string> } | undefined {
  const dialect = dialectOf(languageId);
  const python = dialect === 'python';
  const braces = dialect === 'js' || dialect === 'csharp' || dialect === 'java';
  const L: Lines = { ...lineTable(text), text };
  const { kept, defs, needed } = keptLines(L, dialect);
  const keptBefore = prefixSums(L.count, (k) => kept[k] === 1);
  // only a line holding a marker of a multi-line string or comment can be suspicious
  const marked = new Uint8Array(L.count);
  for (const k of linesMatching(L, SUSPICIOUS_MARKER[dialect])) marked[k] = isSuspicious(lineOf(L, k), dialect) ? 1 : 0;
  const suspicious = (k: number) => marked[k] === 1;
  const suspiciousBefore = prefixSums(L.count, suspicious);
  const blanks: Array<[number, number, number]> = []; // [from line, to line (exclusive), ellipsis line or -1]
  const nextNonBlank = (k: number, to: number) => {
    while (k < to && L.indent[k] < 0) k++;
    return k;
  };
  const previousNonBlank = (k: number) => {
    let p = k - 1;
    while (p >= 0 && L.indent[p] < 0) p--;
    return p;
  };
  /** The line naming a block: its header, or the line before a lone `{` (Allman style). */
  const namingLine = (i: number) => {
    if (L.end[i] - L.start[i] - L.indent[i] > 1 || text.charCodeAt(L.start[i] + L.indent[i]) !== 123) return i;
    const p = previousNonBlank(i);
    return p >= 0 && L.indent[p] === L.indent[i] ? p : i;
  };
  /**
   * The first line of the whole statement headed at line i (closed by line k) when it can be skipped
   * entirely: nothing in it is kept or suspicious, it starts after a finished statement (attributes
   * included) and nothing after it continues it.
   */
  const wholeStart = (from: number, i: number, k: number): number => {
    const closer = lineOf(L, k).trim();
    if (closer !== '}' && closer !== '};') return -1;
    let first = namingLine(i);
    if (L.indent[first] !== L.indent[k]) return -1;
    for (let p = previousNonBlank(first); p >= 0 && L.indent[p] === L.indent[k] && ATTRIBUTE.test(lineOf(L, p));) {
      first = p;
      p = previousNonBlank(p);
    }
    const before = previousNonBlank(first);
    if (before >= 0 && !statementEnded(lineOf(L, before))) return -1;
    const after = nextNonBlank(k + 1, L.count);
    if (after < L.count && CONTINUES.test(lineOf(L, after))) return -1;
    if (keptBefore[i + 1] - keptBefore[first] > 0 || kept[k] || suspiciousBefore[i + 1] - suspiciousBefore[first] > 0)
      return -1;
    return first < from ? -1 : first;
  };
  /**
   * A one-line declaration (brace languages, at module, namespace or class level) that nothing reads: it
   * assigns nothing, ends with `;` or `}`, and its brackets balance (an interface, a type, a signature).
   */
  const skippableLine = (i: number): boolean => {
    if (!braces || kept[i] || marked[i] || L.end[i] - L.start[i] - L.indent[i] < 16) return false;
    let last = L.end[i] - 1;
    while (last > L.start[i] && L.text.charCodeAt(last) <= 32) last--;
    const end = L.text.charCodeAt(last);
    if (end !== 59 /* ; */ && end !== 125 /* } */) return false;
    const code = lineOf(L, i).trim();
    if (IMPORTS.test(code) || assignmentAt(code) >= 0) return false;
    if (!balanced(code)) return false;
    for (const m of code.matchAll(IDENT)) if (needed.has(m[0])) return false; // a field or type something uses
    const before = previousNonBlank(i);
    if (before >= 0 && !statementEnded(lineOf(L, before))) return false;
    const after = nextNonBlank(i + 1, L.count);
    return after >= L.count || !CONTINUES.test(lineOf(L, after));
  };
  /** The first line (decorators included) of a module-level Python def or class nothing reads, or -1. */
  const moduleDefinitionStart = (i: number): number => {
    if (kept[i] || defs[i] || suspiciousBefore[i + 1] !== suspiciousBefore[i]) return -1;
    if (!/^(?:async\s+def|def|class)\s/.test(lineOf(L, i))) return -1;
    let first = i;
    for (
      let p = previousNonBlank(i);
      p >= 0 && L.indent[p] === 0 && lineOf(L, p).startsWith('@');
      p = previousNonBlank(p)
    ) {
      if (kept[p] || suspiciousBefore[p + 1] !== suspiciousBefore[p]) return -1;
      first = p;
    }
    return first;
  };
  /** declarations: the block holds declarations (a module, namespace or class body), not statements that run. */
  const visit = (from: number, to: number, depth: number, declarations: boolean): void => {
    let i = nextNonBlank(from, to);
    while (i < to) {
      const j = nextNonBlank(i + 1, to);
      if (j >= to || L.indent[j] <= L.indent[i]) {
        if (declarations && skippableLine(i)) blanks.push([i, i + 1, -1]);
        i = j;
        continue;
      }
      // lines j .. k-1 are the inner lines of the block headed by line i
      let k = j;
      while (k < to && (L.indent[k] < 0 || L.indent[k] > L.indent[i])) k++;
      let innerEnd = k; // exclusive, trailing blank lines excluded
      while (innerEnd > j && L.indent[innerEnd - 1] < 0) innerEnd--;
      const relevant = keptBefore[innerEnd] - keptBefore[j] > 0 || defs[namingLine(i)] === 1;
      const inert = suspiciousBefore[innerEnd] - suspiciousBefore[j] === 0;
      if (!relevant && inert && depth < MAX_DEPTH) {
        const header = lineOf(L, i).trimEnd();
        const last = header[header.length - 1];
        const closerLine = k < to ? text.slice(L.start[k] + L.indent[k], L.end[k]) : '';
        const closes = last in CLOSER && closerLine.startsWith(CLOSER[last]);
        const pyBody = python && last === ':';
        const whole = braces && closes && last === '{' && k < to ? wholeStart(from, i, k) : -1;
        if (whole >= 0) {
          blanks.push([whole, k + 1, -1]);
          i = nextNonBlank(k + 1, to);
          continue;
        }
        const definition = pyBody && depth === 0 ? moduleDefinitionStart(i) : -1;
        if (definition >= 0) {
          blanks.push([definition, innerEnd, -1]);
          i = k;
          continue;
        }
        if (closes || pyBody) {
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
      if (depth < MAX_DEPTH) visit(j, innerEnd, depth + 1, CONTAINER.test(lineOf(L, namingLine(i))));
      i = k;
    }
  };
  visit(0, L.count, 0, true);
  if (blanks.length === 0) return undefined;
  const kind = new Uint8Array(L.count); // 0: copied
  for (const [from, to, ellipsis] of blanks) {
    kind.fill(DROP, from, to);
    if (ellipsis >= 0) kind[ellipsis] = ELLIPSIS;
  }
  return { L, kind, links: needed };
}
