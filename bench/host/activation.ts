// Activation figures measured INSIDE the real extension host (code-server): reads activate()'s own figure (ExtensionApi.activationMs), whether
// dist/engine.js or any tree-sitter grammar was loaded by then, times
// the activate() call as VS Code awaits it, and times loading dist/extension.js by requiring fresh
// copies placed inside the extension folder (so `require('vscode')` resolves as for the real
// bundle).
import * as vscode from 'vscode';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const LOAD_COPIES = 10;

interface ExtensionApi {
  activationMs: number;
  isAzureBundleLoaded(): boolean;
  /** dist/engine.js required (absent before the tree-sitter engine, which bundled the engine in extension.js). */
  isEngineLoaded?(): boolean;
}

/** The tree-sitter runtime's per-process state (src/core/parse/runtime.ts keeps it on globalThis). */
function loadedGrammars(): string[] {
  const state = (globalThis as Record<symbol, { loaded?: Map<string, unknown> } | undefined>)[
    Symbol.for('azure-ai-auth-doctor.tree-sitter')
  ];
  return [...(state?.loaded?.keys() ?? [])];
}

export async function measureActivation(): Promise<Record<string, unknown>> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const activeBefore = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const awaitedMs = performance.now() - started;

  const bundle = join(extension.extensionPath, 'dist', 'extension.js');
  const copies = join(extension.extensionPath, '.bench-load');
  mkdirSync(copies, { recursive: true });
  const loadMs: number[] = [];
  try {
    for (let i = 0; i < LOAD_COPIES; i++) {
      const copy = join(copies, `extension-${i}.js`);
      copyFileSync(bundle, copy);
      const t0 = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy must load as VS Code loads the bundle
      require(copy);
      loadMs.push(performance.now() - t0);
    }
  } finally {
    rmSync(copies, { recursive: true, force: true });
  }
  return {
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
    activeBefore,
    activationMs: api.activationMs,
    awaitedActivateMs: activeBefore ? null : awaitedMs,
    azureBundleLoaded: api.isAzureBundleLoaded(),
    engineBundleLoaded: api.isEngineLoaded ? api.isEngineLoaded() : null,
    grammarsLoaded: loadedGrammars(),
    extensionJsBytes: statSync(bundle).size,
    loadMs,
  };
}
