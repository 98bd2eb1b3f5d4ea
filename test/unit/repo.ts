// Where the repository is and what sources it holds, for the unit suites that read the tree itself
// (security guards, bundle budget, the CLI runner). Tests run from out/test/unit, so the root is found
// by walking up to this extension's package.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

function findRepoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'azure-ai-auth-doctor') return dir;
  }
  return process.cwd();
}

export const repoRoot = findRepoRoot();

/** Files below dir (recursive) whose names match the pattern; none when dir does not exist. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out;
}

/** Repository-relative path with forward slashes. */
export const repoRelative = (file: string): string => relative(repoRoot, file).split(sep).join('/');

/** Drops comments so prose such as "never uses child_process" is not a hit (URLs keep their `//`). */
export const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
