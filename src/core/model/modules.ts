// Module specifiers resolved to workspace files, for cross-file constants (AnalysisContext.readModule):
// Python `from .settings import ENDPOINT` / `from ..conf.settings import X` / `from settings import X`
// (a sibling module, or one under a parent directory: script and package layouts), and JS/TS relative
// imports `import { ENDPOINT } from "./config"` (with the extensions and index files the bundlers and
// TypeScript try, and `./config.js` naming `config.ts`). Bare JS package names are never files here.
// The file system is the caller's (`readText`), so core stays free of I/O.
import * as path from 'node:path';
import type { AnalysisContext } from '../types';
import { languageIdForFile } from '../languages';

type ReadModule = NonNullable<AnalysisContext['readModule']>;

/** Reads a file's text, or undefined when it does not exist / cannot be read. */
export type ReadText = (file: string) => string | undefined;

const JS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
/** Directories above the importing file searched for an absolute Python module (package root). */
const PY_PARENT_LEVELS = 4;
/** Larger files are not read for constants. */
const MAX_MODULE_CHARS = 1_000_000;

/** Candidate files for a module specifier imported by `fromFile`, in resolution order. */
export function moduleCandidates(fromFile: string, specifier: string): string[] {
  const dir = path.dirname(fromFile);
  const language = languageIdForFile(fromFile);
  if (language === 'python') {
    const m = /^(\.*)([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$/.exec(specifier);
    if (!m) return [];
    const parts = m[2].split('.');
    const inDir = (base: string) => [path.join(base, ...parts) + '.py', path.join(base, ...parts, '__init__.py')];
    if (m[1].length > 0) {
      let base = dir;
      for (let i = 1; i < m[1].length; i++) base = path.dirname(base);
      return inDir(base);
    }
    const out: string[] = [];
    let base = dir;
    for (let i = 0; i <= PY_PARENT_LEVELS; i++) {
      out.push(...inDir(base));
      const up = path.dirname(base);
      if (up === base) break;
      base = up;
    }
    return out;
  }
  if (
    language === 'javascript' ||
    language === 'typescript' ||
    language === 'javascriptreact' ||
    language === 'typescriptreact'
  ) {
    if (!/^\.\.?(?:\/|$)/.test(specifier)) return [];
    const target = path.join(dir, specifier);
    const ext = path.extname(target);
    const out: string[] = [];
    if (JS_EXTENSIONS.includes(ext)) {
      out.push(target);
      // TypeScript ESM: `./config.js` is written for `config.ts`
      const stem = target.slice(0, -ext.length);
      const ts = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] }[ext] ?? [];
      out.push(...ts.map((e) => stem + e));
      return out;
    }
    out.push(...JS_EXTENSIONS.map((e) => target + e));
    out.push(...JS_EXTENSIONS.map((e) => path.join(target, 'index' + e)));
    return out;
  }
  return [];
}

/** A readModule over `readText`: the first candidate file that exists and has a language the model reads. */
export function moduleReader(readText: ReadText): ReadModule {
  return (fromFile, specifier) => {
    for (const file of moduleCandidates(fromFile, specifier)) {
      if (path.resolve(file) === path.resolve(fromFile)) continue;
      const languageId = languageIdForFile(file);
      if (!languageId) continue;
      const text = readText(file);
      if (text === undefined) continue;
      if (text.length > MAX_MODULE_CHARS) return undefined;
      return { fileName: file, text, languageId };
    }
    return undefined;
  };
}
