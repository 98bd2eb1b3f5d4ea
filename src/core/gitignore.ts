// A small .gitignore matcher shared by the CLI's walker and the editor's workspace scan: nested .gitignore files (patterns relative to their
// folder, deeper files win), `!` negation, dir-only patterns (`build/`), anchored patterns (`/x`, `a/b`),
// `*`, `?`, `[...]` and `**` globs. The last matching pattern decides, as in git.
//
// A .gitignore comes from the repository being scanned, so it may be hostile. Each glob is compiled
// once into a small automaton that is run state-set at a time (no backtracking): matching costs at
// most (path length + 1) x (glob length + 1) steps, whatever the pattern (`*a*a*a*a*c` included).
// And each .gitignore's patterns are indexed by their literal prefix or suffix, so a path is tried
// only against the patterns that can match it, not against all of them.

/** Patterns longer than this are dropped: no real path is that long, and it bounds the matching cost. */
export const MAX_PATTERN_LENGTH = 4096;

const enum Kind {
  Literal,
  /** `?`: one character other than `/`. */
  One,
  /** `[...]`: one character of the class, never `/`. */
  Class,
  /** `*`: any run of characters other than `/`. */
  Star,
  /** `/**` at the end: anything. */
  Anything,
  /** `**\/` at the start or between slashes: nothing, or anything that ends with `/`. */
  Folders,
}

interface Token {
  kind: Kind;
  /** Literal: the character code. */
  code?: number;
  /** Class: inclusive [from, to] code ranges, and whether the class is negated. */
  ranges?: number[];
  negated?: boolean;
}

const SLASH = 47;

export interface CompiledGlob {
  /** Literal text every match starts with / ends with (for the index). */
  prefix: string;
  suffix: string;
  /** Whether it is matched against the whole relative path (else against the last segment). */
  anchored: boolean;
  matches(subject: string): boolean;
  /** For tests: the answer and the number of automaton steps it took. */
  matchWithCost(subject: string): { matched: boolean; steps: number };
}

function classRanges(body: string): number[] {
  const ranges: number[] = [];
  for (let j = 0; j < body.length; j++) {
    const from = body.charCodeAt(j);
    if (body[j + 1] === '-' && j + 2 < body.length) {
      ranges.push(from, body.charCodeAt(j + 2));
      j += 2;
    } else ranges.push(from, from);
  }
  return ranges;
}

/**
 * `gitignore`: `**` is special only as a whole segment. `vscode` (files.exclude, search.exclude):
 * `**` followed by `/` is any number of folders, any other `**` is anything.
 */
export type GlobDialect = 'gitignore' | 'vscode';

function tokenize(pattern: string, dialect: GlobDialect = 'gitignore'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  if (dialect === 'vscode') {
    for (; i < pattern.length; i++) {
      if (pattern[i] !== '*' || pattern[i + 1] !== '*') {
        i = tokenizeOne(pattern, i, tokens);
        continue;
      }
      if (pattern[i + 2] === '/') {
        tokens.push({ kind: Kind.Folders });
        i += 2;
      } else {
        tokens.push({ kind: Kind.Anything });
        i += 1;
      }
    }
    return tokens;
  }
  if (pattern.startsWith('**/')) {
    tokens.push({ kind: Kind.Folders });
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
          tokens.push({ kind: Kind.Anything });
          i += 1;
          continue;
        }
        if (afterSlash && beforeSlash) {
          tokens.push({ kind: Kind.Folders });
          i += 2;
          continue;
        }
        i += 1; // "**" elsewhere is an ordinary "*"
      }
      // Consecutive stars are one star: they match the same strings.
      if (tokens[tokens.length - 1]?.kind !== Kind.Star) tokens.push({ kind: Kind.Star });
    } else if (c === '?') tokens.push({ kind: Kind.One });
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) tokens.push({ kind: Kind.Literal, code: 91 });
      else {
        let body = pattern.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        tokens.push({ kind: Kind.Class, ranges: classRanges(body), negated });
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      tokens.push({ kind: Kind.Literal, code: pattern.charCodeAt(i + 1) });
      i++;
    } else tokens.push({ kind: Kind.Literal, code: pattern.charCodeAt(i) });
  }
  return tokens;
}

/** One token that is not `**` at `i` (vscode dialect); returns the index of its last character. */
function tokenizeOne(pattern: string, i: number, tokens: Token[]): number {
  const c = pattern[i];
  if (c === '*') {
    if (tokens[tokens.length - 1]?.kind !== Kind.Star) tokens.push({ kind: Kind.Star });
  } else if (c === '?') tokens.push({ kind: Kind.One });
  else if (c === '[') {
    const close = pattern.indexOf(']', i + 1);
    if (close === -1) tokens.push({ kind: Kind.Literal, code: 91 });
    else {
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      tokens.push({ kind: Kind.Class, ranges: classRanges(body), negated });
      return close;
    }
  } else tokens.push({ kind: Kind.Literal, code: pattern.charCodeAt(i) });
  return i;
}

const literalRun = (tokens: readonly Token[], from: number, step: 1 | -1): string => {
  let out = '';
  for (let i = from; i >= 0 && i < tokens.length && tokens[i].kind === Kind.Literal; i += step) {
    const ch = String.fromCharCode(tokens[i].code!);
    out = step === 1 ? out + ch : ch + out;
  }
  return out;
};

function inClass(token: Token, code: number): boolean {
  if (code === SLASH) return false;
  const ranges = token.ranges!;
  let hit = false;
  for (let r = 0; r < ranges.length && !hit; r += 2) hit = code >= ranges[r] && code <= ranges[r + 1];
  return hit !== token.negated;
}

/**
 * The automaton: states 0..n are "before token i" (n = accept); for a Folders token at i, state
 * n + 1 + i is "inside it, since the last slash" (it must still reach a `/`). Run over the subject
 * with a set of states, so every character costs at most one step per state.
 */
function automaton(tokens: readonly Token[]) {
  const n = tokens.length;
  const size = 2 * n + 2;
  const mark = new Uint32Array(size);
  let generation = 0;
  let current = new Int32Array(size);
  let next = new Int32Array(size);

  const run = (subject: string): { matched: boolean; steps: number } => {
    let steps = 0;
    generation++;
    // Adds a state and everything it reaches without consuming a character.
    const add = (list: Int32Array, state: number, len: number): number => {
      for (let s = state; ; s++) {
        if (mark[s] === generation) return len;
        mark[s] = generation;
        list[len++] = s;
        steps++;
        if (s >= n) return len; // accept, or an inside-Folders state: no epsilon moves
        const kind = tokens[s].kind;
        if (kind !== Kind.Star && kind !== Kind.Anything && kind !== Kind.Folders) return len;
      }
    };
    let count = add(current, 0, 0);
    for (let p = 0; p < subject.length && count > 0; p++) {
      const code = subject.charCodeAt(p);
      generation++;
      let nextCount = 0;
      for (let k = 0; k < count; k++) {
        const s = current[k];
        steps++;
        if (s === n) continue;
        if (s > n) {
          const folders = s - n - 1;
          nextCount = code === SLASH ? add(next, folders, nextCount) : add(next, s, nextCount);
          continue;
        }
        const token = tokens[s];
        switch (token.kind) {
          case Kind.Literal:
            if (code === token.code) nextCount = add(next, s + 1, nextCount);
            break;
          case Kind.One:
            if (code !== SLASH) nextCount = add(next, s + 1, nextCount);
            break;
          case Kind.Class:
            if (inClass(token, code)) nextCount = add(next, s + 1, nextCount);
            break;
          case Kind.Star:
            if (code !== SLASH) nextCount = add(next, s, nextCount);
            break;
          case Kind.Anything:
            nextCount = add(next, s, nextCount);
            break;
          case Kind.Folders:
            nextCount = add(next, code === SLASH ? s : n + 1 + s, nextCount);
            break;
        }
      }
      [current, next] = [next, current];
      count = nextCount;
    }
    let matched = false;
    for (let k = 0; k < count; k++) if (current[k] === n) matched = true;
    return { matched, steps };
  };
  return run;
}

/**
 * Compiles one glob (without leading `!` or trailing `/`), relative to its .gitignore's folder; in the
 * vscode dialect (no braces: expand them first), relative to the workspace folder and always anchored.
 */
export function compileGlob(glob: string, dialect: GlobDialect = 'gitignore'): CompiledGlob {
  const anchored = dialect === 'vscode' || glob.includes('/');
  const tokens = dialect === 'vscode' ? tokenize(glob, dialect) : tokenize(glob.startsWith('/') ? glob.slice(1) : glob);
  const run = automaton(tokens);
  const prefix = literalRun(tokens, 0, 1);
  const suffix = prefix.length === tokens.length ? prefix : literalRun(tokens, tokens.length - 1, -1);
  return { prefix, suffix, anchored, matches: (s) => run(s).matched, matchWithCost: run };
}

interface Rule {
  glob: CompiledGlob;
  negate: boolean;
  dirOnly: boolean;
  /** Position in its .gitignore: the last matching rule decides. */
  order: number;
}

export function parseGitignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#') || line.length > MAX_PATTERN_LENGTH) continue;
    // Trailing spaces are ignored unless escaped.
    let end = line.length;
    while (end > 0 && /\s/.test(line[end - 1]) && line[end - 2] !== '\\') end--;
    line = line.slice(0, end);
    if (line === '') continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      while (line.endsWith('/')) line = line.slice(0, -1);
    }
    if (line === '') continue;
    rules.push({ glob: compileGlob(line), negate, dirOnly, order: rules.length });
  }
  return rules;
}

/**
 * A .gitignore's rules indexed by the literal text a match must start or end with (whichever is
 * longer), looked up by every length that occurs: a path meets only the rules that could match it.
 */
class RuleIndex {
  private readonly byPrefix = new Map<number, Map<string, Rule[]>>();
  private readonly bySuffix = new Map<number, Map<string, Rule[]>>();
  private readonly always: Rule[] = [];

  add(rule: Rule): void {
    const { prefix, suffix } = rule.glob;
    if (prefix.length === 0 && suffix.length === 0) {
      this.always.push(rule);
      return;
    }
    const [table, key] = prefix.length >= suffix.length ? [this.byPrefix, prefix] : [this.bySuffix, suffix];
    let bucket = table.get(key.length);
    if (!bucket) table.set(key.length, (bucket = new Map()));
    const list = bucket.get(key);
    if (list) list.push(rule);
    else bucket.set(key, [rule]);
  }

  /** Rules that may match subject (a superset of those that do). */
  candidates(subject: string, out: Rule[]): void {
    for (const rule of this.always) out.push(rule);
    for (const [length, bucket] of this.byPrefix) {
      if (length > subject.length) continue;
      const list = bucket.get(subject.slice(0, length));
      if (list) for (const rule of list) out.push(rule);
    }
    for (const [length, bucket] of this.bySuffix) {
      if (length > subject.length) continue;
      const list = bucket.get(subject.slice(subject.length - length));
      if (list) for (const rule of list) out.push(rule);
    }
  }
}

class Layer {
  private readonly names = new RuleIndex();
  private readonly paths = new RuleIndex();

  constructor(
    readonly base: string,
    rules: readonly Rule[],
  ) {
    for (const rule of rules) (rule.glob.anchored ? this.paths : this.names).add(rule);
  }

  /** The deciding rule for sub (path relative to this layer's folder), if any rule matches. */
  decide(sub: string, isDir: boolean): Rule | undefined {
    const candidates: Rule[] = [];
    this.paths.candidates(sub, candidates);
    this.names.candidates(sub.slice(sub.lastIndexOf('/') + 1), candidates);
    if (candidates.length > 1) candidates.sort((a, b) => b.order - a.order);
    const name = sub.slice(sub.lastIndexOf('/') + 1);
    for (const rule of candidates) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.glob.matches(rule.glob.anchored ? sub : name)) return rule;
    }
    return undefined;
  }
}

/** The .gitignore files that apply to one folder, outermost first. */
export class IgnoreStack {
  private constructor(private readonly layers: readonly Layer[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** A stack for a subfolder: adds that folder's .gitignore (base = the folder's path relative to the scan root, '' for the root). */
  with(base: string, gitignoreText: string | undefined): IgnoreStack {
    if (gitignoreText === undefined) return this;
    const rules = parseGitignore(gitignoreText);
    return rules.length ? new IgnoreStack([...this.layers, new Layer(base, rules)]) : this;
  }

  isEmpty(): boolean {
    return this.layers.length === 0;
  }

  /** relPath: forward-slash path relative to the same root the bases are relative to. */
  ignores(relPath: string, isDir: boolean): boolean {
    // Deeper .gitignore files come later, so the first layer (from the deepest) with a match decides.
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { base } = this.layers[l];
      let sub: string;
      if (base === '') sub = relPath;
      else if (relPath.startsWith(base + '/')) sub = relPath.slice(base.length + 1);
      else continue;
      const rule = this.layers[l].decide(sub, isDir);
      if (rule) return !rule.negate;
    }
    return false;
  }

  /** For callers that do not walk (and so cannot prune folders): a file is ignored when it or any folder above it is. */
  ignoresPath(relPath: string): boolean {
    const parts = relPath.split('/');
    for (let i = 1; i < parts.length; i++) if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    return this.ignores(relPath, false);
  }
}
