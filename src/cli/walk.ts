// Finds the files a scan reads: walks folders without following symlinks, skips version control,
// dependencies, virtualenvs, build output and .gitignore'd paths, and keeps only files the engine
// understands, decided by name alone (no stat or read here).
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve, relative, sep } from 'node:path';
import { isCandidateFile } from '../core/languages';
import { isEnvConfigFile } from '../core/env';
import { IgnoreStack } from '../core/gitignore';

/** Folder names never descended into (below a scan root). */
export const SKIPPED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.venv',
  'venv',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.eggs',
  'dist',
  'out',
  'bin',
  'obj',
  'target',
  'build',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.turbo',
  '.parcel-cache',
  '.gradle',
  '.terraform',
  '.vs',
  'coverage',
  '.coverage',
  'htmlcov',
]);

export interface WalkedFile {
  path: string;
  /** Matched by .gitignore: read for its env values only, never reported on. */
  ignored: boolean;
}

export interface WalkOutput {
  files: WalkedFile[];
  /** Paths given on the command line that could not be scanned, with the reason. */
  problems: Array<{ path: string; reason: string }>;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** The enclosing git work tree (so .gitignore files above the scan root apply too), or undefined. */
function gitRootOf(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The ignore rules that apply inside `dir`: from the git root (or dir itself) down to dir. */
function ignoreStackFor(dir: string): { stack: IgnoreStack; root: string } {
  const root = gitRootOf(dir) ?? dir;
  let stack = IgnoreStack.empty().with('', readText(join(root, '.git', 'info', 'exclude')));
  stack = stack.with('', readText(join(root, '.gitignore')));
  const rel = toPosix(relative(root, dir));
  if (rel) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const base = parts.slice(0, i).join('/');
      stack = stack.with(base, readText(join(root, base, '.gitignore')));
    }
  }
  return { stack, root };
}

const wanted = (path: string) => isCandidateFile(path) || isEnvConfigFile(path);

/** Extensions (and the manifest/config names) the engine may read: a cheap first test before the full one. */
const MAYBE_EXTENSIONS = new Set([
  '.py',
  '.pyw',
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.ts',
  '.mts',
  '.cts',
  '.tsx',
  '.cs',
  '.java',
  '.http',
  '.rest',
  '.sh',
  '.bash',
  '.zsh',
  '.ps1',
  '.psm1',
  '.ipynb',
  '.csproj',
  '.gradle',
  '.kts',
  '.json',
  '.txt',
  '.in',
  '.toml',
  '.xml',
]);
function maybeWanted(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot > 0 && MAYBE_EXTENSIONS.has(name.slice(dot).toLowerCase())) return true;
  const lower = name.toLowerCase();
  return lower.startsWith('.env') || lower.endsWith('.env');
}

/** onFile sees each file as it is found, with the running count (the scan hands files to its workers while walking). */
export function walk(
  paths: readonly string[],
  cwd: string,
  onFile?: (file: WalkedFile, count: number) => void,
): WalkOutput {
  const files: WalkedFile[] = [];
  const problems: WalkOutput['problems'] = [];
  // Only overlapping command-line paths can yield a file twice.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const add = (path: string, ignored: boolean) => {
    if (seen) {
      if (seen.has(path)) return;
      seen.add(path);
    }
    const file = { path, ignored };
    files.push(file);
    onFile?.(file, files.length);
  };

  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (e) {
      problems.push({ path: given, reason: `not found (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (stat.isFile()) {
      // A file named on the command line is read even when ignored.
      if (wanted(absolute)) add(absolute, false);
      else problems.push({ path: given, reason: 'not a file type this tool analyses' });
      continue;
    }
    if (!stat.isDirectory()) {
      problems.push({ path: given, reason: 'not a regular file or folder' });
      continue;
    }

    const { stack: rootStack, root } = ignoreStackFor(absolute);
    const pending: Array<{ dir: string; rel: string; stack: IgnoreStack; top: boolean }> = [
      { dir: absolute, rel: toPosix(relative(root, absolute)), stack: rootStack, top: true },
    ];
    while (pending.length) {
      const { dir, rel, stack: parentStack, top } = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: nothing to report on
      }
      if (!top && entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtualenv, whatever its name
      let stack = parentStack;
      // The root's own .gitignore is already in rootStack.
      if (!top || rel !== '') {
        if (entries.some((e) => e.name === '.gitignore' && e.isFile()))
          stack = stack.with(rel, readText(join(dir, '.gitignore')));
      }
      const subdirs: typeof pending = [];
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const checkIgnores = !stack.isEmpty();
      for (const entry of entries) {
        const name = entry.name;
        if (entry.isDirectory()) {
          if (SKIPPED_DIRS.has(name)) continue;
          const childRel = rel ? `${rel}/${name}` : name;
          if (checkIgnores && stack.ignores(childRel, true)) continue;
          subdirs.push({ dir: prefix + name, rel: childRel, stack, top: false });
        } else if (entry.isFile()) {
          if (!maybeWanted(name)) continue;
          const path = prefix + name;
          if (!wanted(name === 'launch.json' ? path : name)) continue;
          const ignored = checkIgnores && stack.ignores(rel ? `${rel}/${name}` : name, false);
          if (ignored && !isEnvConfigFile(path)) continue;
          add(path, ignored);
        }
        // Symlinks, FIFOs, sockets and devices are never followed or read.
      }
      // Depth-first, in name order (pending is a stack).
      subdirs.sort((a, b) => (a.dir < b.dir ? 1 : a.dir > b.dir ? -1 : 0));
      for (const sub of subdirs) pending.push(sub);
    }
  }
  return { files, problems };
}
