// A small .gitignore matcher shared by the CLI's walker and the editor's workspace scan: nested .gitignore files (patterns relative to their
// folder, deeper files win), `!` negation, dir-only patterns (`build/`), anchored patterns (`/x`, `a/b`),
// `*`, `?`, `[...]` and `**` globs. The last matching pattern decides, as in git.

interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** Translates one glob (without leading `!` or trailing `/`) into a regex over paths relative to the .gitignore's folder. */
function globToRegex(glob: string): RegExp {
  const anchored = glob.includes('/');
  let pattern = glob.startsWith('/') ? glob.slice(1) : glob;
  let re = '';
  let i = 0;
  if (pattern.startsWith('**/')) {
    re += '(?:.*/)?';
    i = 3;
  }
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atEnd = i + 2 === pattern.length;
        const beforeSlash = pattern[i + 2] === '/';
        const afterSlash = i === 0 || pattern[i - 1] === '/';
        if (afterSlash && atEnd) {
          re += '.*';
          i += 1;
          continue;
        }
        if (afterSlash && beforeSlash) {
          re += '(?:.*/)?';
          i += 2;
          continue;
        }
        re += '[^/]*'; // "**" elsewhere is an ordinary "*"
        i += 1;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[i + 1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  pattern = re;
  // Unanchored patterns match a name at any depth; anything below a matched directory is covered by the walker.
  return new RegExp(anchored ? `^${pattern}$` : `^(?:.*/)?${pattern}$`);
}

export function parseGitignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    // Trailing spaces are ignored unless escaped.
    line = line.replace(/(?<!\\)\s+$/, '');
    if (line === '') continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') continue;
    try {
      rules.push({ regex: globToRegex(line), negate, dirOnly });
    } catch {
      // An unparsable pattern is ignored, as git ignores what it cannot match.
    }
  }
  return rules;
}

/** The .gitignore files that apply to one folder, outermost first. */
export class IgnoreStack {
  private constructor(private readonly layers: ReadonlyArray<{ base: string; rules: Rule[] }>) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** A stack for a subfolder: adds that folder's .gitignore (base = the folder's path relative to the scan root, '' for the root). */
  with(base: string, gitignoreText: string | undefined): IgnoreStack {
    if (gitignoreText === undefined) return this;
    const rules = parseGitignore(gitignoreText);
    return rules.length ? new IgnoreStack([...this.layers, { base, rules }]) : this;
  }

  isEmpty(): boolean {
    return this.layers.length === 0;
  }

  /** relPath: forward-slash path relative to the same root the bases are relative to. */
  ignores(relPath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, rules } of this.layers) {
      let sub: string;
      if (base === '') sub = relPath;
      else if (relPath.startsWith(base + '/')) sub = relPath.slice(base.length + 1);
      else continue;
      for (const rule of rules) {
        if (rule.dirOnly && !isDir) continue;
        // Only a rule that would flip the current answer needs testing.
        if (rule.negate === ignored && rule.regex.test(sub)) ignored = !rule.negate;
      }
    }
    return ignored;
  }

  /** For callers that do not walk (and so cannot prune folders): a file is ignored when it or any folder above it is. */
  ignoresPath(relPath: string): boolean {
    const parts = relPath.split('/');
    for (let i = 1; i < parts.length; i++) if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    return this.ignores(relPath, false);
  }
}
