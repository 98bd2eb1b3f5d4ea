// Parses a document with tree-sitter (sync; the grammar must be loaded, see runtime.ts) and derives
// from the tree the token views rules read: string literals (with the range of their body), comments
// (Python docstrings count as comments), a "code" view with comments blanked and string bodies
// replaced by spaces between two `"` (offsets and newlines preserved), and a view with only comments
// blanked. Strings and comments come from the grammar, so a quote in a here-doc, in JSX text or in a
// regex no longer confuses anything.
import { parserFor, grammarOf, type Tree, type Language, type Parser } from './runtime';
import { parseInput, sparseInput } from './input';
import type { FocusMemo } from './focus';
import { compactText, expandTree, spaced, type Compact } from './compact';

export interface StringToken {
  /** Whole token, prefix and quotes included. */
  start: number;
  end: number;
  /** The characters between the quotes (escapes left as written). */
  valueStart: number;
  valueEnd: number;
  /** f-string, template literal, $"..." — may contain {expr} / ${expr} holes. */
  interpolated: boolean;
}

/** Token views of a document (the same shape for parsed languages and the small format readers). */
export interface Lexed {
  /** Text with comments blanked and each string token replaced by `"   "` of the same length. */
  code: string;
  /** Text with only comments (and docstrings) blanked: what endpoint/URL scanning reads. */
  noComments: string;
  strings: StringToken[];
  comments: Array<[number, number]>;
  /** The string token starting exactly at offset. */
  stringAt(offset: number): StringToken | undefined;
}

/** String and comment node types per grammar. */
const TOKENS: Record<string, { strings: string[]; comments: string[] }> = {
  python: { strings: ['string'], comments: ['comment'] },
  javascript: { strings: ['string', 'template_string'], comments: ['comment'] },
  typescript: { strings: ['string', 'template_string'], comments: ['comment'] },
  tsx: { strings: ['string', 'template_string'], comments: ['comment'] },
  'c-sharp': {
    strings: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'],
    comments: ['comment'],
  },
  java: { strings: ['string_literal'], comments: ['line_comment', 'block_comment'] },
  bash: { strings: ['string', 'raw_string', 'ansi_c_string', 'heredoc_body'], comments: ['comment'] },
  powershell: {
    strings: [
      'expandable_string_literal',
      'verbatim_string_characters',
      'expandable_here_string_literal',
      'verbatim_here_string_characters',
    ],
    comments: ['comment'],
  },
};

/** The string/comment node types of a grammar that the loaded language knows. */
const tokenTypes = new Map<Language, { all: string[]; strings: Set<string> }>();
function typesFor(language: Language, grammar: string): { all: string[]; strings: Set<string> } {
  let t = tokenTypes.get(language);
  if (!t) {
    const spec = TOKENS[grammar] ?? { strings: [], comments: [] };
    const valid = (x: string) => language.idForNodeType(x, true) !== null;
    const strings = spec.strings.filter(valid);
    t = { all: [...strings, ...spec.comments.filter(valid)], strings: new Set(strings) };
    tokenTypes.set(language, t);
  }
  return t;
}

/**
 * Parse time allowed before giving up (pathological inputs make tree-sitter's error recovery slow, and
 * some keep it busy without ever flagging an error). A normal parse costs 0.3-1 us per character, so
 * this leaves a loaded machine several times that; the engine's linear-time bound (fuzz suite) is
 * 250 ms + 3 us per character for the whole analysis.
 */
export function parseBudgetMs(length: number): number {
  return 150 + (2 * length) / 1000;
}

export interface ParsedSyntax {
  /** The tree, in the document's offsets. */
  tree: Tree;
  /** True when parts of the document were blanked before parsing (large files, or a sparse retry). */
  focused: boolean;
  lexed: Lexed;
  /** Frees the tree unless the session keeps it for the next parse (trees live in the wasm heap). */
  release(): void;
}

/** Old trees kept for incremental reparsing, per caller-chosen key (the editor's open documents). */
export interface ParseSession {
  /** The compact text last parsed and its tree (in compact offsets). */
  previous?: { input: string; tree: Tree; languageId: string };
  /** The last focus decisions (large files). */
  focus?: { last?: FocusMemo };
}

/** One parse within the budget; null when it was abandoned (the parser is reset for the next one). */
function budgetedParse(parser: Parser, input: string, oldTree: Tree | undefined, deadline: number): Tree | null {
  const started = performance.now();
  // Error recovery on long runs of garbage grows faster than the input: once the parse has met an
  // error, it must also keep a linear pace (3 us per character after a 50 ms allowance, several times
  // a normal parse; offsets are in bytes of UTF-16).
  const tooSlow = (state: { currentOffset: number; hasError: boolean }) => {
    const now = performance.now();
    if (now > deadline) return true;
    return state.hasError && now - started > 50 + (state.currentOffset / 2) * 0.003;
  };
  const tree = parser.parse(input, oldTree ?? null, { progressCallback: tooSlow as unknown as () => void });
  if (!tree) parser.reset(); // the next parse must start afresh, not resume this one
  return tree;
}

/** Parses the compact text, reusing the session's previous tree where the texts differ in one range. */
function parseCompact(
  parser: Parser,
  compact: Compact,
  languageId: string,
  deadline: number,
  session?: ParseSession,
): Tree | null {
  const prev = session?.previous;
  if (prev && prev.languageId === languageId) {
    if (prev.input === compact.text) return prev.tree;
    const edit = diffEdit(prev.input, compact.text);
    if (edit) {
      prev.tree.edit(edit);
      return budgetedParse(parser, compact.text, prev.tree, deadline);
    }
  }
  return budgetedParse(parser, compact.text, undefined, deadline);
}

/**
 * Parses `text` (sync). Undefined when the language is not parsed with tree-sitter or its grammar
 * is not loaded yet (call ensureParser first). The parser reads the compact text (see compact.ts) and
 * the tree is then shifted back to the document's offsets. With a session, the previous compact tree
 * is edited (`tree.edit`) at the one range where the texts differ and reparsed incrementally. When the
 * whole text is too complex, only its relevant lines are parsed (the rest blanked); 'timeout' when
 * even that fails.
 */
export function parseSyntax(
  text: string,
  languageId: string,
  session?: ParseSession,
): ParsedSyntax | 'timeout' | undefined {
  const grammar = grammarOf(languageId);
  const parser = parserFor(languageId);
  if (!grammar || !parser) return undefined;
  const prepared = parseInput(text, languageId, session ? (session.focus ??= {}) : undefined);
  let focused = prepared.focused;
  let compact = prepared.compact;
  // one budget for the parse and its sparse retry together (the fuzz suite's linear bound)
  const deadline = performance.now() + parseBudgetMs(compact.text.length);
  let tree = parseCompact(parser, compact, languageId, deadline, session);
  if (!tree) {
    const sparse = sparseInput(prepared.text);
    if (sparse !== prepared.text) {
      focused = true;
      compact = compactText(sparse);
      tree = budgetedParse(parser, compact.text, undefined, deadline);
    }
  }
  const prev = session?.previous;
  if (session) {
    if (prev && prev.tree !== tree) prev.tree.delete();
    session.previous = tree ? { input: compact.text, tree, languageId } : undefined;
  }
  if (!tree) return 'timeout';
  // the session keeps the compact tree; the document-offset tree is a copy (subtrees shared)
  const kept = session ? tree : undefined;
  const shifted = compact.gaps.length ? expandTree(kept ? tree.copy() : tree, compact, text) : tree;
  return {
    tree: shifted,
    focused,
    lexed: lexFromTree(text, shifted, grammar, prepared.blankedComments),
    release: () => {
      if (shifted !== kept) shifted.delete();
    },
  };
}

/** Frees a session's tree (document closed). */
export function disposeSession(session: ParseSession): void {
  session.previous?.tree.delete();
  session.previous = undefined;
  session.focus = undefined;
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  // tree-sitter counts columns in bytes of its UTF-16 input; rows only steer reuse, so an
  // approximation from the last newline is enough.
  let row = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { row, column: (offset - lineStart) * 2 };
}

/** The single edit turning `before` into `after` (common prefix and suffix), or undefined when equal. */
function diffEdit(before: string, after: string) {
  if (before === after) return undefined;
  let start = 0;
  const min = Math.min(before.length, after.length);
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return {
    startIndex: start,
    oldEndIndex: endBefore,
    newEndIndex: endAfter,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, endBefore),
    newEndPosition: pointAt(after, endAfter),
  };
}

function quoteRun(text: string, start: number, end: number): { valueStart: number; valueEnd: number } {
  let qi = start;
  while (qi < end) {
    const c = text.charCodeAt(qi);
    if (c === 34 || c === 39 || c === 96) break;
    qi++;
  }
  if (qi >= end) return { valueStart: start, valueEnd: end };
  const q = text.charCodeAt(qi);
  let run = 0;
  while (qi + run < end && text.charCodeAt(qi + run) === q) run++;
  const triple = run >= 3 && end - qi >= 6;
  const width = triple ? 3 : 1;
  let valueEnd = end - width;
  // a closing quote run before a suffix (C# u8, Python none): step back over non-quotes
  while (valueEnd > qi + width && text.charCodeAt(valueEnd) !== q && valueEnd > end - 4) valueEnd--;
  return { valueStart: Math.min(qi + width, valueEnd), valueEnd: Math.max(qi + width, valueEnd) };
}

/** A triple-quoted string alone on its line(s) is a docstring (text only: `parent` costs O(depth)). */
function isDocstring(text: string, start: number, end: number): boolean {
  if (!/^[rRuU]?("""|''')/.test(text.slice(start, start + 4))) return false;
  let k = start - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  if (k >= 0 && text[k] !== '\n' && text[k] !== '\r') return false;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return e >= text.length || text[e] === '\n' || text[e] === '\r' || text[e] === '#';
}

/** Token views from the tree, plus the comments blanked before parsing that lie outside every string. */
function lexFromTree(text: string, tree: Tree, grammar: string, blanked: Array<[number, number]>): Lexed {
  const { all, strings: stringTypes } = typesFor(tree.language, grammar);
  const strings: StringToken[] = [];
  const comments: Array<[number, number]> = [];
  let lastStringEnd = -1;
  // descendantsOfType walks the tree in wasm in linear time (a Query cursor is quadratic on deep nesting).
  for (const node of tree.rootNode.descendantsOfType(all)) {
    if (!node) continue;
    const start = node.startIndex;
    const end = node.endIndex;
    if (start < lastStringEnd) continue; // a string inside an interpolation hole: part of the outer token
    if (!stringTypes.has(node.type)) {
      comments.push([start, end]);
      continue;
    }
    if (grammar === 'python' && isDocstring(text, start, end)) {
      comments.push([start, end]);
      continue;
    }
    const { valueStart, valueEnd } = quoteRun(text, start, end);
    const prefix = text.slice(start, valueStart);
    const interpolated =
      node.type === 'template_string' || node.type === 'interpolated_string_expression' || /[fF]/.test(prefix)
        ? /[{]/.test(text.slice(valueStart, valueEnd))
        : false;
    strings.push({ start, end, valueStart, valueEnd, interpolated });
    lastStringEnd = end;
  }
  // strings are in source order: one merge pass keeps the blanked comments outside them
  let si = 0;
  for (const [s, e] of blanked) {
    while (si < strings.length && strings[si].end <= s) si++;
    if (si < strings.length && strings[si].start < e) continue;
    comments.push([s, e]);
  }
  comments.sort((a, b) => a[0] - b[0]);
  return tokenViews(text, strings, comments);
}

/**
 * The text with each range blanked (`quoted`: its first and last characters become `"`), same length:
 * built from slices, so the cost follows the tokens, not the file (a focused file has few).
 */
function blankedView(text: string, ranges: Array<{ s: number; e: number; quoted: boolean }>): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a.s - b.s);
  const parts: string[] = [];
  let at = 0;
  for (const { s, e, quoted } of ranges) {
    if (s < at) continue; // nested in the previous range
    parts.push(text.slice(at, s));
    parts.push(quoted ? `"${spaced(text, s + 1, e - 1)}"` : spaced(text, s, e));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Builds the code / noComments views from string and comment ranges (shared with the format readers). */
export function tokenViews(text: string, strings: StringToken[], comments: Array<[number, number]>): Lexed {
  let codeView: string | undefined = strings.length || comments.length ? undefined : text;
  let noCommentsView: string | undefined = comments.length ? undefined : text;
  const stringAt = (offset: number): StringToken | undefined => {
    let lo = 0;
    let hi = strings.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const st = strings[mid].start;
      if (st === offset) return strings[mid];
      if (st < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return {
    get code() {
      codeView ??= blankedView(text, [
        ...comments.map(([s, e]) => ({ s, e, quoted: false })),
        ...strings.filter((t) => t.end - t.start >= 2).map((t) => ({ s: t.start, e: t.end, quoted: true })),
      ]);
      return codeView;
    },
    get noComments() {
      noCommentsView ??= blankedView(
        text,
        comments.map(([s, e]) => ({ s, e, quoted: false })),
      );
      return noCommentsView;
    },
    strings,
    comments,
    stringAt,
  };
}
