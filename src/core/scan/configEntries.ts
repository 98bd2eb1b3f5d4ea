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
  // JSON-ish: "key": "value", with the section path ("AzureOpenAI:Endpoint") as .NET configuration names it
  const code = doc.code;
  const path: Array<string | undefined> = [];
  let pendingKey: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '{' || c === '[') {
      path.push(c === '{' ? pendingKey : undefined);
      pendingKey = undefined;
    } else if (c === '}' || c === ']') {
      path.pop();
    } else if (c === '"') {
      const k = doc.stringAt(i);
      if (!k) continue;
      i = k.end - 1;
      const colon = /^\s*:\s*/.exec(code.slice(k.end, k.end + 100));
      if (!colon) continue;
      const name = doc.text.slice(k.valueStart, k.valueEnd);
      const vStart = k.end + colon[0].length;
      const v = doc.stringAt(vStart);
      if (v) {
        const prefix = path.filter((p): p is string => !!p).join(':');
        out.push({
          name: prefix ? `${prefix}:${name}` : name,
          value: doc.text.slice(v.valueStart, v.valueEnd),
          valueStart: v.valueStart,
          valueEnd: v.valueEnd,
        });
        i = v.end - 1;
      } else pendingKey = name;
    }
  }
  return out;
}
