// Glob matching for the workspace scan's exclude lists (files.exclude, search.exclude, .gitignore,
// azureAiAuthDoctor.exclude). VS Code exposes no glob matcher to extensions, and findFiles takes only
// one exclude pattern, so the scan filters its file list with these compiled patterns. No 'vscode' import.

/** Turns a VS Code style glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) into a RegExp source (anchored by the caller). */
function globToRegExpSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a lone `**` matches anything.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (ch === '?') {
      out += '[^/]';
      i += 1;
    } else if (ch === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) {
        out += '\\{';
        i += 1;
        continue;
      }
      const alternatives = splitTopLevel(glob.slice(i + 1, close));
      out += `(?:${alternatives.map(globToRegExpSource).join('|')})`;
      i = close + 1;
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        out += '\\[';
        i += 1;
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close + 1;
    } else {
      out += ch.replace(/[.+^$()|\\]/g, '\\$&');
      i += 1;
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
  const cleaned = globs.map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, '')).filter((g) => g.length > 0);
  if (cleaned.length === 0) return () => false;
  const regex = new RegExp(`^(?:${cleaned.map(globToRegExpSource).join('|')})$`);
  return (relativePath: string) => {
    const segments = relativePath.split('/');
    for (let n = 1; n <= segments.length; n++) {
      if (regex.test(segments.slice(0, n).join('/'))) return true;
    }
    return false;
  };
}

/** The globs of an exclude setting object (`{ "glob": true }`); sibling `when` clauses and `false` entries are dropped. */
export function enabledGlobs(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}
