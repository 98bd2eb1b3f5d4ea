// Glob matching for the workspace scan's exclude lists (files.exclude, search.exclude, .gitignore,
// azureAiAuthDoctor.exclude). VS Code exposes no glob matcher to extensions, and findFiles takes only
// one exclude pattern, so the scan filters its file list with these compiled patterns. No 'vscode' import.
import { compileGlob } from '../core/gitignore';

/** More alternatives than this from one glob's braces, and the glob is dropped (it cannot be meant). */
const MAX_ALTERNATIVES = 256;

/** A VS Code style glob's brace alternatives, expanded (`src/{gen,build}/**` gives two globs); none past the budget. */
function expandBraces(glob: string): string[] {
  const budget = { left: MAX_ALTERNATIVES };
  const out = expandWithin(glob, budget);
  return budget.left < 0 ? [] : out;
}

function expandWithin(glob: string, budget: { left: number }): string[] {
  if (budget.left < 0) return [];
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  const close = matchingBrace(glob, open);
  if (close < 0) return [glob]; // an unclosed brace is literal (the automaton treats it so)
  const head = glob.slice(0, open);
  const out: string[] = [];
  for (const alternative of splitTopLevel(glob.slice(open + 1, close))) {
    for (const rest of expandWithin(alternative + glob.slice(close + 1), budget)) {
      if (--budget.left < 0) return [];
      out.push(head + rest);
    }
  }
  return out;
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

export type PathMatcher = (relativePath: string) => boolean;

/**
 * Compiles globs into one predicate over workspace-relative paths ('/' separated).
 * A path also matches when one of its parent folders matches (excluding `**∕node_modules` excludes its files).
 */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const cleaned = globs.map(cleanGlob).filter((g) => g.length > 0);
  // The workspace's settings may be hostile: each glob runs on the linear automaton of core/gitignore.
  const compiled = cleaned.flatMap((g) => expandBraces(g)).map((g) => compileGlob(g, 'vscode'));
  if (compiled.length === 0) return () => false;
  return (relativePath: string) => {
    const segments = relativePath.split('/');
    for (let n = 1; n <= segments.length; n++) {
      const prefix = segments.slice(0, n).join('/');
      if (compiled.some((g) => g.matches(prefix))) return true;
    }
    return false;
  };
}

/** Trimmed, without a leading `./` or trailing slashes (a loop: a regex over a run of slashes is quadratic). */
function cleanGlob(glob: string): string {
  let g = glob.trim();
  if (g.startsWith('./')) g = g.slice(2);
  let end = g.length;
  while (end > 0 && g[end - 1] === '/') end--;
  return g.slice(0, end);
}

/** The globs of an exclude setting object (`{ "glob": true }`); sibling `when` clauses and `false` entries are dropped. */
export function enabledGlobs(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}
