// Decisions of the access check that need no VS Code: whether the paid probe runs, when a role
// assignment has propagated, the countdown text, the verdict's one primary action, and whether a
// failed check was a cancelled sign-in. Kept here so the policy has one home and unit tests.
import type { AccessReport, FixAction } from '../core/accessReport';

export type ProbeMode = 'ask' | 'always' | 'never';
export type ProbeDecision = 'send' | 'skip' | 'ask';

/** Role assignments take up to 5 minutes to propagate (facts file, [D2][D6]). */
export const PROPAGATION_MS = 5 * 60_000;

/**
 * Whether the one chat completion (which can cost money) is sent. An explicit caller choice wins;
 * otherwise it is skipped when the role assignments already prove a denial (the roles step failed:
 * readable assignments, none granting the data action), since the probe could only confirm it.
 */
export function probeDecision(mode: ProbeMode, explicit: boolean | undefined, partial?: AccessReport): ProbeDecision {
  if (typeof explicit === 'boolean') return explicit ? 'send' : 'skip';
  if (deniedByRoles(partial)) return 'skip';
  return mode === 'always' ? 'send' : mode === 'never' ? 'skip' : 'ask';
}

export function deniedByRoles(report: AccessReport | undefined): boolean {
  return report?.steps.find((s) => s.id === 'roles')?.status === 'failed';
}

/** When the youngest granting assignment has propagated (epoch ms), if one is still propagating. */
export function propagationEnd(report: AccessReport | undefined, now = Date.now()): number | undefined {
  const ends = (report?.assignments ?? [])
    .filter((a) => a.grantsRequired && a.createdOn)
    .map((a) => Date.parse(a.createdOn!) + PROPAGATION_MS)
    .filter((end) => Number.isFinite(end) && end > now);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}

/** "4:05" for 245 s left; "0:00" once over. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "14:07" in local time. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The one action the verdict card and the notification lead with (assigning the role first). */
export function primaryFix(report: AccessReport): { fix: FixAction; index: number } | undefined {
  const order: FixAction['kind'][] = ['assign-role', 'wait', 'change-scope', 'change-endpoint', 'copy-cli', 'open-iam'];
  for (const kind of order) {
    const index = report.fixes.findIndex((f) => f.kind === kind);
    if (index >= 0) return { fix: report.fixes[index], index };
  }
  return undefined;
}

/**
 * The primary action's button in the verdict notification. Notification buttons are cut off after
 * about 30 characters, so the button names the kind of action and the message carries its full title.
 */
export function notificationActionLabel(fix: FixAction): string {
  const labels: Record<FixAction['kind'], string> = {
    'assign-role': 'Assign role…',
    wait: 'Wait, then check again',
    'change-scope': 'Fix the token scope',
    'change-endpoint': 'Fix the endpoint',
    'copy-cli': 'Copy az command',
    'open-iam': 'Open in portal',
  };
  return labels[fix.kind];
}

/** The verdict notification's text: the verdict, then what the primary action does. */
export function verdictMessage(report: AccessReport, primary: FixAction | undefined): string {
  const verdict = `Entra ID access: ${report.verdict.title}`;
  return primary ? `${verdict}. Fix: ${primary.title}.` : verdict;
}

/** What a cancelled VS Code sign-in looks like (the auth service's words, or a CancellationError). */
export function isCancelledSignIn(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return e?.name === 'Canceled' || /cancel|did not consent/i.test(e?.message ?? String(error));
}
