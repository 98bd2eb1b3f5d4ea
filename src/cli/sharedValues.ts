// One env/config value read by several clients: when they need different values (an AzureOpenAI
// client wants the resource root, a ChatCompletionsClient the /models endpoint), no automatic fix
// can be right: each --fix run would break the other client, and the next run would flip it back.
// Such fixes stop being preferred, so --fix leaves the value alone, and each finding says why.
import { basename } from 'node:path';
import type { Finding, TextEdit } from '../core/types';
import { valueKey, type ValueUse } from './scan';

const keyOf = (e: TextEdit) => valueKey(e.file, e.range);

/** Edits of a finding's preferred fix that change a value in another file (an env/config line). */
const sharedEdits = (f: Finding): TextEdit[] =>
  f.fixes.find((x) => x.preferred)?.edits.filter((e) => e.file !== f.file) ?? [];

export function markConflictingSharedValues(findings: readonly Finding[], uses: readonly ValueUse[]): Finding[] {
  const users = new Map<string, { classes: Set<string>; files: Set<string>; texts: Set<string> }>();
  const entry = (key: string) => {
    let e = users.get(key);
    if (!e) users.set(key, (e = { classes: new Set(), files: new Set(), texts: new Set() }));
    return e;
  };
  for (const u of uses) {
    const e = entry(u.value);
    e.classes.add(u.className);
    e.files.add(u.file);
  }
  for (const f of findings) for (const edit of sharedEdits(f)) entry(keyOf(edit)).texts.add(edit.newText);
  // Conflicting: clients of different classes read it, or two fixes want different values for it.
  const conflicting = (key: string) => {
    const e = users.get(key);
    return !!e && (e.classes.size > 1 || e.texts.size > 1);
  };
  return findings.map((f) => {
    const clash = sharedEdits(f).find((e) => conflicting(keyOf(e)));
    if (!clash) return f;
    const others = [...users.get(keyOf(clash))!.files].filter((u) => u !== f.file).map((u) => basename(u));
    const where = others.length ? others.join(', ') : 'another client in this file';
    return {
      ...f,
      message: `${f.message} Not fixed automatically: the value in ${basename(clash.file)} is also read by ${where}, which needs a different value; give each client its own setting.`,
      fixes: f.fixes.map((x) => ({ ...x, preferred: false })),
    };
  });
}
