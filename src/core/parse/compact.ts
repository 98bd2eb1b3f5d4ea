// The compact text the parser reads: each run of blank lines (what focus and comment blanking leave
// behind) is dropped but for its first character, and the tree is then shifted back to the document's
// offsets with tree.edit, one pure insertion per run. tree-sitter skips whitespace at ~0.1 us per
// character, so on a large file whose block bodies are blanked this halves the parse; the shifted
// tree has the same nodes at the same offsets as a parse of the blanked text (a unit test checks it).
import type { Tree } from './runtime';

/** Shorter runs are not worth an edit. */
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

function isBlank(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export function compactText(input: string): Compact {
  const gaps: Gap[] = [];
  const parts: string[] = [];
  let copied = 0; // input offset copied up to
  let removed = 0; // characters dropped so far
  let removedRows = 0;
  let runStart = -1;
  let runRow = 0;
  let row = 0;
  const close = (a: number, b: number, rowB: number) => {
    if (b - a < MIN_GAP) return;
    // keep the character at a; drop [a + 1, b), which ends at the start of line rowB
    const afterNewline = input.charCodeAt(a) === 10;
    const startRow = (afterNewline ? runRow + 1 : runRow) - removedRows;
    gaps.push({
      at: a + 1 - removed,
      length: b - a - 1,
      start: { row: startRow, column: afterNewline ? 0 : 2 },
      end: { row: rowB - removedRows, column: 0 },
    });
    parts.push(input.slice(copied, a + 1));
    copied = b;
    removed += b - a - 1;
    removedRows += rowB - (afterNewline ? runRow + 1 : runRow);
  };
  for (let s = 0; ;) {
    const e = input.indexOf('\n', s);
    if (e < 0) break;
    if (isBlank(input, s, e)) {
      if (runStart < 0) {
        runStart = s;
        runRow = row;
      }
    } else if (runStart >= 0) {
      close(runStart, s, row);
      runStart = -1;
    }
    s = e + 1;
    row++;
    if (runStart >= 0 && s >= input.length) close(runStart, s, row);
  }
  if (gaps.length === 0) return { text: input, gaps };
  parts.push(input.slice(copied));
  return { text: parts.join(''), gaps };
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
