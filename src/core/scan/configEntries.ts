// Name/value entries of config files the engine reads directly (.env lines, JSON string members such
// as appsettings / local.settings / launch.json env blocks), with the value's range for edits.
import type { Doc } from './document';

export interface ConfigEntry {
  name: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

export function configEntries(doc: Doc): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  if (doc.languageId === 'dotenv' || doc.languageId === 'properties') {
    const text = doc.lexed.noComments;
    const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][\w.:-]*)[ \t]*[=:][ \t]*(?:(["'])([^\r\n]*?)\2|([^\r\n#]*))/gm;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const value = (m[3] ?? m[4] ?? '').trimEnd();
      const valueStart = m.index + m[0].length - (m[2] ? m[3].length + 1 : (m[4] ?? '').length);
      out.push({ name: m[1], value, valueStart, valueEnd: valueStart + value.length });
    }
    return out;
  }
  // JSON-ish: "key": "value"
  const strings = doc.lexed.strings;
  for (let i = 0; i + 1 < strings.length; i++) {
    const k = strings[i];
    const v = strings[i + 1];
    if (!/^\s*:\s*$/.test(doc.code.slice(k.end, v.start))) continue;
    out.push({ name: doc.text.slice(k.valueStart, k.valueEnd), value: doc.text.slice(v.valueStart, v.valueEnd), valueStart: v.valueStart, valueEnd: v.valueEnd });
  }
  return out;
}
