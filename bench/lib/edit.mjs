// One-line edits of a generated document, as a user types: the same string literal in the middle
// of the file gets a different value each time, so consecutive versions differ in that one line.

/** The index of the first line at or after the middle that holds a "..." literal. */
function middleLiteralLine(lines) {
  for (let k = lines.length >> 1; k < lines.length; k++) if (/"[^"\\]*"/.test(lines[k])) return k;
  throw new Error('no string literal after the middle of the document');
}

/**
 * { line, version(n) }: version(n) is the text with edit number n (n = 0, 1, 2 ...), which differs
 * from version(n - 1) in the edited line only; line is that line's 1-based number.
 */
export function oneLineEdits(text) {
  const lines = text.split('\n');
  const k = middleLiteralLine(lines);
  const before = lines.slice(0, k).join('\n');
  const after = lines.slice(k + 1).join('\n');
  const edited = (n) => lines[k].replace(/"([^"\\]*)"/, `"$1-edit${n}"`);
  return { line: k + 1, version: (n) => `${before}\n${edited(n)}\n${after}` };
}
