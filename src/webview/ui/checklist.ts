// Section 1: the seed's five manual permission steps [D2], each with the state the last access
// check established (passed / failed / unknown, with the reason) and a button that does the step.
import type { AccessReport, ChecklistItem } from '../../core/accessReport';
import type { PanelSnapshot } from '../protocol';
import { button, h, statusIcon } from './dom';
import { send } from './vscodeApi';

/** The seed's steps, in its words, shown before any check has run. */
export const SEED_STEPS: ReadonlyArray<Pick<ChecklistItem, 'step' | 'title'>> = [
  { step: 1, title: 'Locate the Azure AI Services resource you are using in the Azure portal' },
  { step: 2, title: 'Open Access control (IAM) and select Check access' },
  { step: 3, title: 'Check access for the user or identity you connect with' },
  { step: 4, title: 'Cognitive Services User (or a role with the required data actions) is listed' },
  { step: 5, title: 'Owner or Contributor are not enough: if the role is missing, assign it' },
];

export interface ChecklistView {
  element: HTMLElement;
  update(snapshot: PanelSnapshot | null, checking: boolean): void;
}

export function createChecklist(): ChecklistView {
  const toolbar = h('div', { className: 'toolbar' });
  const list = h('ol', { className: 'checklist', attrs: { 'aria-label': 'Permission checklist' } });
  const element = h('div', {}, toolbar, list);

  function update(snapshot: PanelSnapshot | null, checking: boolean): void {
    const report = snapshot?.report ?? null;
    const canCheck = snapshot?.canCheck ?? true;
    // The check itself is started from the verdict card above (one primary action per surface).
    toolbar.replaceChildren(
      button('Open IAM', () => send({ type: 'openIam' }), {
        icon: 'link-external',
        secondary: true,
        testId: 'open-iam',
        label: 'Open Access control (IAM) in the Azure portal',
      }),
    );
    if (!canCheck) toolbar.append(h('span', { className: 'muted' }, 'Trust this workspace to run the access check.'));
    list.replaceChildren(...SEED_STEPS.map((seed) => renderStep(seed, report, checking, canCheck, !snapshot)));
    // After Assign the report is older than the assignment: say what is true now.
    const propagation = snapshot?.propagation;
    const step5 = list.querySelector('li[data-step="5"] .step-reason');
    if (propagation && step5) {
      const at = new Date(propagation.assignedAt);
      step5.textContent = `Assigned at ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}: propagating (about 5 min), then checked again.`;
      step5.closest('li')?.setAttribute('data-status', 'running');
    }
  }

  return { element, update };
}

function renderStep(
  seed: Pick<ChecklistItem, 'step' | 'title'>,
  report: AccessReport | null,
  checking: boolean,
  canCheck: boolean,
  loading: boolean,
): HTMLElement {
  const item = report?.checklist.find((candidate) => candidate.step === seed.step);
  const status = item?.status ?? 'unknown';
  // While the host's first snapshot is on its way nothing is known yet, not even "not checked".
  const reason =
    item?.reason ??
    (report ? 'The check did not establish this step.' : loading ? '' : 'Not checked yet: run the check.');
  const title = item?.title ?? seed.title;
  return h(
    'li',
    { attrs: { 'data-step': String(seed.step), 'data-status': status } },
    statusIcon(status),
    h('span', { className: 'step-title' }, `${seed.step}. ${title}`),
    h('span', { className: 'step-reason muted' }, reason),
    h('div', { className: 'step-actions' }, stepAction(seed.step, report, checking, canCheck)),
  );
}

function stepAction(step: number, report: AccessReport | null, checking: boolean, canCheck: boolean): HTMLElement {
  if (step <= 2) {
    return button(step === 1 ? 'Open in portal' : 'Open IAM', () => send({ type: 'openIam' }), {
      secondary: true,
      icon: 'link-external',
      label: step === 1 ? 'Step 1: open the resource in the Azure portal' : 'Step 2: open Access control (IAM)',
    });
  }
  const assignIndex = report?.fixes.findIndex((fix) => fix.kind === 'assign-role') ?? -1;
  if (step === 5 && report && assignIndex >= 0) {
    return button('Assign role…', () => send({ type: 'applyFix', index: assignIndex, kind: 'assign-role' }), {
      icon: 'person-add',
      label: 'Step 5: assign the missing role (asks for confirmation)',
    });
  }
  return button('Run the check', () => send({ type: 'runCheck' }), {
    secondary: true,
    icon: 'shield',
    disabled: checking || !canCheck,
    label: `Step ${step}: run the access check`,
  });
}
