// Text a person must replace (`<resource>`, `<deployment-name>`): an automatic fix never writes it
// (the CLI's --fix and the editor's fix-all both skip such fixes).
import type { Fix } from './types';

const PLACEHOLDER = /<[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*>/i;

/** The placeholder a fix would write, if any. */
export function placeholderIn(fix: Fix): string | undefined {
  for (const e of fix.edits) {
    const m = PLACEHOLDER.exec(e.newText);
    if (m) return m[0];
  }
  return undefined;
}
