// Cross-file constants for the CLI: `from .settings import ENDPOINT` / `import { ENDPOINT } from "./config"`
// resolve to files under the scan's working directory (the workspace), read once each and never beyond
// MAX_FILE_BYTES, never outside the workspace (a symlink out of it included).
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { AnalysisContext } from '../core/types';
import { moduleReader } from '../core/model/modules';
import { MAX_FILE_BYTES } from './fileText';

export function workspaceModules(cwd: string): NonNullable<AnalysisContext['readModule']> {
  let root: string;
  try {
    root = realpathSync(resolve(cwd)) + sep;
  } catch {
    root = resolve(cwd) + sep;
  }
  const texts = new Map<string, string | undefined>();
  const read = (file: string): string | undefined => {
    try {
      const real = realpathSync(file);
      if (!real.startsWith(root)) return undefined;
      const stat = statSync(real);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return readFileSync(real, 'utf8');
    } catch {
      return undefined;
    }
  };
  return moduleReader((file) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  });
}
