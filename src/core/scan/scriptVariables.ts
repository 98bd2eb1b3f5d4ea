// Variables of bash / PowerShell scripts and .http files: `ENDPOINT=...`, `$endpoint = ...`, `@base = ...`,
// and the expansion of `$NAME`, `${NAME}`, `${NAME:-default}`, `$env:NAME`, `{{name}}` in later text, so a
// request written as `curl "$ENDPOINT/openai/..."` or `POST {{base}}/chat/completions` is seen with its URL.
// A name's value is its last assignment above the use (scripts run top to bottom); a name never assigned in
// the file is read from the workspace's env files, else kept as written (hosts with `$NAME` labels still classify).
import type { Doc } from './document';

export interface ScriptAssignment {
  name: string;
  /** Where the value is written (quotes included) and its text as the script sees it (quotes removed). */
  valueStart: number;
  valueEnd: number;
  value: string;
  /** Offset in the document of the first character of `value`. */
  valueAt: number;
}

const BASH_ASSIGN = /^[ \t]*(?:(?:export|local|readonly|declare(?:[ \t]+-\w+)?)[ \t]+)?([A-Za-z_]\w*)=(.*)$/gm;
const PS_ASSIGN = /^[ \t]*\$([A-Za-z_][\w:]*)[ \t]*=(?!=)[ \t]*(.*)$/gm;
const HTTP_ASSIGN = /^[ \t]*@([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)$/gm;

const cache = new WeakMap<Doc, ScriptVariables>();

/** The variables of a shell script or .http file, read once per document. */
export function scriptVariables(doc: Doc): ScriptVariables {
  let v = cache.get(doc);
  if (!v) cache.set(doc, (v = new ScriptVariables(doc)));
  return v;
}

export class ScriptVariables {
  private readonly byName = new Map<string, ScriptAssignment[]>();
  readonly powershell: boolean;
  readonly http: boolean;

  constructor(private readonly doc: Doc) {
    this.powershell = doc.languageId === 'powershell';
    this.http = doc.family === 'http';
    const text = doc.lexed.noComments;
    const re = this.http ? HTTP_ASSIGN : this.powershell ? PS_ASSIGN : BASH_ASSIGN;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const rawStart = m.index + m[0].length - m[2].length;
      let raw = m[2].replace(/[ \t]+#.*$/, '').replace(/[ \t;]+$/, '');
      if (raw.length > 2000) raw = raw.slice(0, 2000);
      const { value, at } = this.cook(raw);
      const a: ScriptAssignment = {
        name: this.powershell ? m[1].toLowerCase() : m[1],
        valueStart: rawStart,
        valueEnd: rawStart + raw.length,
        value,
        valueAt: rawStart + at,
      };
      const list = this.byName.get(a.name) ?? [];
      list.push(a);
      this.byName.set(a.name, list);
    }
  }

  /** The value text of an assignment as the script sees it: outer quotes removed, the fallback branch picked. */
  private cook(raw: string): { value: string; at: number } {
    let at = 0;
    let v = raw;
    if (this.powershell) {
      // `$env:X ?? "default"` and `if ($env:X) { $env:X } else { "default" }`: the default runs when X is unset
      const nullish = /^\$env:(\w+)\s*\?\?\s*/i.exec(v);
      if (nullish && !this.envValue(nullish[1])) {
        at = nullish[0].length;
        v = v.slice(at);
      }
      const ifElse = /^if\s*\(\s*\$env:(\w+)\s*\)\s*\{[^{}]*\}\s*else\s*\{([^{}]*)\}$/i.exec(v);
      if (ifElse && !this.envValue(ifElse[1])) {
        const branch = ifElse[2].trim();
        at += v.lastIndexOf(ifElse[2]) + ifElse[2].indexOf(branch);
        v = branch;
      }
    }
    const q = v[0];
    if ((q === '"' || q === "'") && v.length >= 2 && v[v.length - 1] === q && v.indexOf(q, 1) === v.length - 1) {
      v = v.slice(1, -1);
      at += 1;
    }
    return { value: v, at };
  }

  private envValue(name: string): string | undefined {
    try {
      return this.doc.context.env?.lookup(name)?.value;
    } catch {
      return undefined;
    }
  }

  /** The last assignment of `name` above `before` (else the first one: functions may run later). */
  assignment(name: string, before: number): ScriptAssignment | undefined {
    const list = this.byName.get(this.powershell ? name.toLowerCase() : name);
    if (!list) return undefined;
    let best: ScriptAssignment | undefined;
    for (const a of list) if (a.valueStart < before) best = a;
    return best ?? list[0];
  }

  /** True when the text refers to a variable this file assigns (or an env variable). */
  hasReference(text: string): boolean {
    return this.http ? /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/.test(text) : /\$\{?[A-Za-z_]/.test(text);
  }

  /** `text` with its variable references replaced by their values (three levels deep, at most 64 replacements
   * and 8,000 characters in all, so that adversarial scripts stay linear). */
  expand(text: string, before: number): string {
    return this.expandWithin(text, before, 0, { left: 64 });
  }

  private expandWithin(text: string, before: number, depth: number, budget: { left: number }): string {
    if (depth > 3 || text.length > 8000 || budget.left <= 0) return text;
    const ref = this.http
      ? /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g
      : this.powershell
        ? /\$\{([^}]+)\}|\$(env:\w+|[A-Za-z_]\w*)/gi
        : /\$\{([A-Za-z_]\w*)(?::?([-=?+])([^}]*))?\}|\$([A-Za-z_]\w*)/g;
    let out = '';
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = ref.exec(text))) {
      if (budget.left-- <= 0 || out.length > 8000) break;
      out += text.slice(last, m.index) + this.valueFor(m, before, depth, budget);
      last = m.index + m[0].length;
    }
    return out + text.slice(last);
  }

  private valueFor(m: RegExpExecArray, before: number, depth: number, budget: { left: number }): string {
    const whole = m[0];
    const name = this.http ? m[1] : this.powershell ? (m[1] ?? m[2]) : (m[1] ?? m[4]);
    const op = this.http || this.powershell ? undefined : m[2];
    const def = this.http || this.powershell ? undefined : m[3];
    if (!this.http && /^env:/i.test(name)) return this.envValue(name.slice(4)) ?? whole;
    const a = this.assignment(name, before);
    if (a) return this.expandWithin(a.value, a.valueStart, depth + 1, budget);
    if (this.http) return whole;
    const env = this.envValue(name);
    if (env !== undefined) return env;
    if ((op === '-' || op === '=') && def !== undefined) return this.expandWithin(def, before, depth + 1, budget);
    return whole;
  }
}
