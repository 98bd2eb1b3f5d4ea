// SARIF `partialFingerprints` for GitHub code scanning (and any SARIF consumer that tracks results
// across runs): a finding keeps its fingerprint when lines are added or removed above it, so an alert
// is not closed and reopened on every push. The key is the rule, the file, the message and the
// finding's occurrence among identical ones in that file; positions are deliberately left out.
import { createHash } from 'node:crypto';
import type { Finding } from '../core/types';

/** Versioned, as GitHub recommends, so a change of the recipe never matches old fingerprints. */
export const FINGERPRINT_KEY = 'azureAiAuthDoctor/v1';

/** One fingerprint object per finding, in the given (sorted) order. */
export function partialFingerprints(
  findings: readonly Finding[],
  fileOf: (finding: Finding) => string,
): Array<Record<string, string>> {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const identity = [finding.rule, fileOf(finding), finding.message].join('\u0000');
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    return { [FINGERPRINT_KEY]: `${hash}:${occurrence}` };
  });
}
