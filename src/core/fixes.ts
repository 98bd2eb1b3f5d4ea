// Applying fixes as plain text: the editor, the CLI's --fix and the tests share one definition of
// "apply these TextEdits to this text", which refuses (returns undefined) rather than corrupt a file
// when an edit no longer fits it: out-of-bounds or overlapping ranges, or an expected text that changed.
import type { Position, TextEdit } from './types';

/**
 * Offsets of the start of each line. Line breaks as VS Code (and the engine's Doc) count them: LF, CRLF
 * and a lone CR. Columns count UTF-16 code units.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

function offsetOf(text: string, starts: number[], position: Position): number | undefined {
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0 || line >= starts.length)
    return undefined;
  const lineStart = starts[line];
  let lineEnd = text.length;
  if (line + 1 < starts.length) {
    lineEnd = starts[line + 1] - 1; // the line break is not a column: \n, a lone \r, or both of CRLF
    if (text.charCodeAt(lineEnd) === 10 && lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  }
  if (lineStart + character > lineEnd) return undefined;
  return lineStart + character;
}

/**
 * Applies edits (all meant for this text) and returns the new text, or undefined when any edit no
 * longer applies: a position outside the text, an end before its start, or two edits that overlap.
 * Edits are applied as if simultaneously (ranges refer to the original text); insertions at the same
 * position keep their given order.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  if (edits.length === 0) return text;
  const starts = lineStarts(text);
  const resolved: Array<{ start: number; end: number; newText: string; order: number }> = [];
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i];
    if (typeof edit.newText !== 'string') return undefined;
    const start = offsetOf(text, starts, edit.range.start);
    const end = offsetOf(text, starts, edit.range.end);
    if (start === undefined || end === undefined || end < start) return undefined;
    resolved.push({ start, end, newText: edit.newText, order: i });
  }
  resolved.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of resolved) {
    if (edit.start < cursor) return undefined; // overlaps the previous edit
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Groups edits by the file they change. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) {
    const list = byFile.get(edit.file) ?? [];
    list.push(edit);
    byFile.set(edit.file, list);
  }
  return byFile;
}
