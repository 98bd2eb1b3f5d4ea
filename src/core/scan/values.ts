// Resolves an argument expression to a string value: literals, constants assigned in the same file,
// environment/config reads (through the EnvSource, nearest file first), defaults, simple
// concatenations and URL wrappers. Unknown parts become `{name}` placeholders so hosts still classify.
import type { EnvValue } from '../types';
import type { Doc } from './document';
import { matchBracket } from './calls';

export interface Resolved {
  /** The value (as written; f-string / template holes kept). */
  value: string;
  /** The literal's body in this document when the value is one literal (for edits). */
  literal?: { start: number; end: number };
  /** The value came from this environment/config variable. */
  envName?: string;
  /** Where the variable is set (env/config file), when the EnvSource knows it. */
  envValue?: EnvValue;
  /** True when parts could not be resolved (placeholders inserted). */
  partial?: boolean;
}

const ENV_PATTERNS: RegExp[] = [
  /^os\s*\.\s*environ\s*\[\s*(["'])([\w.:-]+)\1\s*\]$/,
  /^os\s*\.\s*(?:environ\s*\.\s*get|getenv)\s*\(\s*(["'])([\w.:-]+)\1\s*(?:,([\s\S]*))?\)$/,
  /^process\s*\.\s*env\s*\.\s*()([A-Za-z_$][\w$]*)$/,
  /^process\s*\.\s*env\s*\[\s*(["'`])([\w.:-]+)\1\s*\]$/,
  /^(?:System\s*\.\s*)?Environment\s*\.\s*GetEnvironmentVariable\s*\(\s*(")([\w.:-]+)"\s*\)$/,
  /^System\s*\.\s*getenv\s*\(\s*(")([\w.:-]+)"\s*\)$/,
  /^(?:[\w.]*\.)?(?:[Cc]onfiguration|[Cc]onfig|_config|_configuration|cfg)\s*\[\s*(")([\w.:-]+)"\s*\]$/,
  /^(?:[\w.]*\.)?(?:[Cc]onfiguration|[Cc]onfig|_config|_configuration)\s*\.\s*GetValue\s*<\s*string\s*>\s*\(\s*(")([\w.:-]+)"\s*\)$/,
  /^(?:[\w.]*\.)?dotenv_values\s*\([^)]*\)\s*\[\s*(["'])([\w.:-]+)\1\s*\]$/,
];

/** What may precede an assigned name on its line: indentation, declaration keywords, a type. */
const DECLARATION_PREFIX =
  /^[ \t]*(?:(?:export|const|let|var|val|final|static|private|public|protected|internal|readonly)\s+)*(?:[A-Za-z_][\w.]*(?:<[\w\s,.<>?]*>)?(?:\[\])?\??\s+)?$/;

const WRAPPERS = /^(?:new\s+)?(?:Uri|URL|URI|URI\s*\.\s*create|str|String|Url|new\s+java\.net\.URI)\s*\(/;

export class ValueResolver {
  private readonly cache = new Map<string, Resolved | undefined>();
  private readonly assignments = new Map<string, number[]>();
  constructor(private readonly doc: Doc) {}

  /** Resolves code[start, end). */
  resolve(start: number, end: number, depth = 0): Resolved | undefined {
    const doc = this.doc;
    const code = doc.code;
    while (start < end && /\s/.test(code[start])) start++;
    while (end > start && /\s/.test(code[end - 1])) end--;
    if (start >= end || depth > 6) return undefined;
    // Parenthesised
    if (code[start] === '(' && matchBracket(doc, start) === end - 1) return this.resolve(start + 1, end - 1, depth + 1);
    // Single string literal
    const tok = doc.stringAt(start);
    if (tok && tok.end === end) {
      return {
        value: doc.text.slice(tok.valueStart, tok.valueEnd),
        literal: { start: tok.valueStart, end: tok.valueEnd },
      };
    }
    const src = code.slice(start, end);
    const text = doc.text.slice(start, end);
    // await / TS non-null / `as string`
    const aw = /^await\s+/.exec(src);
    if (aw) return this.resolve(start + aw[0].length, end, depth + 1);
    // Only the tail can match: testing the whole range made resolving many long ranges quadratic (fuzz suite).
    const nn = /(!|\s+as\s+\w+)$/.exec(src.length > 160 ? src.slice(-160) : src);
    if (nn && !src.endsWith('!=')) return this.resolve(start, end - nn[0].length, depth + 1);
    // Wrappers: new Uri(x), new URL(x), URI.create(x), str(x)
    const w = WRAPPERS.exec(src);
    if (w) {
      const open = start + w[0].length - 1;
      const close = matchBracket(doc, open);
      if (close === end - 1) {
        // first argument only
        let depthB = 0;
        let argEnd = close;
        for (let i = open + 1; i < close; i++) {
          const c = code[i];
          if (c === '(' || c === '[' || c === '{') depthB++;
          else if (c === ')' || c === ']' || c === '}') depthB--;
          else if (c === ',' && depthB === 0) {
            argEnd = i;
            break;
          }
        }
        return this.resolve(open + 1, argEnd, depth + 1);
      }
    }
    // Fallback operators: a ?? b, a || b, a or b
    const fb = splitTopLevelOp(code, start, end, /\?\?|\|\||\bor\b/y);
    if (fb) {
      const first = this.resolve(start, fb.at, depth + 1);
      if (first && first.value && !(first.envName && !first.envValue)) return first;
      const second = this.resolve(fb.after, end, depth + 1);
      if (second) return { ...second, envName: first?.envName ?? second.envName };
      return first;
    }
    // Environment / configuration reads (text view: the names are inside string tokens)
    for (const re of ENV_PATTERNS) {
      const m = re.exec(text);
      if (!m) continue;
      const name = m[2];
      const found = this.lookupEnv(name);
      if (found) return { value: found.value, envName: name, envValue: found };
      if (m[3] !== undefined) {
        // os.environ.get("X", "default"): resolve the default
        const defStart = start + text.lastIndexOf(m[3]);
        const def = this.resolve(defStart, defStart + m[3].length, depth + 1);
        if (def) return { ...def, envName: name };
      }
      return { value: '', envName: name, partial: true };
    }
    // Concatenation a + b (+ c)
    const parts = splitPlus(code, start, end);
    if (parts.length > 1) {
      let value = '';
      let partial = false;
      let env: Resolved | undefined;
      for (const [s, e] of parts) {
        const r = this.resolve(s, e, depth + 1);
        if (r && !r.partial) {
          value += r.value;
          if (r.envValue && !env) env = r;
        } else {
          partial = true;
          value += `{${
            code
              .slice(s, e)
              .trim()
              .replace(/[^\w]+/g, '_')
              .slice(0, 40) || 'x'
          }}`;
        }
      }
      return { value, partial, envName: env?.envName, envValue: env?.envValue };
    }
    // Python string.format / f-string-like concatenations are left alone. Identifiers:
    if (/^(?:self\s*\.\s*|this\s*\.\s*)?[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)?$/.test(src)) {
      const name = src.replace(/\s+/g, '');
      if (this.cache.has(name)) return this.cache.get(name);
      this.cache.set(name, undefined); // cycle guard
      const rhs = this.findAssignment(name, start);
      const r = rhs ? this.resolve(rhs[0], rhs[1], depth + 1) : undefined;
      this.cache.set(name, r);
      return r;
    }
    return undefined;
  }

  /** The right-hand side of the nearest assignment to `name` (preferring one before `before`). */
  findAssignment(name: string, before: number): [number, number] | undefined {
    let starts = this.assignments.get(name);
    if (!starts) {
      starts = [];
      const code = this.doc.code;
      // Visit each occurrence of the name (few) instead of running a declaration regex over every line.
      for (let i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + name.length)) {
        if (i > 0 && /[\w$.]/.test(code[i - 1])) continue;
        const after = /^\s*(?::\s*[^=\n;]{1,80})?=(?![=>])/.exec(code.slice(i + name.length, i + name.length + 100));
        if (!after || /[\w$]/.test(code[i + name.length] ?? '')) continue;
        const lineStart = code.lastIndexOf('\n', i - 1) + 1;
        if (!DECLARATION_PREFIX.test(code.slice(lineStart, i))) continue;
        starts.push(i + name.length + after[0].length);
      }
      this.assignments.set(name, starts);
    }
    if (starts.length === 0) return undefined;
    let best = starts[0];
    for (const s of starts) if (s < before) best = s;
    return [best, statementEnd(this.doc.code, best)];
  }

  lookupEnv(name: string): EnvValue | undefined {
    const env = this.doc.context.env;
    if (!env) return undefined;
    try {
      return env.lookup(name) ?? (name.includes(':') ? env.lookup(name.replace(/:/g, '__')) : undefined);
    } catch {
      return undefined;
    }
  }
}

/** End of an expression statement starting at `from`: `;`, or a newline at depth 0 not continued. */
export function statementEnd(code: string, from: number): number {
  let depth = 0;
  const limit = Math.min(code.length, from + 20_000);
  let lastSig = '';
  for (let i = from; i < limit; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && c === ';') return i;
    else if (depth === 0 && c === '\n') {
      if (lastSig === '+' || lastSig === '\\' || lastSig === '' || lastSig === '=') continue;
      const next = /^\s*([+.])/.exec(code.slice(i + 1, i + 200));
      if (next) continue;
      return i;
    }
    if (!/\s/.test(c)) lastSig = c;
  }
  return limit;
}

function splitPlus(code: string, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let s = start;
  for (let i = start; i < end; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '+' && depth === 0 && code[i + 1] !== '+' && code[i + 1] !== '=' && code[i - 1] !== '+') {
      parts.push([s, i]);
      s = i + 1;
    }
  }
  parts.push([s, end]);
  return parts;
}

function splitTopLevelOp(
  code: string,
  start: number,
  end: number,
  op: RegExp,
): { at: number; after: number } | undefined {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0) {
      op.lastIndex = i;
      const m = op.exec(code);
      if (m && m.index === i && i + m[0].length <= end) return { at: i, after: i + m[0].length };
    }
  }
  return undefined;
}
