// The .vsix a build folder packs into, as `npm run package` makes it (vsce, --no-dependencies:
// everything ships bundled). It is packed from a plain copy of what the package lists, because vsce
// does not follow the symlinks of the bench's build folders, and it leaves the repo's dist-vsix/ alone.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const VSIX_BUDGET_BYTES = 3 * 1024 * 1024; // "3 MB"
/** What vsce reads: the manifest, the readme and licence, and the folders `files` lists. */
const PACKED = ['package.json', 'README.md', 'LICENSE', 'dist', 'media'];

/** vsce's own CLI script from the repo's node_modules (no npx: no network, no prompt). */
function vsceScript(root) {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
}

/**
 * Packs an extension folder (sources may be symlinks: copied from `root` when missing there) into
 * a .vsix in scratchParent -> { bytes, files }.
 */
export function packageVsix(root, extensionDir, scratchParent) {
  const staging = mkdtempSync(join(scratchParent, 'vsix-'));
  try {
    for (const name of PACKED) {
      const from = existsSync(join(extensionDir, name)) ? join(extensionDir, name) : join(root, name);
      if (existsSync(from)) cpSync(from, join(staging, name), { recursive: true, dereference: true });
    }
    const out = join(staging, 'bench.vsix');
    const result = spawnSync(process.execPath, [vsceScript(root), 'package', '--no-dependencies', '--out', out], {
      cwd: staging,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.status !== 0)
      throw new Error(`vsce package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    const files = Number(/Packaged: .*\((\d+) files?/.exec(result.stdout)?.[1] ?? NaN);
    return { bytes: statSync(out).size, files };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
