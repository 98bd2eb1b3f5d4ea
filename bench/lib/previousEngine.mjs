// The previous analysis engine (the regex/lexer engine before tree-sitter), built from git so every
// bench run measures it next to the current one on the same machine, in the same load conditions.
// The commit's files are extracted with `git archive` (no checkout, no network) into a scratch
// folder that links the repo's node_modules, and built there with that commit's own
// esbuild.config.mjs (a loadable extension folder, as shipped) plus a bundle of its
// analyzeDocument. The build is cached by commit: later runs reuse it.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** main's last commit with the previous engine (src/core/scan/lexer.ts, calls.ts, values.ts). */
export const PREVIOUS_ENGINE_COMMIT = 'a68d63f';

/** What the build needs from the commit (what `vsce package` reads, too). */
const ARCHIVED = ['src', 'media', 'package.json', 'esbuild.config.mjs', 'tsconfig.json', 'LICENSE', 'README.md'];
const DONE = '.built';

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/**
 * Builds (or reuses) the previous engine under cacheDir/<full sha>. Returns { commit, dir, analyzePath,
 * cliPath, metaPath, cached }: dir is an extension folder (package.json, dist/, media/, LICENSE, README.md).
 */
export async function buildPreviousEngine({ root, cacheDir, commit = PREVIOUS_ENGINE_COMMIT, log = () => {} }) {
  const sha = run('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: root }).stdout.trim();
  const dir = resolve(cacheDir, sha);
  const paths = {
    commit: sha,
    dir,
    analyzePath: join(dir, 'analyze.cjs'),
    cliPath: join(dir, 'dist', 'cli.js'),
    metaPath: join(dir, 'dist', 'meta.json'),
  };
  if (existsSync(join(dir, DONE))) return { ...paths, cached: true };

  log(`building the previous engine from ${sha.slice(0, 12)} into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const present = ARCHIVED.filter(
    (path) => run('git', ['ls-tree', '--name-only', sha, path], { cwd: root }).stdout.trim() !== '',
  );
  const tar = run('git', ['archive', '--format=tar', sha, ...present], { cwd: root, encoding: 'buffer' }).stdout;
  run('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  run(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: dir });
  // analyzeDocument alone, minified as shipped (the editor bundled it into extension.js then).
  await esbuild.build({
    entryPoints: [join(dir, 'src', 'core', 'analyze.ts')],
    outfile: paths.analyzePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });
  writeFileSync(join(dir, DONE), `${sha}\n`);
  return { ...paths, cached: false };
}
