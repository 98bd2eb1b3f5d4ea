// The tree-sitter runtime (@vscode/tree-sitter-wasm, the prebuilt grammars VS Code ships), loaded
// lazily: nothing here runs at import time. `ensureParser(languageId)` loads the runtime and that
// language's grammar once (async: wasm compilation); afterwards `parserFor(languageId)` is sync, so
// analyzeDocument stays a plain function for the CLI, the editor and the tests.
//
// The runtime and the grammar .wasm files are never bundled into extension.js / cli.js:
// esbuild.config.mjs copies them to dist/parse/, and they are required from there at run time
// (falling back to node_modules for test bundles, which run from out/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type Tree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.Node;
export type Language = TreeSitter.Language;
export type Parser = TreeSitter.Parser;

/** Grammar per language id: the languages the engine parses with tree-sitter. */
const GRAMMARS: Record<string, string> = {
  python: 'python',
  jupyter: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  csharp: 'c-sharp',
  java: 'java',
  shellscript: 'bash',
  powershell: 'powershell',
};

/** The grammar name (tree-sitter-<name>.wasm) for a language id, or undefined when it is not parsed. */
export function grammarOf(languageId: string): string | undefined {
  return GRAMMARS[languageId];
}

/** Every grammar the engine may load (the build copies exactly these). */
export const GRAMMAR_FILES = [...new Set(Object.values(GRAMMARS))].map((g) => `tree-sitter-${g}.wasm`);

type Module = typeof TreeSitter;

/** A few lines touching strings, comments, calls and an error, for the warm-up parse. */
const WARM_UP = 'x = "a" + \'b\' # c\n// d\nf(x, y = 1, { k: [1, 2] }) /* e */\n$v = @{ "k" = "v" }\n) (\n';

/** Loaded state, shared by every bundle in the process (the test suites are separate bundles). */
interface State {
  runtime?: Promise<Module>;
  module?: Module;
  languages: Map<string, Promise<Language>>;
  loaded: Map<string, Language>;
  parsers: Map<string, Parser>;
}
const KEY = Symbol.for('azure-ai-auth-doctor.tree-sitter');
const state: State = ((globalThis as Record<symbol, State>)[KEY] ??= {
  languages: new Map(),
  loaded: new Map(),
  parsers: new Map(),
});
const { languages, loaded, parsers } = state;

/** Where the runtime and grammars live: dist/parse next to the bundle, else the package in node_modules. */
let dirCache: string | undefined;
function wasmDir(): string {
  return (dirCache ??= findWasmDir());
}
function findWasmDir(): string {
  const candidates = [path.join(__dirname, 'parse'), __dirname];
  for (const dir of candidates) if (fs.existsSync(path.join(dir, 'tree-sitter.wasm'))) return dir;
  try {
    const pkg = require.resolve('@vscode/tree-sitter-wasm/package.json', { paths: [__dirname, process.cwd()] });
    return path.join(path.dirname(pkg), 'wasm');
  } catch {
    return candidates[0];
  }
}

function loadRuntime(): Promise<Module> {
  state.runtime ??= (async () => {
    const dir = wasmDir();
    // A computed path: esbuild leaves this require alone, so the runtime stays out of the bundles.
    const file = path.join(dir, 'tree-sitter.js');
    const mod = (module.require ?? require)(file) as Module;
    await mod.Parser.init({ locateFile: (name: string) => path.join(dir, name) });
    state.module = mod;
    return mod;
  })();
  state.runtime.catch(() => (state.runtime = undefined));
  return state.runtime;
}

/**
 * Loads the runtime and the grammar of `languageId` (once; later calls return the same promise).
 * Resolves to false for languages the engine does not parse with tree-sitter.
 */
export async function ensureParser(languageId: string): Promise<boolean> {
  const grammar = grammarOf(languageId);
  if (!grammar) return false;
  if (loaded.has(grammar)) return true;
  let pending = languages.get(grammar);
  if (!pending) {
    pending = (async () => {
      const mod = await loadRuntime();
      const bytes = await fs.promises.readFile(path.join(wasmDir(), `tree-sitter-${grammar}.wasm`));
      const language = await mod.Language.load(new Uint8Array(bytes));
      // The first parse with a grammar pays for compiling its wasm (~100 ms); pay it here, while
      // loading, so analysis times (and the parse budget) see a warm parser.
      const parser = new mod.Parser();
      parser.setLanguage(language);
      parser.parse(WARM_UP)?.delete();
      parsers.set(grammar, parser);
      loaded.set(grammar, language);
      return language;
    })();
    languages.set(grammar, pending);
    pending.catch(() => languages.delete(grammar));
  }
  await pending;
  return true;
}

/** Loads every grammar (tests, benches, the CLI before a scan of mixed files). */
export async function ensureAllParsers(): Promise<void> {
  await Promise.all(Object.keys(GRAMMARS).map((id) => ensureParser(id)));
}

/** True once `ensureParser(languageId)` has finished (or the language is not parsed at all). */
export function parserReady(languageId: string): boolean {
  const grammar = grammarOf(languageId);
  return !grammar || loaded.has(grammar);
}

/** True when `languageId` is parsed with tree-sitter. */
export function isParsedLanguage(languageId: string): boolean {
  return grammarOf(languageId) !== undefined;
}

/** The (shared, reused) parser of a loaded language, or undefined when its grammar is not loaded yet. */
export function parserFor(languageId: string): Parser | undefined {
  const grammar = grammarOf(languageId);
  if (!grammar || !state.module) return undefined;
  let parser = parsers.get(grammar);
  if (!parser) {
    const language = loaded.get(grammar);
    if (!language) return undefined;
    parser = new state.module.Parser();
    parser.setLanguage(language);
    parsers.set(grammar, parser);
  }
  return parser;
}

/** True when any grammar is loaded (activation must leave this false). */
export function anyGrammarLoaded(): boolean {
  return loaded.size > 0;
}

/** A compiled query for a loaded language (the runtime's Query class). */
export function newQuery(language: Language, source: string): TreeSitter.Query {
  if (!state.module) throw new Error('tree-sitter runtime not loaded');
  return new state.module.Query(language, source);
}
