// What every agent tool returns: a JSON-serialisable result, or an error a model can act on.
// toolText() is the one place a result becomes text, and it passes everything through redactSecrets
// (a pasted error or a probe message may carry a token; none may leave through a tool).
import { redactSecrets } from '../azure/redact';

export type ToolOutcome = { ok: true; result: unknown } | { ok: false; error: string };

export function toolText(outcome: ToolOutcome): string {
  return redactSecrets(outcome.ok ? JSON.stringify(outcome.result, null, 2) : `Error: ${outcome.error}`);
}
