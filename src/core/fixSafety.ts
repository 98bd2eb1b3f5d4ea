// What an automatic fix (the CLI's --fix) must never do to code: leave it unparsable, or write a
// placeholder only a person can fill in. fixedTextParses is the seam every fixed file goes through
// before it is written; today it checks, on the lexer's code view (strings and comments blanked),
// that brackets balance, that no call gets the same keyword twice (Python: "keyword argument
// repeated") and no object literal the same key twice (TypeScript TS1117), that Python's
// `from __future__` imports still come first, and that JSON (notebooks) still parses. A full parser
// (tree-sitter's hasError) can replace the bracket check without changing callers; the keyword,
// key and __future__ checks stay, as they are errors a grammar does not flag.
import { lex } from './scan/lexer';
import type { Fix } from './types';

/** `<resource>`, `<deployment-name>`: text a person must replace, never written into code by --fix. */
const PLACEHOLDER = /<[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*>/i;

/** The placeholder a fix would write, if any. */
export function placeholderIn(fix: Fix): string | undefined {
  for (const e of fix.edits) {
    const m = PLACEHOLDER.exec(e.newText);
    if (m) return m[0];
  }
  return undefined;
}

type Check = (code: string) => string | undefined;

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function unbalanced(code: string): string | undefined {
  const stack: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== PAIRS[c]) return `unbalanced '${c}'`;
    }
  }
  return stack.length ? `unclosed '${stack[stack.length - 1]}'` : undefined;
}

/**
 * Each bracket group's top-level items (split on commas), with the name each item declares, using a
 * stack so the whole text is walked once. `declared` returns the name an item declares, if any.
 */
function duplicateNames(
  code: string,
  open: string,
  close: string,
  declared: (item: string) => string | undefined,
): string | undefined {
  const groups: Array<{ kind: string; itemStart: number; names: Set<string> }> = [];
  const finishItem = (end: number): string | undefined => {
    const group = groups[groups.length - 1];
    if (!group || group.kind !== open) return undefined;
    const name = declared(code.slice(group.itemStart, end));
    if (name === undefined) return undefined;
    if (group.names.has(name)) return name;
    group.names.add(name);
    return undefined;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') groups.push({ kind: c, itemStart: i + 1, names: new Set() });
    else if (c === ')' || c === ']' || c === '}') {
      const dup = c === close ? finishItem(i) : undefined;
      if (dup) return dup;
      groups.pop();
    } else if (c === ',') {
      const dup = finishItem(i);
      if (dup) return dup;
      if (groups.length) groups[groups.length - 1].itemStart = i + 1;
    }
  }
  return undefined;
}

const pythonKeyword = (item: string) => /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(item)?.[1];
const jsKey = (item: string) => /^\s*([A-Za-z_$][\w$]*)\s*:(?!:)/.exec(item)?.[1];

/** `from __future__ import` after any other statement is a SyntaxError. */
function lateFutureImport(code: string): string | undefined {
  let seenStatement = false;
  for (const line of code.split(/\r\n|\r|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || /^["'\s]*$/.test(trimmed)) continue; // blank, or a (blanked) docstring
    if (/^from\s+__future__\s+import\b/.test(trimmed)) {
      if (seenStatement) return 'a from __future__ import after other statements';
    } else seenStatement = true;
  }
  return undefined;
}

const CHECKS: Record<'python' | 'js', Check[]> = {
  python: [
    unbalanced,
    (code) => {
      const dup = duplicateNames(code, '(', ')', pythonKeyword);
      return dup ? `keyword argument ${dup} repeated` : undefined;
    },
    lateFutureImport,
  ],
  js: [
    unbalanced,
    (code) => {
      const dup = duplicateNames(code, '{', '}', jsKey);
      return dup ? `property ${dup} repeated in an object literal` : undefined;
    },
  ],
};

const familyOf = (languageId: string): 'python' | 'js' | 'json' | undefined => {
  if (languageId === 'python') return 'python';
  if (/^(?:java|type)script(?:react)?$/.test(languageId)) return 'js';
  if (languageId === 'jupyter') return 'json';
  return undefined;
};

/** Why text does not parse as languageId, or undefined when it does (or the language is not checked). */
export function parseProblem(languageId: string, text: string): string | undefined {
  const family = familyOf(languageId);
  if (!family) return undefined;
  if (family === 'json') {
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      return 'not valid JSON';
    }
  }
  const { code } = lex(text, languageId);
  for (const check of CHECKS[family]) {
    const problem = check(code);
    if (problem) return problem;
  }
  return undefined;
}

export function fixedTextParses(languageId: string, text: string): boolean {
  return parseProblem(languageId, text) === undefined;
}

/**
 * Why writing `after` in place of `before` would break the file, or undefined. A file that did not
 * parse before is judged only on what the fix adds: a problem it already had is not the fix's doing.
 */
export function fixBreaksCode(languageId: string, before: string, after: string): string | undefined {
  const problem = parseProblem(languageId, after);
  if (!problem) return undefined;
  return parseProblem(languageId, before) === problem ? undefined : problem;
}
