// The full access report (the editor tab, under the verdict card): identity, resource, role assignments (role, scope,
// inherited/group, age) with the data actions they grant, the steps, what could not be checked, and
// the fix buttons. Everything here came from Azure, so it is rendered as text only.
import type { AccessReport, FixAction, RoleAssignmentInfo } from '../../core/accessReport';
import type { PanelSnapshot } from '../protocol';
import { append, button, h, statusIcon, type Child } from './dom';
import { formatAge } from './format';
import { send } from './vscodeApi';

export interface ReportView {
  element: HTMLElement;
  update(snapshot: PanelSnapshot | null, checking: boolean): void;
}

export function createReport(): ReportView {
  const element = h('div', { attrs: { 'data-testid': 'report' } });

  function update(snapshot: PanelSnapshot | null, checking: boolean): void {
    if (!snapshot) {
      element.replaceChildren();
      return;
    }
    const report = snapshot.report;
    if (!report) {
      element.replaceChildren(
        h('p', { className: 'muted' }, 'No access check yet. Run the check to see who can call the endpoint and why.'),
        h(
          'div',
          { className: 'toolbar' },
          button(checking ? 'Checking…' : 'Check Entra ID access', () => send({ type: 'runCheck' }), {
            icon: 'shield',
            disabled: checking || snapshot?.canCheck === false,
          }),
        ),
      );
      return;
    }
    element.replaceChildren();
    append(element, renderReport(report));
  }

  return { element, update };
}

function renderReport(report: AccessReport): Child[] {
  return [
    h(
      'dl',
      { className: 'facts' },
      ...fact('Endpoint', report.endpoint, true),
      ...fact('Identity', identityText(report)),
      ...fact('Resource', resourceText(report)),
      ...fact('Resource ID', report.resource?.id, true),
      ...fact('Needs data action', report.requiredDataAction, true),
      ...fact('Checked', report.finishedAt ?? `started ${report.startedAt}`),
    ),
    report.gaps.length > 0
      ? h(
          'div',
          { className: 'gaps', attrs: { role: 'note' } },
          h('strong', {}, 'Partial report: some things could not be checked'),
          h('ul', { className: 'plain' }, ...report.gaps.map((gap) => h('li', {}, gap))),
        )
      : null,
    (report.notes ?? []).length > 0
      ? h(
          'div',
          { className: 'notes', attrs: { role: 'note', 'data-testid': 'report-notes' } },
          h('strong', {}, 'Also needed'),
          h('ul', { className: 'plain' }, ...(report.notes ?? []).map((note) => h('li', {}, note))),
        )
      : null,
    h('h3', {}, 'Role assignments'),
    renderAssignments(report.assignments),
    report.denyAssignments.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, 'Deny assignments'),
          h('ul', { className: 'plain' }, ...report.denyAssignments.map((d) => h('li', {}, d))),
        )
      : null,
    h('h3', {}, 'Steps'),
    h(
      'ul',
      { className: 'plain steps' },
      ...report.steps.map((step) =>
        h(
          'li',
          { attrs: { 'data-step': step.id, 'data-status': step.status } },
          statusIcon(step.status),
          h('strong', {}, step.title),
          ' — ',
          step.summary,
          step.details.length > 0
            ? h('ul', { className: 'plain' }, ...step.details.map((d) => h('li', { className: 'muted' }, d)))
            : null,
        ),
      ),
    ),
    report.fixes.length > 0 ? h('h3', {}, 'Fixes') : null,
    ...report.fixes.map((fix, index) => renderFix(fix, index)),
  ];
}

function fact(label: string, value: string | undefined, mono = false): HTMLElement[] {
  if (!value) return [];
  return [h('dt', {}, label), h('dd', { className: mono ? 'mono' : '' }, value)];
}

function identityText(report: AccessReport): string | undefined {
  const identity = report.identity;
  if (!identity) return undefined;
  const name = identity.displayName ?? identity.userPrincipalName ?? identity.appId ?? identity.objectId ?? 'unknown';
  const parts = [name];
  if (identity.userPrincipalName && identity.userPrincipalName !== name) parts.push(identity.userPrincipalName);
  if (identity.principalType) parts.push(identity.principalType);
  parts.push(`via ${identity.source}`);
  if (identity.objectId && identity.objectId !== name) parts.push(`object id ${identity.objectId}`);
  if (identity.tenantId) parts.push(`tenant ${identity.tenantId}`);
  return parts.join(' · ');
}

function resourceText(report: AccessReport): string | undefined {
  const resource = report.resource;
  if (!resource) return undefined;
  return [resource.name, resource.kind, resource.location, `resource group ${resource.resourceGroup}`]
    .filter(Boolean)
    .join(' · ');
}

function renderAssignments(assignments: RoleAssignmentInfo[]): HTMLElement {
  if (assignments.length === 0) {
    return h(
      'p',
      { className: 'muted', attrs: { 'data-testid': 'no-assignments' } },
      'No role assignments found for this identity at this resource.',
    );
  }
  const header = h(
    'tr',
    {},
    ...['Role', 'Scope', 'How', 'Age', 'Grants the call?'].map((title) => h('th', { attrs: { scope: 'col' } }, title)),
  );
  const rows = assignments.map((assignment) => {
    const how = [assignment.inherited ? 'inherited' : 'direct', assignment.viaGroup ? 'through a group' : null]
      .filter(Boolean)
      .join(', ');
    const age = formatAge(assignment.ageMinutes) ?? assignment.createdOn ?? 'unknown';
    const recent = assignment.ageMinutes !== undefined && assignment.ageMinutes < 5; // propagation, [D2][D6]
    return h(
      'tr',
      { attrs: { 'data-role': assignment.roleName } },
      h(
        'td',
        {},
        h('strong', {}, assignment.roleName),
        assignment.dataActions.length > 0
          ? h('div', { className: 'muted mono' }, `data actions: ${assignment.dataActions.join(', ')}`)
          : h('div', { className: 'muted' }, 'no data actions'),
        assignment.notDataActions.length > 0
          ? h('div', { className: 'muted mono' }, `not: ${assignment.notDataActions.join(', ')}`)
          : null,
        assignment.note ? h('div', { className: 'muted' }, assignment.note) : null,
      ),
      h('td', { className: 'mono' }, assignment.scope),
      h('td', {}, how),
      h('td', {}, age, recent ? h('div', { className: 'muted' }, 'may still be propagating (up to 5 min)') : null),
      h(
        'td',
        {},
        statusIcon(assignment.grantsRequired ? 'passed' : 'failed'),
        assignment.grantsRequired ? 'yes' : 'no',
      ),
    );
  });
  // Below 480 px the CSS shows the definition lists instead of the table (one is display:none).
  const lists = assignments.map((assignment) =>
    h(
      'dl',
      { className: 'assignment-dl', attrs: { 'data-role': assignment.roleName } },
      h('dt', {}, 'Role'),
      h('dd', {}, h('strong', {}, assignment.roleName)),
      h('dt', {}, 'Grants the call?'),
      h(
        'dd',
        {},
        statusIcon(assignment.grantsRequired ? 'passed' : 'failed'),
        assignment.grantsRequired ? 'yes' : 'no',
      ),
      h('dt', {}, 'Scope'),
      h('dd', { className: 'mono' }, assignment.scope),
      h('dt', {}, 'How'),
      h(
        'dd',
        {},
        [assignment.inherited ? 'inherited' : 'direct', assignment.viaGroup ? 'through a group' : null]
          .filter(Boolean)
          .join(', '),
      ),
      h('dt', {}, 'Age'),
      h('dd', {}, formatAge(assignment.ageMinutes) ?? assignment.createdOn ?? 'unknown'),
      h('dt', {}, 'Data actions'),
      h('dd', { className: 'mono' }, assignment.dataActions.join(', ') || 'none'),
      assignment.note ? h('dt', {}, 'Note') : null,
      assignment.note ? h('dd', {}, assignment.note) : null,
    ),
  );
  return h(
    'div',
    { className: 'assignments-wrap' },
    h(
      'table',
      { className: 'assignments', attrs: { 'aria-label': 'Role assignments of the identity' } },
      h('thead', {}, header),
      h('tbody', {}, ...rows),
    ),
    h('div', { className: 'assignments-lists', attrs: { 'aria-label': 'Role assignments of the identity' } }, ...lists),
  );
}

const FIX_ICONS: Record<string, string> = {
  'assign-role': 'person-add',
  'copy-cli': 'copy',
  'open-iam': 'link-external',
  'change-scope': 'edit',
  'change-endpoint': 'edit',
  wait: 'clock',
};

function renderFix(fix: FixAction, index: number): HTMLElement {
  const label = fix.kind === 'assign-role' ? `${fix.title} (asks for confirmation)` : fix.title;
  return h(
    'div',
    { className: 'fix', attrs: { 'data-fix': fix.kind } },
    button(fix.title, () => send({ type: 'applyFix', index, kind: fix.kind }), {
      icon: FIX_ICONS[fix.kind],
      secondary: fix.kind !== 'assign-role',
      label,
    }),
    fix.detail ? h('div', { className: 'muted' }, fix.detail) : null,
    fix.cliCommand ? h('div', { className: 'mono muted' }, fix.cliCommand) : null,
  );
}
