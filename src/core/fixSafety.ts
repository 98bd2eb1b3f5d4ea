// What an automatic fix (the CLI's --fix) must never do to code: leave it unparsable (placeholders,
// the other thing it must never write, are in placeholders.ts). fixedTextParses is the seam every fixed file goes through
// before it is written. It parses the fixed text with the language's tree-sitter grammar (a syntax
// error anywhere is a problem) and checks, on the parse's code view (strings and comments blanked),
// errors a grammar accepts: the same keyword twice in a call (Python: "keyword argument repeated"),
// the same key twice in an object literal (TypeScript TS1117), a `from __future__` import after other
// statements. JSON (notebooks) must still parse.
import { parseSyntax } from './parse/syntax';
import type { SyntaxNode } from './parse/runtime';

type Check = (code: string) => string | undefined;

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
    (code) => {
      const dup = duplicateNames(code, '(', ')', pythonKeyword);
      return dup ? `keyword argument ${dup} repeated` : undefined;
    },
    lateFutureImport,
  ],
  js: [
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

/** What the first error in a tree is: `missing ')'` when the parser inserted a token, else `syntax error`. */
function syntaxError(root: SyntaxNode): string {
  let node: SyntaxNode | null = root;
  for (let guard = 0; node && guard < 10_000; guard++) {
    if (node.isMissing) return `missing '${node.type}'`;
    if (node.type === 'ERROR') return 'syntax error';
    node = node.children.find((c) => c?.hasError) ?? null;
  }
  return 'syntax error';
}

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
  // The grammar is loaded: the file was analysed (analyzeDocumentAsync) before any fix was made for it.
  const parsed = parseSyntax(text, languageId);
  if (parsed === undefined) return 'grammar not loaded';
  if (parsed === 'timeout') return 'too complex to parse';
  try {
    if (parsed.tree.rootNode.hasError) return syntaxError(parsed.tree.rootNode);
    for (const check of CHECKS[family]) {
      const problem = check(parsed.lexed.code);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    parsed.release();
  }
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
