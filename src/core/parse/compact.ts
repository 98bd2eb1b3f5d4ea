// The compact text the parser reads: each run of lines nothing reads (blanked by focus or comment
// blanking, or blank) is dropped but for one character, and the tree is then shifted back to the
// document's offsets with tree.edit, one pure insertion per run. tree-sitter skips whitespace at
// ~0.1 us per character, so on a large file whose block bodies are skipped this halves the parse;
// the shifted tree has the same nodes at the same offsets as a parse of the blanked text (a unit
// test checks it).
import type { Tree } from './runtime';

/** Shorter runs are written as spaces instead: not worth an edit. */
const MIN_GAP = 32;

interface Point {
  row: number;
  column: number;
}

/** Characters dropped after compact offset `at`. */
interface Gap {
  at: number;
  length: number;
  start: Point;
  end: Point;
}

export interface Compact {
  text: string;
  gaps: Gap[];
}

/** What becomes of each line besides being copied (0): dropped (nothing reads it), or a body written as `...` (Python). */
export const DROP = 1;
export const ELLIPSIS = 2;

export interface LineTable {
  start: Int32Array;
  end: Int32Array;
  /** Indentation width, -1 for a blank line. */
  indent: Int32Array;
  count: number;
}

export function lineTable(text: string): LineTable {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const indent = new Int32Array(count);
  let s = 0;
  for (let k = 0; k < count; k++) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    start[k] = s;
    end[k] = e;
    let i = s;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    indent[k] = i === e || (i === e - 1 && text.charCodeAt(i) === 13) ? -1 : i - s;
    s = e + 1;
  }
  return { start, end, indent, count };
}

/** The characters of text[s, e) as spaces, line breaks kept. */
export function spaced(text: string, s: number, e: number): string {
  const nl = text.indexOf('\n', s);
  const cr = text.indexOf('\r', s);
  if ((nl < 0 || nl >= e) && (cr < 0 || cr >= e)) return ' '.repeat(e - s);
  return text.slice(s, e).replace(/[^\n\r]/g, ' ');
}

/** The compact text of `text` given each line's kind (blank lines are always dropped). */
export function compactLines(text: string, L: LineTable, kind: Uint8Array): Compact {
  const gaps: Gap[] = [];
  const parts: string[] = [];
  let removed = 0; // characters dropped so far
  let removedRows = 0;
  let copyFrom = 0; // start of the pending run of copied lines
  const dropped = (k: number) => kind[k] === DROP || L.indent[k] < 0;
  const flush = (to: number) => parts.push(text.slice(copyFrom, to));
  for (let k = 0; k < L.count;) {
    if (kind[k] === ELLIPSIS && L.indent[k] >= 0) {
      const at = L.start[k] + L.indent[k];
      flush(at);
      parts.push('...', spaced(text, at + 3, L.end[k]));
      copyFrom = L.end[k];
      k++;
      continue;
    }
    if (!dropped(k)) {
      k++;
      continue;
    }
    // lines k .. r-1 are dropped (the text's last line, with no line break after it, is only blanked)
    let r = k;
    let content = false; // some line in the run has characters to blank
    for (; r < L.count - 1 && dropped(r) && kind[r] !== ELLIPSIS; r++) content ||= L.indent[r] >= 0;
    if (r === k) {
      if (L.indent[k] >= 0) {
        flush(L.start[k]);
        parts.push(spaced(text, L.start[k], L.end[k]));
        copyFrom = L.end[k];
      }
      k++;
      continue;
    }
    const a = L.start[k];
    const b = L.start[r];
    if (b - a < MIN_GAP) {
      if (content) {
        flush(a);
        parts.push(spaced(text, a, b));
        copyFrom = b;
      }
      k = r;
      continue;
    }
    // keep the run's first character (as a space or line break) and drop [a + 1, b)
    flush(a);
    const afterNewline = text.charCodeAt(a) === 10;
    const startRow = afterNewline ? k + 1 : k;
    gaps.push({
      at: a + 1 - removed,
      length: b - a - 1,
      start: { row: startRow - removedRows, column: afterNewline ? 0 : 2 },
      end: { row: r - removedRows, column: 0 },
    });
    parts.push(afterNewline ? '\n' : ' ');
    removed += b - a - 1;
    removedRows += r - startRow;
    copyFrom = b;
    k = r;
  }
  if (gaps.length === 0 && parts.length === 0) return { text, gaps };
  parts.push(text.slice(copyFrom));
  return { text: parts.join(''), gaps };
}

/** The compact text of a text whose skipped parts are already blank (small files, sparse retries). */
export function compactText(input: string): Compact {
  const L = lineTable(input);
  return compactLines(input, L, new Uint8Array(L.count));
}

/** The tree of the compact text, edited in place into the offsets of `text` (the document). */
export function expandTree(tree: Tree, compact: Compact, text: string): Tree {
  // last gap first: the offsets of the earlier ones are still compact offsets
  for (let i = compact.gaps.length - 1; i >= 0; i--) {
    const { at, length, start, end } = compact.gaps[i];
    tree.edit({
      startIndex: at,
      oldEndIndex: at,
      newEndIndex: at + length,
      startPosition: start,
      oldEndPosition: start,
      newEndPosition: end,
    });
  }
  // node.text reads through the tree's text callback, which still reads the compact text
  (tree as unknown as { textCallback: (index: number) => string }).textCallback = (index) => text.slice(index);
  return tree;
}
