// Section 2: the workspace's findings grouped by rule with counts. A click asks the host to reveal
// the finding in the editor (by the opaque key the host published); "Scan Workspace" runs the scan.
import type { PanelFinding, PanelFindingGroup, PanelSnapshot } from '../protocol';
import { button, h, icon, linkButton, srOnly } from './dom';
import { send } from './vscodeApi';

export interface FindingsView {
  element: HTMLElement;
  /** Count shown in the section header. */
  summary: HTMLElement;
  update(snapshot: PanelSnapshot | null, scanning: boolean): void;
}

export function createFindings(): FindingsView {
  const toolbar = h('div', { className: 'toolbar' });
  const body = h('div', { attrs: { 'data-testid': 'findings' } });
  const summary = h('span', { className: 'summary-count', attrs: { 'data-testid': 'findings-count' } });
  const element = h('div', {}, toolbar, body);

  function update(snapshot: PanelSnapshot | null, scanning: boolean): void {
    const count = snapshot?.findingCount ?? 0;
    summary.textContent = `(${count})`;
    toolbar.replaceChildren(
      button(scanning ? 'Scanning…' : 'Scan Workspace', () => send({ type: 'scanWorkspace' }), {
        icon: scanning ? 'loading' : 'search',
        disabled: scanning,
        testId: 'scan-workspace',
        label: 'Scan Workspace for Entra ID mistakes',
      }),
      h('span', { className: 'muted', attrs: { role: 'status' } }, describeCount(snapshot)),
    );
    const groups = snapshot?.findings ?? [];
    if (groups.length === 0) {
      body.replaceChildren(
        h('p', { className: 'muted' }, snapshot ? 'No findings in the analysed files.' : 'Loading…'),
      );
      return;
    }
    body.replaceChildren(...groups.map(renderGroup));
  }

  return { element, summary, update };
}

function describeCount(snapshot: PanelSnapshot | null): string {
  if (!snapshot) return '';
  const files = new Set(snapshot.findings.flatMap((group) => group.findings.map((finding) => finding.path))).size;
  const n = snapshot.findingCount;
  return `${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}

function renderGroup(group: PanelFindingGroup): HTMLElement {
  const headingId = `rule-${group.rule.replace(/[^a-z0-9-]/gi, '_')}`;
  return h(
    'section',
    { className: 'group', attrs: { 'data-rule': group.rule, 'aria-labelledby': headingId } },
    h(
      'div',
      { className: 'group-title' },
      icon(severityIcon(group.severity), `severity-${group.severity}`),
      h('span', { attrs: { id: headingId } }, group.rule),
      h(
        'vscode-badge',
        { attrs: { variant: 'counter', 'aria-label': `${group.count} findings` } },
        String(group.count),
      ),
      group.docsUrl
        ? linkButton(
            'docs',
            () => send({ type: 'openLink', url: group.docsUrl }),
            `Documentation for rule ${group.rule}`,
          )
        : null,
    ),
    h('ul', { className: 'findings' }, ...group.findings.map(renderFinding)),
    group.count > group.findings.length
      ? h('p', { className: 'muted' }, `…and ${group.count - group.findings.length} more (see the Problems panel).`)
      : null,
  );
}

function renderFinding(finding: PanelFinding): HTMLElement {
  const line = finding.range.start.line + 1;
  const column = finding.range.start.character + 1;
  const row = h(
    'button',
    {
      className: 'row',
      attrs: {
        type: 'button',
        'data-testid': 'finding',
        title: `${finding.path}:${line}:${column}`,
        'aria-label': `${finding.severity}: ${finding.message}. ${finding.path}, line ${line}. Reveal in editor`,
      },
      onClick: () => send({ type: 'revealFinding', key: finding.key }),
    },
    h('span', { className: 'finding-message' }, srOnly(`${finding.severity}: `), finding.message),
    h('span', { className: 'finding-location' }, `${finding.path}:${line}:${column}`),
  );
  const check = finding.endpoint
    ? h('vscode-button', {
        attrs: {
          icon: 'shield',
          'icon-only': true,
          secondary: true,
          title: 'Check Entra ID access for this endpoint',
          'aria-label': `Check Entra ID access for ${finding.endpoint}`,
        },
      })
    : null;
  check?.addEventListener('click', () => send({ type: 'runCheck', findingKey: finding.key }));
  return h('li', {}, icon(severityIcon(finding.severity), `severity-${finding.severity}`), row, check);
}

function severityIcon(severity: string): string {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info';
}
