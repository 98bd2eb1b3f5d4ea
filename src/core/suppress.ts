// Suppression comments: `azure-ai-auth-doctor-disable-next-line <rule-id>[, <rule-id>]` silences the next
// line, `azure-ai-auth-doctor-disable [<rule-id>...]` the whole file; in any comment syntax. Also the edit
// the editor's "Disable for this line" quick fix inserts.
import type { Finding, TextEdit } from './types';

const NEXT_LINE = 'azure-ai-auth-doctor-disable-next-line';
const FILE = 'azure-ai-auth-doctor-disable';

interface Suppressions {
  /** line -> rule ids (empty set = all rules) silenced on that line. */
  lines: Map<number, Set<string>>;
  /** rule ids silenced in the whole file; '*' = all. */
  file: Set<string>;
}

function ruleList(rest: string): Set<string> {
  const ids = rest
    .replace(/(-->|\*\/|#>).*$/, '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z][a-z0-9-]*$/.test(s));
  return new Set(ids);
}

/** Reads the suppression comments of a text (comment syntax is not checked: the marker is distinctive). */
export function readSuppressions(text: string): Suppressions {
  const lines = new Map<number, Set<string>>();
  const file = new Set<string>();
  if (!text.includes(FILE)) return { lines, file };
  const re = /azure-ai-auth-doctor-disable(-next-line|-line)?(?![\w-])([^\r\n]*)/g;
  let m: RegExpExecArray | null;
  // Line numbers are counted incrementally from the previous match (counting from the start for each
  // match made a file full of suppression comments quadratic).
  let countedTo = 0;
  let countedLines = 0;
  while ((m = re.exec(text))) {
    const ids = ruleList(m[2]);
    if (!m[1]) {
      if (ids.size === 0) file.add('*');
      else for (const id of ids) file.add(id);
      continue;
    }
    for (let i = text.indexOf('\n', countedTo); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) countedLines++;
    countedTo = m.index;
    const line = countedLines;
    const target = m[1] === '-next-line' ? line + 1 : line;
    const set = lines.get(target) ?? new Set<string>();
    if (ids.size === 0) set.add('*');
    for (const id of ids) set.add(id);
    lines.set(target, set);
  }
  return { lines, file };
}

export function isSuppressed(s: Suppressions, f: Finding): boolean {
  if (s.file.has('*') || s.file.has(f.rule)) return true;
  const set = s.lines.get(f.range.start.line);
  return !!set && (set.has('*') || set.has(f.rule));
}

type CommentStyle = { open: string; close: string };

function commentStyle(languageId: string): CommentStyle {
  switch (languageId) {
    case 'python':
    case 'jupyter':
    case 'shellscript':
    case 'powershell':
    case 'dotenv':
    case 'properties':
    case 'toml':
    case 'pip-requirements':
    case 'http':
    case 'yaml':
      return { open: '# ', close: '' };
    case 'xml':
    case 'html':
      return { open: '<!-- ', close: ' -->' };
    default:
      return { open: '// ', close: '' };
  }
}

/** Edit that silences `ruleId` on `line` (0-based): extends a marker on the line above, or inserts one
 * with the line's indentation. `file` is left empty for the caller to fill (the document's path). */
export function suppressionEdit(text: string, languageId: string, line: number, ruleId: string, file = ''): TextEdit {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const ln = Math.max(0, Math.min(line, starts.length - 1));
  const lineText = (i: number) => {
    const s = starts[i];
    const e = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
    return text.slice(s, e).replace(/\r$/, '');
  };
  if (ln > 0) {
    const above = lineText(ln - 1);
    const idx = above.indexOf(NEXT_LINE);
    if (idx >= 0) {
      const style = commentStyle(languageId);
      let insertAt = above.length;
      if (style.close && above.trimEnd().endsWith(style.close.trim())) insertAt = above.lastIndexOf(style.close.trim());
      while (insertAt > 0 && above[insertAt - 1] === ' ') insertAt--;
      const pos = { line: ln - 1, character: insertAt };
      return { file, range: { start: pos, end: pos }, newText: `, ${ruleId}` };
    }
  }
  const current = lineText(ln);
  const indent = /^[ \t]*/.exec(current)?.[0] ?? '';
  const style = commentStyle(languageId);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pos = { line: ln, character: 0 };
  return {
    file,
    range: { start: pos, end: pos },
    newText: `${indent}${style.open}${NEXT_LINE} ${ruleId}${style.close}${eol}`,
  };
}
