// The findings summary in the sidebar: how many, what the count covers ("open files only"), and
// Analyse Workspace. The findings themselves are in the native Findings tree view below
// (src/editor/findingsTree.ts), which reveals them on click and carries the badge.
import type { PanelSnapshot } from '../protocol';
import { button, h } from './dom';
import { send } from './vscodeApi';

export interface FindingsView {
  element: HTMLElement;
  /** Count shown in the section header. */
  summary: HTMLElement;
  update(snapshot: PanelSnapshot | null, scanning: boolean): void;
}

export function createFindings(): FindingsView {
  const toolbar = h('div', { className: 'toolbar' });
  const summary = h('span', { className: 'summary-count', attrs: { 'data-testid': 'findings-count' } });
  const element = h('div', { attrs: { 'data-testid': 'findings' } }, toolbar);

  function update(snapshot: PanelSnapshot | null, scanning: boolean): void {
    const count = snapshot?.findingCount ?? 0;
    summary.textContent = `(${count})`;
    toolbar.replaceChildren(
      h('span', { className: 'muted', attrs: { role: 'status', 'data-testid': 'coverage' } }, describeCount(snapshot)),
      button(scanning ? 'Analysing…' : 'Analyse workspace', () => send({ type: 'scanWorkspace' }), {
        icon: scanning ? 'loading' : 'search',
        disabled: scanning,
        testId: 'scan-workspace',
        label: 'Analyse the whole workspace for Entra ID mistakes',
      }),
    );
  }

  return { element, summary, update };
}

/** "2 findings in 1 file · open files only" (the Findings view lists them). */
export function describeCount(snapshot: PanelSnapshot | null): string {
  if (!snapshot) return '';
  const n = snapshot.findingCount;
  const files = snapshot.coverage?.files ?? 0;
  const covers =
    snapshot.coverage?.scope === 'workspace' || snapshot.coverage?.scanned ? 'whole workspace' : 'open files only';
  return `${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} · ${covers}`;
}
