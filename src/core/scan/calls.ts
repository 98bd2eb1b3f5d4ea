// Finds calls/constructions by name on the comment- and string-blanked code view and splits their
// arguments (positional, Python keywords, C# named args, JS/Python object/dict literals, C# object
// initializers) and Java/C#-style builder chains. Linear bracket matching, no regex backtracking.
import type { Doc } from './document';

export interface Arg {
  /** Keyword / property name, when the argument is named. */
  name?: string;
  /** Value expression (trimmed). */
  start: number;
  end: number;
  /** Whole argument including `name=` (for deletion). */
  fullStart: number;
  fullEnd: number;
  /** Members when the value is an object/dict literal or an object initializer. */
  props?: Arg[];
}

export interface ChainCall {
  name: string;
  nameStart: number;
  open: number;
  close: number;
  args: Arg[];
}

export interface Call {
  callee: string;
  calleeStart: number;
  calleeEnd: number;
  /** Start of the whole expression (incl. `new` and qualifiers). */
  exprStart: number;
  isNew: boolean;
  /** Bracket that opens the arguments: '(' or '{' (C# `new X { ... }`). */
  open: number;
  close: number;
  args: Arg[];
  /** `.method(...)` calls chained after the construction (builders). */
  chain: ChainCall[];
  /** End of the whole expression (after the chain). */
  end: number;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const MAX_SPAN = 200_000;

/**
 * Closing index for every bracket of one code view, built in a single linear pass and reused for
 * every lookup in that view: scanning forward from each opener instead made files with many unclosed
 * calls (`AzureOpenAI(` x 4000) quadratic. Same answers as the forward scan: -1 when the span exceeds
 * MAX_SPAN, when a mismatched closer interrupts it, or when the file ends first. Cached per Doc (a
 * module-level cache keyed by the string compared whole texts on every lookup when a new Doc had the
 * same content).
 */
const tables = new WeakMap<Doc, Int32Array>();
function bracketTable(doc: Doc): Int32Array {
  const cached = tables.get(doc);
  if (cached) return cached;
  const code = doc.code;
  const match = new Int32Array(code.length).fill(-1);
  const stack: number[] = [];
  const brackets = /[()[\]{}]/g; // jump from bracket to bracket (V8's class scan beats a char loop)
  let m: RegExpExecArray | null;
  while ((m = brackets.exec(code))) {
    const i = m.index;
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) stack.push(i);
    else {
      if (stack.length === 0) continue;
      const top = stack[stack.length - 1];
      const want = code.charCodeAt(top) === 40 ? 41 : code.charCodeAt(top) + 2; // ( -> ), [ -> ], { -> }
      if (want === c) {
        stack.pop();
        match[top] = i - top < MAX_SPAN ? i : -1;
      } else stack.length = 0; // every open bracket sees the mismatch first: all stay -1
    }
  }
  tables.set(doc, match);
  return match;
}

/** Index of the bracket closing the one at `open` in the document's code view, or -1. */
export function matchBracket(doc: Doc, open: number): number {
  const code = doc.code;
  const at = code[open];
  if (at !== '(' && at !== '[' && at !== '{') return matchBracketScan(code, open);
  // Most calls close within a few hundred characters: a short forward scan answers them without
  // building the whole-document table. After a few scans that hit the short limit (unclosed or huge
  // calls, the quadratic case), every lookup goes to the table.
  const table = tables.get(doc);
  if (table) return table[open];
  const misses = shortScanMisses.get(doc) ?? 0;
  if (misses < 8) {
    const r = matchBracketScanLimited(code, open, SHORT_SPAN);
    if (r !== undefined) return r;
    shortScanMisses.set(doc, misses + 1);
  }
  return bracketTable(doc)[open];
}

const SHORT_SPAN = 4_000;
const shortScanMisses = new WeakMap<Doc, number>();

/** Forward scan limited to `span` characters: the closing index, -1 on a mismatch, undefined when the limit is hit. */
function matchBracketScanLimited(code: string, open: number, span: number): number | undefined {
  const stack: number[] = [];
  const limit = Math.min(code.length, open + span);
  for (let i = open; i < limit; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) stack.push(c === 40 ? 41 : c + 2);
    else if (c === 41 || c === 93 || c === 125) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return limit === code.length ? -1 : undefined;
}

/** The forward scan, kept for callers that pass a position that is not itself a bracket. */
function matchBracketScan(code: string, open: number): number {
  const stack: string[] = [];
  const limit = Math.min(code.length, open + MAX_SPAN);
  for (let i = open; i < limit; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') stack.push(OPEN[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function trimRange(code: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(code[s])) s++;
  while (e > s && /\s/.test(code[e - 1])) e--;
  return [s, e];
}

/** Splits code[from, to) at top-level commas. */
function splitTopLevel(code: string, from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

/** Name of a member key: identifier or a string token (read from the original text). */
function keyName(doc: Doc, s: number, e: number): string | undefined {
  const code = doc.code;
  if (code[s] === '"') {
    const t = doc.stringAt(s);
    if (t && t.end <= e) return doc.text.slice(t.valueStart, t.valueEnd);
    return undefined;
  }
  const m = /^[A-Za-z_$][\w$]*/.exec(code.slice(s, e));
  return m ? m[0] : undefined;
}

/** Members of `{ ... }` (JS object, Python dict, C# initializer). */
export function parseObject(doc: Doc, open: number, close: number): Arg[] {
  const code = doc.code;
  const out: Arg[] = [];
  for (const [ps, pe] of splitTopLevel(code, open + 1, close)) {
    const [s, e] = trimRange(code, ps, pe);
    if (s >= e) continue;
    if (code.startsWith('...', s) || code.startsWith('**', s)) continue;
    // find the separator ':' or '=' at depth 0 after the key
    let keyEnd = s;
    if (code[s] === '"') {
      const t = doc.stringAt(s);
      keyEnd = t ? t.end : s + 1;
    } else if (code[s] === '[') {
      keyEnd = matchBracket(doc, s) + 1 || e;
    } else {
      while (keyEnd < e && /[\w$]/.test(code[keyEnd])) keyEnd++;
    }
    let j = keyEnd;
    while (j < e && /\s/.test(code[j])) j++;
    if ((code[j] === ':' || (code[j] === '=' && code[j + 1] !== '=' && code[j + 1] !== '>')) && j < e) {
      const name = keyName(doc, s, keyEnd);
      const [vs, ve] = trimRange(code, j + 1, e);
      out.push(withProps(doc, { name, start: vs, end: ve, fullStart: s, fullEnd: e }));
    } else if (keyEnd === e) {
      out.push({ name: keyName(doc, s, e), start: s, end: e, fullStart: s, fullEnd: e }); // shorthand
    } else {
      out.push(withProps(doc, { start: s, end: e, fullStart: s, fullEnd: e }));
    }
  }
  return out;
}

function withProps(doc: Doc, arg: Arg): Arg {
  const code = doc.code;
  let s = arg.start;
  // `new Options { ... }` / `new Options() { ... }` initializers
  const m = /^new\s+[\w.<>]+\s*(?:\(\s*\))?\s*(?=\{)/.exec(code.slice(s, Math.min(arg.end, s + 200)));
  if (m) s += m[0].length;
  if (code[s] === '{') {
    const close = matchBracket(doc, s);
    if (close > 0 && close < arg.end + 1) arg.props = parseObject(doc, s, close);
  }
  return arg;
}

/** Arguments between brackets open..close. */
export function parseArgs(doc: Doc, open: number, close: number): Arg[] {
  const code = doc.code;
  if (code[open] === '{') return parseObject(doc, open, close);
  const out: Arg[] = [];
  const family = doc.family;
  for (const [ps, pe] of splitTopLevel(code, open + 1, close)) {
    const [s, e] = trimRange(code, ps, pe);
    if (s >= e) continue;
    const slice = code.slice(s, Math.min(e, s + 120));
    let m: RegExpExecArray | null = null;
    if (family === 'python') m = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(slice);
    else if (family === 'csharp') m = /^([A-Za-z_]\w*)\s*:(?!:)/.exec(slice);
    if (m) {
      const [vs, ve] = trimRange(code, s + m[0].length, e);
      out.push(withProps(doc, { name: m[1], start: vs, end: ve, fullStart: s, fullEnd: e }));
    } else out.push(withProps(doc, { start: s, end: e, fullStart: s, fullEnd: e }));
  }
  return out;
}

/** Follows `.name(...)` segments after `from`. */
export function parseChain(doc: Doc, from: number): { chain: ChainCall[]; end: number } {
  const code = doc.code;
  const chain: ChainCall[] = [];
  let i = from;
  const re = /\s*\.\s*([A-Za-z_]\w*)\s*(?:<[\w\s,.<>?]*>\s*)?\(/y;
  for (let guard = 0; guard < 100; guard++) {
    re.lastIndex = i;
    const m = re.exec(code);
    if (!m) break;
    const open = re.lastIndex - 1;
    const close = matchBracket(doc, open);
    if (close < 0) break;
    chain.push({ name: m[1], nameStart: m.index + m[0].indexOf(m[1]), open, close, args: parseArgs(doc, open, close) });
    i = close + 1;
  }
  return { chain, end: i };
}

/** Every call/construction of one of `names` in the code view. */
export function findCalls(doc: Doc, names: readonly string[]): Call[] {
  if (names.length === 0) return [];
  const code = doc.code;
  const alt = names.map((n) => n.replace(/[.$]/g, (c) => '\\' + c)).join('|');
  // No lookbehind at the start: V8 then scans for the names' first characters quickly; the
  // "not preceded by an identifier character" check is done by hand.
  const re = new RegExp(`(${alt})(?![\\w$])\\s*(?:<[\\w\\s,.<>?\\[\\]]{0,200}>\\s*)?(\\(|\\{)`, 'g');
  const calls: Call[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const calleeStart = m.index;
    if (calleeStart > 0 && /[\w$]/.test(code[calleeStart - 1])) {
      re.lastIndex = calleeStart + 1;
      continue;
    }
    const callee = m[1];
    const open = re.lastIndex - 1;
    // `new` and qualifiers before the callee
    let exprStart = qualifierStart(code, calleeStart);
    const nw = /\bnew\s+$/.exec(code.slice(Math.max(0, exprStart - 20), exprStart));
    const isNew = !!nw;
    if (nw) exprStart -= nw[0].length;
    if (code[open] === '{' && !isNew) continue; // only C# `new X { }` initializers
    // Skip definitions: `class X(`, `def X(`, `function X(`
    if (/\b(?:class|def|function|interface|struct|record)\s+$/.test(code.slice(Math.max(0, exprStart - 20), exprStart)))
      continue;
    const close = matchBracket(doc, open);
    if (close < 0) continue;
    let args = parseArgs(doc, open, close);
    let end = close + 1;
    // C# `new X(...) { Prop = ... }` initializer after the parens
    if (code[open] === '(' && isNew) {
      const init = /^\s*\{/.exec(code.slice(end, end + 50));
      if (init && doc.family === 'csharp') {
        const bo = end + init[0].length - 1;
        const bc = matchBracket(doc, bo);
        if (bc > 0) {
          args = args.concat(parseObject(doc, bo, bc));
          end = bc + 1;
        }
      }
    }
    const { chain, end: chainEnd } = parseChain(doc, end);
    calls.push({
      callee,
      calleeStart,
      calleeEnd: calleeStart + callee.length,
      exprStart,
      isNew,
      open,
      close,
      args,
      chain,
      end: chainEnd,
    });
  }
  return calls;
}

/** Named argument or object property lookup (first match). */
export function named(args: Arg[] | undefined, ...names: string[]): Arg | undefined {
  if (!args) return undefined;
  for (const n of names) {
    const a = args.find((x) => x.name === n);
    if (a) return a;
  }
  return undefined;
}

/** Positional argument i (unnamed arguments only, in order). */
export function positional(args: Arg[], i: number): Arg | undefined {
  return args.filter((a) => a.name === undefined)[i];
}

/** Start of `a.b.` qualifiers before `pos` (manual backward scan: no regex backtracking). */
function qualifierStart(code: string, pos: number): number {
  let start = pos;
  let k = pos - 1;
  for (let guard = 0; guard < 20; guard++) {
    while (k >= 0 && (code[k] === ' ' || code[k] === '\t')) k--;
    if (code[k] !== '.') break;
    k--;
    while (k >= 0 && /\s/.test(code[k])) k--;
    const end = k;
    while (k >= 0 && /[\w$]/.test(code[k])) k--;
    if (k === end) break;
    start = k + 1;
  }
  return start;
}
