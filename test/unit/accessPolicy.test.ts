// The access check's VS Code-free decisions: when the paid probe runs, when a role assignment has
// propagated, the countdown text, the verdict's primary action, what a cancelled sign-in looks like.
import * as assert from 'node:assert/strict';
import type { AccessReport, RoleAssignmentInfo, StepStatus } from '../../src/core/accessReport';
import {
  formatCountdown,
  isCancelledSignIn,
  notificationActionLabel,
  primaryFix,
  probeDecision,
  propagationEnd,
  PROPAGATION_MS,
  verdictMessage,
} from '../../src/editor/accessPolicy';

function report(roles: StepStatus, extra: Partial<AccessReport> = {}): AccessReport {
  return {
    endpoint: 'https://contoso.openai.azure.com',
    startedAt: new Date().toISOString(),
    steps: [{ id: 'roles', title: 'Role assignments', status: roles, summary: '', details: [] }],
    assignments: [],
    denyAssignments: [],
    verdict: { status: 'problem', title: 't', explanation: 'e' },
    fixes: [],
    checklist: [],
    gaps: [],
    ...extra,
  };
}

function grant(createdOn: string): RoleAssignmentInfo {
  return {
    id: 'a',
    roleName: 'Cognitive Services User',
    roleDefinitionId: 'r',
    scope: '/subscriptions/s',
    principalId: 'p',
    inherited: false,
    viaGroup: false,
    createdOn,
    dataActions: ['Microsoft.CognitiveServices/*'],
    notDataActions: [],
    grantsRequired: true,
    note: '',
  };
}

describe('access policy', () => {
  it('probe: the setting decides, an explicit choice wins, a proven denial skips it', () => {
    assert.equal(probeDecision('ask', undefined, report('passed')), 'ask');
    assert.equal(probeDecision('always', undefined, report('passed')), 'send');
    assert.equal(probeDecision('never', undefined, report('passed')), 'skip');
    assert.equal(probeDecision('always', undefined, report('failed')), 'skip', 'roles already prove the denial');
    assert.equal(probeDecision('ask', undefined, report('failed')), 'skip');
    assert.equal(probeDecision('ask', undefined, report('unknown')), 'ask', 'unreadable roles prove nothing');
    assert.equal(probeDecision('never', true, report('failed')), 'send');
    assert.equal(probeDecision('always', false, report('passed')), 'skip');
  });

  it('propagation: ends 5 minutes after the youngest granting assignment, none when all are older', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const young = report('warning', {
      assignments: [grant('2026-12-01T11:58:00Z'), grant('2026-12-01T11:50:00Z')],
    });
    assert.equal(propagationEnd(young, now), Date.parse('2026-12-01T11:58:00Z') + PROPAGATION_MS);
    assert.equal(propagationEnd(report('passed', { assignments: [grant('2026-12-01T11:50:00Z')] }), now), undefined);
    assert.equal(propagationEnd(undefined, now), undefined);
  });

  it('countdown text', () => {
    assert.equal(formatCountdown(245_000), '4:05');
    assert.equal(formatCountdown(999), '0:01');
    assert.equal(formatCountdown(-5), '0:00');
  });

  it('primary action: assigning the role first, then waiting, then the rest', () => {
    const fixes: AccessReport['fixes'] = [
      { kind: 'open-iam', title: 'Open IAM' },
      { kind: 'copy-cli', title: 'Copy az' },
      { kind: 'assign-role', title: 'Assign Cognitive Services User' },
    ];
    assert.deepEqual(primaryFix(report('failed', { fixes })), { fix: fixes[2], index: 2 });
    assert.equal(primaryFix(report('failed', { fixes: [fixes[0], fixes[1]] }))?.fix.kind, 'copy-cli');
    assert.equal(primaryFix(report('passed')), undefined);
  });

  it('notification: short buttons (about 30 characters fit), the full action in the message', () => {
    const kinds: AccessReport['fixes'][number]['kind'][] = [
      'assign-role',
      'wait',
      'change-scope',
      'change-endpoint',
      'copy-cli',
      'open-iam',
    ];
    for (const kind of kinds) {
      const label = notificationActionLabel({ kind, title: 'x'.repeat(80) });
      assert.ok(label.length > 0 && label.length <= 24, `${kind}: ${label}`);
    }
    const assign = { kind: 'assign-role' as const, title: 'Assign Cognitive Services User to dev@contoso.com on ai' };
    assert.equal(
      verdictMessage(report('failed'), assign),
      'Entra ID access: t. Fix: Assign Cognitive Services User to dev@contoso.com on ai.',
    );
    assert.equal(verdictMessage(report('passed'), undefined), 'Entra ID access: t');
  });

  it('a cancelled sign-in, as VS Code reports it', () => {
    assert.ok(isCancelledSignIn(new Error('User did not consent to login.')));
    assert.ok(isCancelledSignIn(Object.assign(new Error('Canceled'), { name: 'Canceled' })));
    assert.ok(isCancelledSignIn(new Error('Sign-in cancelled by the user')));
    assert.ok(!isCancelledSignIn(new Error('AADSTS50076: MFA required')));
  });
});
