// Cross-file constants (`from .settings import ENDPOINT` / `import { ENDPOINT } from "./config"`) read the
// imported workspace file the way the CLI reads every file (readFileBounded: a regular file, at most
// MAX_FILE_BYTES, decoded by its encoding), never outside the workspace (a symlink out of it included).
// The CLI's scan and the editor (for files not open in it) both read through readWorkspaceText.
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { AnalysisContext } from '../core/types';
import { moduleReader } from '../core/model/modules';
import { decode, encodingOf, isBinary, readFileBounded } from './fileText';

/** The workspace folder as reads compare against it: symlinks resolved, with a trailing separator. */
export function workspaceRoot(folder: string): string {
  try {
    return realpathSync(resolve(folder)) + sep;
  } catch {
    return resolve(folder) + sep;
  }
}

/** True when `file` (symlinks resolved) lies under `root` (see workspaceRoot). */
export function insideWorkspace(root: string, file: string): boolean {
  try {
    return realpathSync(file).startsWith(root);
  } catch {
    return false;
  }
}

/** A workspace file's text, or undefined when it is outside `root` (see workspaceRoot), not a regular text file, or too large. */
export function readWorkspaceText(root: string, file: string): string | undefined {
  if (!insideWorkspace(root, file)) return undefined;
  const outcome = readFileBounded(file);
  if (!('bytes' in outcome)) return undefined;
  const encoding = encodingOf(outcome.bytes);
  return isBinary(outcome.bytes, encoding) ? undefined : decode(outcome.bytes, encoding).text;
}

/** The scan's readModule: modules under its working directory, each read once. */
export function workspaceModules(cwd: string): NonNullable<AnalysisContext['readModule']> {
  const root = workspaceRoot(cwd);
  const texts = new Map<string, string | undefined>();
  return moduleReader((file) => {
    if (!texts.has(file)) texts.set(file, readWorkspaceText(root, file));
    return texts.get(file);
  });
}
