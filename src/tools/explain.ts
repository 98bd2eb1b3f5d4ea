// The explain tool: error text in, the troubleshooting scenario out (src/core/explain).
import { explain } from '../core/explain';
import type { ToolOutcome } from './outcome';

export function explainErrorText(errorText: string): ToolOutcome {
  if (!errorText.trim()) return { ok: false, error: '"errorText" is blank: paste the error output to explain.' };
  return { ok: true, result: explain(errorText) };
}
