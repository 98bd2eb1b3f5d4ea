// Builds every bundle the extension ships (and, with --tests, the test bundles).
// Separate bundles keep activation cheap: extension.js never contains @azure/* code;
// the access check lives in azure.js, which extension.js requires only when a check runs, and the
// MCP server (with @modelcontextprotocol/sdk) in mcp.js, which cli.js requires only for `mcp`.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');

const common = {
  bundle: true,
  logLevel: 'warning',
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: true,
  legalComments: 'none',
};
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

/** Files under dir whose names match the predicate (recursive). */
function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

const shipped = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { azure: 'src/azure/index.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { engine: 'src/engine.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // What the language-model tools run (schemas, validator, the CLI's folder scan): required on first use.
  { ...node, entryPoints: { tools: 'src/tools/index.ts' }, outdir: 'dist' },
  // The MCP server and its SDK: required by `cli.js mcp` only (never by extension.js or a scan).
  { ...node, entryPoints: { mcp: 'src/mcp/server.ts' }, outdir: 'dist' },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { main: 'src/webview/ui/main.ts' },
    outdir: 'dist/webview',
    loader: { '.css': 'css', '.ttf': 'file' },
  },
];

// Test bundles (owned by the harness): every suite file is its own bundle so runners can load
// them one by one. mocha and playwright-core stay external (resolved from node_modules).
// Test-only packages stay external: they run from node_modules (the SARIF schema is resolved as a file path).
const testBundle = {
  ...node,
  sourcemap: 'inline',
  minify: false,
  external: ['vscode', 'mocha', 'playwright-core', '@microsoft/jest-sarif'],
};
const suitesIn = (dir) => (existsSync(dir) ? walk(dir, (f) => f.endsWith('.test.ts')) : []);
const tests = withTests
  ? [
      {
        ...testBundle,
        entryPoints: ['test/unit/rootHooks.ts', ...suitesIn('test/unit')],
        outdir: 'out/test/unit',
        outbase: 'test/unit',
      },
      {
        // extensionTestsPath for both runners (code-server and @vscode/test-electron) + each suite.
        ...testBundle,
        entryPoints: ['test/integration/index.ts', ...suitesIn('test/integration')],
        outdir: 'out/test/integration',
        outbase: 'test/integration',
      },
      {
        // The suite that runs against the installed .vsix (not the development build).
        ...testBundle,
        entryPoints: ['test/harness/vsix-probe/index.ts', 'test/harness/vsix-probe/installed.test.ts'],
        outdir: 'out/test/harness/vsix-probe',
        outbase: 'test/harness/vsix-probe',
      },
      { ...testBundle, entryPoints: suitesIn('test/ui'), outdir: 'out/test/ui', outbase: 'test/ui' },
      {
        // The multi-root workspace suites (run-integration.mjs opens test/fixtures/multiroot).
        ...testBundle,
        entryPoints: ['test/multiroot/index.ts', ...suitesIn('test/multiroot')],
        outdir: 'out/test/multiroot',
        outbase: 'test/multiroot',
      },
      {
        // The demo's test-only sign-in extension (scripts/start.mjs packages it).
        ...testBundle,
        sourcemap: false,
        entryPoints: { extension: 'test/harness/emulator-auth/extension.ts' },
        outdir: 'out/test/harness/emulator-auth',
      },
      ...(existsSync('test/emulator/main.ts')
        ? [
            {
              ...testBundle,
              sourcemap: false,
              entryPoints: { main: 'test/emulator/main.ts' },
              outdir: 'out/test/emulator',
            },
          ]
        : []),
    ].filter((options) => (Array.isArray(options.entryPoints) ? options.entryPoints.length > 0 : true))
  : [];

const started = Date.now();
const results = await Promise.all([...shipped, ...tests].map((options) => esbuild.build(options)));

// Codicons' font and stylesheet are copied next to the webview bundle (localResourceRoots = dist/webview).
mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  copyFileSync(join('node_modules/@vscode/codicons/dist', file), join('dist/webview', file));
}

// The tree-sitter runtime and grammars (src/core/parse/runtime.ts requires them from dist/parse at
// run time, when a language is first analysed): never bundled, so extension.js stays small.
const treeSitterDir = 'node_modules/@vscode/tree-sitter-wasm/wasm';
const grammars = ['python', 'javascript', 'typescript', 'tsx', 'c-sharp', 'java', 'bash', 'powershell'];
mkdirSync('dist/parse', { recursive: true });
for (const file of ['tree-sitter.js', 'tree-sitter.wasm', ...grammars.map((g) => `tree-sitter-${g}.wasm`)]) {
  copyFileSync(join(treeSitterDir, file), join('dist/parse', file));
}

const sizes = {};
for (const result of results.slice(0, shipped.length)) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) sizes[relative('.', file)] = info.bytes;
  }
}
for (const [file, bytes] of Object.entries(sizes)) {
  console.log(`${file.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
}
if (production) {
  const merged = { inputs: {}, outputs: {} };
  for (const result of results.slice(0, shipped.length)) {
    Object.assign(merged.inputs, result.metafile.inputs);
    Object.assign(merged.outputs, result.metafile.outputs);
  }
  writeFileSync('dist/meta.json', JSON.stringify(merged));
}
console.log(`built ${results.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
