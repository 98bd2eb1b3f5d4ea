// The production build, made in a scratch extension folder (symlinks to the repo's package.json,
// src, media and node_modules) so it never overwrites the dist/ other tools are using, and the
// size report read from esbuild's metafile (dist/meta.json): bytes per bundle and any @azure/*
// module that ended up in extension.js. Shared by bench/run.mjs and test/unit/bundle-size.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_BUDGET_BYTES = 250 * 1024; // "250 KB", counted as esbuild.config.mjs prints sizes (KiB)
const LINKED = ['package.json', 'src', 'media', 'node_modules', 'tsconfig.json'];

/**
 * Runs `node esbuild.config.mjs --production` in a fresh folder under parentDir.
 * Returns { dir, metaPath, output } (dir is a loadable extension folder: package.json + dist/).
 */
export function buildProduction(root, parentDir) {
  mkdirSync(parentDir, { recursive: true });
  const dir = mkdtempSync(join(parentDir, 'prod-'));
  for (const name of LINKED) if (existsSync(join(root, name))) symlinkSync(join(root, name), join(dir, name));
  const result = spawnSync(process.execPath, [join(root, 'esbuild.config.mjs'), '--production'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`production build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { dir, metaPath: join(dir, 'dist', 'meta.json'), output: result.stdout };
}

/** Input paths of the metafile that are @azure/* packages (or @azure-rest/*). */
function isAzurePackage(inputPath) {
  return /(^|[\\/])node_modules[\\/]@azure(-rest)?[\\/]/.test(inputPath);
}

/**
 * { bundles: { [name]: { bytes, azureModules, topInputs: [{ path, bytes }], engineModules } } } from a metafile;
 * name is the output path relative to dist/ ("extension.js", "webview/main.js" ...).
 */
export function bundleReport(metaPath) {
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  const bundles = {};
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (file.endsWith('.map')) continue;
    const name = file.replace(/\\/g, '/').replace(/^.*?dist\//, '');
    const inputs = Object.entries(output.inputs || {}).map(([path, info]) => ({
      path: path.replace(/^(\.\.\/)+/, ''),
      bytes: info.bytesInOutput,
    }));
    bundles[name] = {
      bytes: output.bytes,
      azureModules: inputs.filter((input) => isAzurePackage(input.path)).length,
      azureBytes: inputs.filter((input) => isAzurePackage(input.path)).reduce((sum, input) => sum + input.bytes, 0),
      topInputs: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
      /** The analysis engine's modules in this bundle (rules, semantic model, parser, scanners). */
      engineModules: inputs
        .filter((input) => /src\/core\/(?:analyze|rules|model|parse|scan)\b/.test(input.path))
        .map((input) => input.path),
    };
  }
  return { bundles };
}
