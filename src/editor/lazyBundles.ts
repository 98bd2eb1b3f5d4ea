// The extension's lazily loaded bundles, each required on its first use and never at activation, so
// extension.js stays small and activation fast: dist/azure.js (the access check's Azure SDKs),
// dist/engine.js (rules, semantic model, parser runtime) and dist/tools.js (LM tool schemas and scans).
import * as path from 'node:path';
import type * as Azure from '../azure/index';
import type * as Engine from '../engine';
import type * as Tools from '../tools/index';

interface Bundles {
  azure: typeof Azure;
  engine: typeof Engine;
  tools: typeof Tools;
}

let extensionPath: string | undefined;
const loaded: Partial<Bundles> = {};

/** Called once at activation: where dist/ is. */
export function setBundleLocation(extensionRoot: string): void {
  extensionPath = extensionRoot;
}

export function bundle<K extends keyof Bundles>(name: K): Bundles[K] {
  const cached = loaded[name];
  if (cached) return cached;
  if (!extensionPath) throw new Error(`dist/${name}.js requested before activation`);
  // A computed path: esbuild leaves this require alone, so the bundle is not inlined into extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(extensionPath, 'dist', `${name}.js`)) as Bundles[K];
  loaded[name] = module;
  return module;
}

export function isBundleLoaded(name: keyof Bundles): boolean {
  return loaded[name] !== undefined;
}
