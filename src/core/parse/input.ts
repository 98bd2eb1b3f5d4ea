// The text tree-sitter parses: the document with the same length and offsets, but
//  1. line terminators the language counts that the grammars do not (CR in a CR-only file; U+2028,
//     U+2029 in JS and C#; U+0085 in C#) turned into LF, so a `//` comment or a Python line ends there;
//  2. in Python, whole-line comments blanked to spaces (and returned, so the token views still count
//     them as comments): at every line end tree-sitter-python's scanner looks ahead over all the comment
//     lines that follow, so a run of n comment lines after a statement costs O(n^2) (3,000: seconds);
//  3. lines over 4,000 characters that mention nothing the rules read, blanked (data blobs, generated code);
//  4. for large files, the parts nothing reads skipped (focus.ts), and every run of skipped or blank
//     lines left out of what the parser reads (compact.ts; the tree is shifted back to these offsets).

import { SEED, focusedCompact, type FocusMemo } from './focus';
import { compactText, type Compact } from './compact';

/**
 * Files at most this long are parsed whole. Above it focus decides (the corpus gives the same
 * findings with focus on every file, and padded past this size: test/unit/focus.test.ts); a CLI
 * scan's typical 2-20 KB source file then costs a quarter of a whole parse.
 */
export const FOCUS_MIN_CHARS = 4_096;

export interface ParseInput {
  /** The document with comment lines and long data lines blanked (same length), before focus. */
  text: string;
  /** What the parser reads (see compact.ts). */
  compact: Compact;
  /** True when parts the rules may read were left out (block bodies, data lines). */
  focused: boolean;
  /** Comments blanked before parsing (Python whole-line comments); some may lie inside strings. */
  blankedComments: Array<[number, number]>;
}

/** memo: the editor's parse session keeps the last focus decisions here (see FocusMemo). */
export function parseInput(text: string, languageId: string, memo?: { last?: FocusMemo }): ParseInput {
  let normalized = normalizeLineTerminators(text, languageId);
  let blankedComments: Array<[number, number]> = [];
  if (languageId === 'python' || languageId === 'jupyter')
    ({ text: normalized, comments: blankedComments } = blankCommentLines(normalized));
  const long = blankLongLines(normalized);
  const focusable = long.length > FOCUS_MIN_CHARS && languageId !== 'shellscript' && languageId !== 'powershell';
  const focused = focusable ? focusedCompact(long, languageId, memo) : undefined;
  return {
    text: long,
    compact: focused ?? compactText(long),
    focused: focused !== undefined || long !== normalized,
    blankedComments,
  };
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
    if (e - s > LONG_LINE && !SEED.test(text.slice(s, e))) {
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
  return text.replace(/[^\n]+/g, (line) => (SEED.test(line) ? line : ' '.repeat(line.length)));
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
