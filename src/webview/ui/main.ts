// Webview entry (bundled to dist/webview/main.js), for both surfaces: the sidebar ('sidebar':
// compact verdict card, checklist, findings summary, troubleshooter, scenarios) and the report tab
// ('report': the verdict card, then the full report and checklist). It builds the sections once,
// then updates them from host messages. State is saved with setState so a hidden or reloaded panel comes back as it
// was, and the host re-pushes a fresh snapshot on 'ready'.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './main.css';
import { RENDERED_STATUSES, type HostToWebview, type PanelSnapshot, type RenderedStatus } from '../protocol';
import { createChecklist } from './checklist';
import { h } from './dom';
import { createFindings } from './findings';
import { createReport } from './report';
import { createScenarios } from './scenarios';
import { createTroubleshooter } from './troubleshooter';
import { createVerdictCard } from './verdictCard';
import { loadState, saveState, send } from './vscodeApi';

const mode = document.body.dataset.mode === 'report' ? 'report' : 'sidebar';
const state = loadState();
let checking = false;
let scanning = state.snapshot?.scanning ?? false;

const verdictCard = createVerdictCard(mode);
const checklist = createChecklist();
const findings = createFindings();
const report = createReport();
const troubleshooter = createTroubleshooter((draft) => {
  state.draft = draft;
  saveState(state);
});
const scenarios = createScenarios((query) => {
  state.query = query;
  saveState(state);
});

const DEFAULT_OPEN: Record<string, boolean> = {
  checklist: true,
  findings: true,
  report: true,
  troubleshooter: true,
  scenarios: false,
};

function section(id: string, title: string, body: HTMLElement, extra?: HTMLElement): HTMLElement {
  const details = h(
    'details',
    { className: 'section', attrs: { 'data-section': id, open: state.open[id] ?? DEFAULT_OPEN[id] } },
    h('summary', { attrs: { id: `${id}-heading` } }, title, extra ?? null),
    h('div', { className: 'section-body', attrs: { role: 'region', 'aria-labelledby': `${id}-heading` } }, body),
  ) as HTMLDetailsElement;
  details.addEventListener('toggle', () => {
    state.open[id] = details.open;
    saveState(state);
  });
  return details;
}

const app = document.getElementById('app') ?? document.body;
if (mode === 'report') {
  app.replaceChildren(
    h('h1', { className: 'report-title' }, 'Entra ID access report'),
    verdictCard.element,
    section('report', 'Details', report.element),
    section('checklist', 'Permission checklist', checklist.element),
  );
} else {
  app.replaceChildren(
    verdictCard.element,
    section('checklist', 'Permission checklist', checklist.element),
    section('findings', 'Findings', findings.element, findings.summary),
    section('troubleshooter', 'Error troubleshooter', troubleshooter.element),
    section('scenarios', 'Scenario reference', scenarios.element),
  );
}

function render(snapshot: PanelSnapshot | null): void {
  verdictCard.update(snapshot, checking);
  checklist.update(snapshot, checking);
  if (mode === 'report') report.update(snapshot, checking);
  else {
    findings.update(snapshot, scanning);
    scenarios.update(snapshot?.scenarios ?? []);
  }
}

/** The verdict card's status as the protocol names it ('loading' never follows a host snapshot). */
function shownStatus(): RenderedStatus {
  const status = verdictCard.element.dataset.status;
  return RENDERED_STATUSES.find((known) => known === status) ?? 'none';
}

troubleshooter.setDraft(state.draft);
troubleshooter.show(state.snapshot?.explanation ?? null);
scenarios.setQuery(state.query);
render(state.snapshot);

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToWebview | undefined;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
  switch (message.type) {
    case 'snapshot':
      state.snapshot = message.snapshot;
      scanning = message.snapshot.scanning;
      saveState(state);
      render(state.snapshot);
      troubleshooter.show(message.snapshot.explanation);
      // Tell the host what is on screen now (it waits for the report tab before announcing).
      send({ type: 'rendered', revision: message.snapshot.revision, status: shownStatus() });
      break;
    case 'explanation':
      if (state.snapshot) state.snapshot = { ...state.snapshot, explanation: message.explanation };
      saveState(state);
      troubleshooter.show(message.explanation);
      break;
    case 'busy':
      if (message.what === 'scan') scanning = message.busy;
      else if (message.what === 'check') checking = message.busy;
      else troubleshooter.setBusy(message.busy);
      render(state.snapshot);
      break;
    case 'reveal':
      verdictCard.reveal();
      break;
  }
});

send({ type: 'ready' });
