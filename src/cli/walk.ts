// Finds the files a scan reads: walks folders without following symlinks, skips version control,
// dependencies, virtualenvs, build output and .gitignore'd paths, and keeps only files the engine
// understands, decided by name alone (no stat or read here).
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve, relative, sep } from 'node:path';
import { isCandidateFile } from '../core/languages';
import { isEnvConfigFile } from '../core/env';
import { IgnoreStack } from '../core/gitignore';
import { decode, MAX_FILE_BYTES, readFileBounded } from './fileText';

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

export interface WalkProblem {
  path: string;
  reason: string;
  /** Something that should have been scanned was not (a missing path, a folder that cannot be listed): the exit code says so. */
  failed: boolean;
}

export interface WalkOutput {
  files: WalkedFile[];
  /** Paths that could not be scanned, and .gitignore files that were not read, with the reason. */
  problems: WalkProblem[];
}

/** Linux PATH_MAX: longer paths cannot be opened, so they are reported instead of silently lost. */
export const MAX_PATH_LENGTH = 4096;

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** The enclosing git work tree (so .gitignore files above the scan root apply too), or undefined. */
function gitRootOf(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * An ignore file's text: a regular file (symlinks are not followed, as git does not), at most 1 MB.
 * One that cannot be read is reported (its patterns do not apply); one that does not exist is not.
 */
function readIgnoreFile(path: string, problems: WalkProblem[]): string | undefined {
  const outcome = readFileBounded(path, MAX_FILE_BYTES, undefined, { noFollow: true });
  if ('bytes' in outcome) return decode(outcome.bytes).text;
  if (outcome.skip === 'deleted during the scan') return undefined; // no such file: nothing to apply
  problems.push({ path, reason: `not read, its patterns are not applied: ${outcome.skip}`, failed: !!outcome.failed });
  return undefined;
}

/** The ignore rules that apply inside `dir`: from the git root (or dir itself) down to dir. */
function ignoreStackFor(dir: string, problems: WalkProblem[]): { stack: IgnoreStack; root: string } {
  const root = gitRootOf(dir) ?? dir;
  const readText = (path: string) => readIgnoreFile(path, problems);
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
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({
        path: given,
        reason: code === 'ENOENT' ? 'not found' : `cannot scan (${code ?? 'error'})`,
        failed: true,
      });
      continue;
    }
    if (stat.isFile()) {
      // A file named on the command line is read even when ignored.
      if (wanted(absolute)) add(absolute, false);
      else problems.push({ path: given, reason: 'not a file type this tool analyses', failed: false });
      continue;
    }
    if (!stat.isDirectory()) {
      problems.push({ path: given, reason: 'not a regular file or folder', failed: true });
      continue;
    }

    const { stack: rootStack, root } = ignoreStackFor(absolute, problems);
    const pending: Array<{ dir: string; rel: string; stack: IgnoreStack; top: boolean }> = [
      { dir: absolute, rel: toPosix(relative(root, absolute)), stack: rootStack, top: true },
    ];
    while (pending.length) {
      const { dir, rel, stack: parentStack, top } = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        // A folder deleted during the scan has nothing left to scan; any other failure loses files: say so.
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
          problems.push({
            path: dir,
            reason: `cannot list this folder (${code ?? (e as Error).message})`,
            failed: true,
          });
        continue;
      }
      if (!top && entries.some((e) => e.name === 'pyvenv.cfg')) continue; // a virtualenv, whatever its name
      let stack = parentStack;
      // The root's own .gitignore is already in rootStack.
      if (!top || rel !== '') {
        if (entries.some((e) => e.name === '.gitignore' && e.isFile()))
          stack = stack.with(rel, readIgnoreFile(join(dir, '.gitignore'), problems));
      }
      const subdirs: typeof pending = [];
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const checkIgnores = !stack.isEmpty();
      for (const entry of entries) {
        const name = entry.name;
        if (prefix.length + name.length > MAX_PATH_LENGTH && (entry.isDirectory() || maybeWanted(name))) {
          problems.push({
            path: prefix + name,
            reason: `path longer than ${MAX_PATH_LENGTH} characters`,
            failed: true,
          });
          continue;
        }
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
