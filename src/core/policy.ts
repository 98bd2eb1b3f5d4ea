// User policy over findings, in one place: which severity a rule's findings get (settings
// `azureAiAuthDoctor.rules`, CLI `--rule id=level`), and which fix is "the" fix of a finding (exactly one
// preferred; fix-all and `--fix` apply the preferred fixes that can go together).
import type { Finding, Fix, Position, RuleId, RuleSeverities, Severity, SeveritySetting, TextEdit } from './types';
import { RULE_IDS } from './types';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error', 'default'];

export const isRuleId = (id: string): id is RuleId => (RULE_IDS as readonly string[]).includes(id);
export const isSeveritySetting = (s: unknown): s is SeveritySetting =>
  typeof s === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(s);

/** The severity a finding gets under the user's settings, or 'off' when its rule is turned off. */
export function effectiveSeverity(
  rule: RuleId,
  reported: Severity,
  rules: RuleSeverities | undefined,
): Severity | 'off' {
  const setting = rules?.[rule];
  if (!setting || setting === 'default') return reported;
  return setting;
}

export const isRuleOff = (rule: RuleId, rules: RuleSeverities | undefined): boolean => rules?.[rule] === 'off';

/** Applies the user's per-rule settings: 'off' drops the rule's findings, a level replaces the severity. */
export function applyRuleSeverities(findings: readonly Finding[], rules: RuleSeverities | undefined): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const severity = effectiveSeverity(finding.rule, finding.severity, rules);
    if (severity === 'off') continue;
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}

/** Reads a settings object ({ "<rule-id>": "off" | ... }); unknown ids and values are ignored. */
export function readRuleSeverities(value: unknown): RuleSeverities {
  const rules: RuleSeverities = {};
  if (!value || typeof value !== 'object') return rules;
  for (const [rule, severity] of Object.entries(value as Record<string, unknown>))
    if (isRuleId(rule) && isSeveritySetting(severity)) rules[rule] = severity;
  return rules;
}

/** Parses one `<id>=<level>` option (CLI `--rule`); throws with a user-facing message when it does not fit. */
export function parseRuleOption(value: string): [RuleId, SeveritySetting] {
  const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(value);
  if (!match) throw new Error(`--rule expects <id>=off|info|warning|error (got "${value}")`);
  const [, id, level] = match;
  if (!isRuleId(id)) throw new Error(`unknown rule "${id}"; rules: ${RULE_IDS.join(', ')}`);
  if (level === 'default' || !isSeveritySetting(level))
    throw new Error(`--rule ${id}: level must be off, info, warning or error (got "${level}")`);
  return [id, level];
}

/** Exactly one fix of a finding is preferred: the first one marked so, else the first fix. */
export function normalizePreferred(fixes: Fix[]): Fix[] {
  if (fixes.length === 0) return fixes;
  const first = Math.max(
    0,
    fixes.findIndex((f) => f.preferred),
  );
  fixes.forEach((f, i) => (f.preferred = i === first));
  return fixes;
}

/** The preferred fix of a finding (exactly one is preferred by contract). */
export function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.preferred) ?? undefined;
}

const overlaps = (a: TextEdit, b: TextEdit): boolean => {
  if (a.file !== b.file) return false;
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const aEmpty = !before(a.range.start, a.range.end);
  const bEmpty = !before(b.range.start, b.range.end);
  if (aEmpty && bEmpty) return false; // two insertions never conflict
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
};

const sameEdit = (a: TextEdit, b: TextEdit): boolean =>
  a.file === b.file &&
  a.newText === b.newText &&
  a.range.start.line === b.range.start.line &&
  a.range.start.character === b.range.start.character &&
  a.range.end.line === b.range.end.line &&
  a.range.end.character === b.range.end.character;

/**
 * Fix-all (editor "Fix all", CLI --fix): the preferred fixes of several findings that can be applied
 * together. An edit already chosen for another finding (one env value used twice, the same import
 * inserted by two fixes) is applied once; a fix whose other edits overlap a chosen one is left out (it
 * is applied on a later pass, after re-analysis).
 */
/** How many fix/re-analyse passes a fix-all makes (`scan --fix` and the editor's source.fixAll alike). */
export const FIX_PASSES = 5;

export function compatiblePreferredFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const chosenEdits: TextEdit[] = [];
  for (const finding of findings) {
    const fix = preferredFix(finding);
    if (!fix || fix.edits.length === 0) continue;
    const fresh = fix.edits.filter((e) => !chosenEdits.some((c) => sameEdit(c, e)));
    if (fresh.length === 0) continue; // the same fix offered by two findings
    if (fresh.some((e) => chosenEdits.some((c) => overlaps(e, c)))) continue;
    chosen.push(fresh.length === fix.edits.length ? fix : { ...fix, edits: fresh });
    chosenEdits.push(...fresh);
  }
  return chosen;
}
