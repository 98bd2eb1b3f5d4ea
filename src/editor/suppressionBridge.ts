// TEMPORARY: stands in for src/core/suppress.ts (core helper, not landed yet) so the tree builds.
// Replace the import in codeActions.ts with '../core/suppress' once it exists.
import type { TextEdit } from '../core/types';

export function suppressionEdit(_text: string, _languageId: string, _line: number, _ruleId: string): TextEdit | undefined {
  return undefined;
}
