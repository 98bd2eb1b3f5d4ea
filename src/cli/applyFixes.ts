// --fix on disk: applies the chosen preferred fixes file by file, only when the file still holds
// exactly the text that was analysed, keeping its encoding, BOM and line endings, through an atomic
// write (temp file in the same folder, then rename). A file whose edits no longer apply is left untouched.
import { chmodSync, chownSync, lstatSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyTextEdits, editsByFile } from '../core/fixes';
import { fixBreaksCode } from '../core/fixSafety';
import { languageIdForFile } from '../core/languages';
import type { Fix, TextEdit } from '../core/types';
import { decode, encode, encodingOf, isBinary, readFileBounded, type DecodedText } from './fileText';

export interface FixOutcome {
  /** Files written, with how many fixes each received. */
  changed: Map<string, number>;
  /** Files left untouched, with the reason. */
  untouched: Array<{ file: string; reason: string }>;
}

/** The file's own line ending: that of its first line break (LF when it has none). */
export function lineEndingOf(text: string): '\n' | '\r\n' | '\r' {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  if (cr === -1 || (lf !== -1 && lf < cr)) return '\n';
  return text[cr + 1] === '\n' ? '\r\n' : '\r';
}

/** Uses the file's own line ending inside inserted text (CRLF files stay CRLF, CR-only files stay CR). */
function withLineEndings(edit: TextEdit, text: string): TextEdit {
  const eol = lineEndingOf(text);
  if (eol === '\n' || !/[\r\n]/.test(edit.newText)) return edit;
  return { ...edit, newText: edit.newText.replace(/\r\n|\r|\n/g, eol) };
}

/**
 * Why --fix must not rewrite this file, or undefined. The write replaces the file by rename, so it
 * would turn a symlink into a regular file and split hard links; a read-only file stays as its owner
 * made it (even for root, who could write it).
 */
export function refusalToWrite(path: string): string | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    return `cannot check it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  if (st.isSymbolicLink()) return 'it is a symbolic link (fix the file it points to instead)';
  if (!st.isFile()) return 'it is not a regular file';
  if (st.nlink > 1) return `it has ${st.nlink} hard links, which rewriting it would separate`;
  if ((st.mode & 0o200) === 0) return 'it is read-only';
  return undefined;
}

/** Writes bytes to path atomically: a temp file next to it, then rename over it (keeps the file's mode and owner). */
export function writeAtomic(path: string, bytes: Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let original: { mode: number; uid: number; gid: number } | undefined;
  try {
    const st = statSync(path);
    original = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    original = undefined;
  }
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: original?.mode ?? 0o644 });
    if (original) {
      chmodSync(temp, original.mode);
      // Root fixing another user's file must not give it to root; a user who cannot keep the owner does not write.
      if (original.uid !== process.getuid?.() || original.gid !== process.getgid?.())
        chownSync(temp, original.uid, original.gid);
    }
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created or is already gone
    }
    throw e;
  }
}

/** The file's current text, if it can be read and decoded losslessly. */
function currentText(path: string): DecodedText | { reason: string } {
  const outcome = readFileBounded(path);
  if ('skip' in outcome) return { reason: outcome.skip };
  const encoding = encodingOf(outcome.bytes);
  if (isBinary(outcome.bytes, encoding)) return { reason: 'binary' };
  return decode(outcome.bytes, encoding);
}

/**
 * Applies fixes (already chosen to be mutually compatible). `analysed` holds the text each file had
 * when analysed; a file that differs now (edited meanwhile) is left untouched, as is a file that is
 * not valid in its encoding or whose edits do not apply. Fixes spanning several files apply per file.
 */
export function applyFixesToDisk(fixes: readonly Fix[], analysed: ReadonlyMap<string, DecodedText>): FixOutcome {
  const changed = new Map<string, number>();
  const untouched: FixOutcome['untouched'] = [];
  const fixesPerFile = new Map<string, number>();
  for (const fix of fixes)
    for (const file of new Set(fix.edits.map((e) => e.file))) fixesPerFile.set(file, (fixesPerFile.get(file) ?? 0) + 1);

  for (const [file, edits] of editsByFile(fixes.flatMap((f) => f.edits))) {
    const now = currentText(file);
    if ('reason' in now) {
      untouched.push({ file, reason: `cannot read it (${now.reason})` });
      continue;
    }
    const before = analysed.get(file);
    if (before && before.text !== now.text) {
      untouched.push({ file, reason: 'it changed since it was analysed' });
      continue;
    }
    if (!now.lossless) {
      untouched.push({
        file,
        reason: `it is not valid ${now.encoding === 'utf8' || now.encoding === 'utf8bom' ? 'UTF-8' : 'UTF-16'}; writing it back would alter bytes`,
      });
      continue;
    }
    const updated = applyTextEdits(
      now.text,
      edits.map((e) => withLineEndings(e, now.text)),
    );
    if (updated === undefined) {
      untouched.push({ file, reason: 'the fix no longer applies (its range is stale or overlaps another edit)' });
      continue;
    }
    if (updated === now.text) continue;
    const broken = fixBreaksCode(languageIdForFile(file) ?? '', now.text, updated);
    if (broken) {
      untouched.push({ file, reason: `the fix would leave code that does not parse (${broken})` });
      continue;
    }
    const refusal = refusalToWrite(file);
    if (refusal) {
      untouched.push({ file, reason: refusal });
      continue;
    }
    try {
      writeAtomic(file, encode(updated, now.encoding));
      changed.set(file, fixesPerFile.get(file) ?? 1);
    } catch (e) {
      untouched.push({ file, reason: `write failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    }
  }
  return { changed, untouched };
}
