// The verdict card: the check's answer in a few lines with ONE primary action. Compact on top of
// the sidebar (plus "Open report"), large on top of the report tab. It also carries the live state
// after an action: the propagation countdown with its Cancel, or a cancelled sign-in with Retry.
import type { AccessReport } from '../../core/accessReport';
import type { PanelSnapshot } from '../protocol';
import { button, h, linkButton, statusIcon } from './dom';
import { send } from './vscodeApi';

export interface VerdictCardView {
  element: HTMLElement;
  update(snapshot: PanelSnapshot | null, checking: boolean): void;
  reveal(): void;
}

const PRIMARY_ORDER = ['assign-role', 'wait', 'change-scope', 'change-endpoint', 'copy-cli', 'open-iam'];

/** Same order as accessPolicy.primaryFix on the host (the notification leads with the same action). */
export function primaryIndex(report: AccessReport): number {
  for (const kind of PRIMARY_ORDER) {
    const index = report.fixes.findIndex((f) => f.kind === kind);
    if (index >= 0) return index;
  }
  return -1;
}

function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function countdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function createVerdictCard(mode: 'sidebar' | 'report'): VerdictCardView {
  const element = h('section', {
    className: `verdict-card verdict-card-${mode}`,
    attrs: { 'data-testid': 'verdict-card', 'aria-label': 'Verdict', tabindex: '-1' },
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  // What the card has shown since the webview loaded ("loading problem"), for tests and bug reports:
  // the report tab must never have said "no check yet" (none) on its way to a verdict.
  const painted: string[] = [];
  const setStatus = (status: string) => {
    element.dataset.status = status;
    if (painted[painted.length - 1] === status) return;
    painted.push(status);
    if (painted.length > 20) painted.shift();
    element.dataset.painted = painted.join(' ');
  };

  function update(snapshot: PanelSnapshot | null, checking: boolean): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    const report = snapshot?.report ?? null;
    const children: HTMLElement[] = [];
    if (snapshot?.notice) {
      children.push(
        h(
          'div',
          { className: 'notice', attrs: { role: 'alert', 'data-testid': 'notice', 'data-kind': snapshot.notice.kind } },
          h('span', {}, snapshot.notice.message),
          button('Retry', () => send({ type: 'retryCheck' }), { icon: 'refresh', testId: 'retry' }),
        ),
      );
    }
    if (!snapshot) {
      // Nothing from the host yet: say so rather than "No access check yet", which may be untrue.
      element.replaceChildren(
        h(
          'p',
          { className: 'muted', attrs: { role: 'status', 'data-testid': 'loading' } },
          'Loading the access report…',
        ),
      );
      setStatus('loading');
      return;
    }
    if (!report) {
      children.push(
        h('p', { className: 'muted' }, 'No access check yet: find out whether your identity can call the endpoint.'),
        button(checking ? 'Checking…' : 'Check Entra ID access', () => send({ type: 'runCheck' }), {
          icon: 'shield',
          disabled: checking || snapshot?.canCheck === false,
          testId: 'run-check',
          label:
            snapshot?.canCheck === false
              ? 'Check Entra ID access (trust the workspace first)'
              : 'Run the Entra ID access check',
        }),
      );
      element.replaceChildren(...children);
      setStatus('none');
      return;
    }
    const running = !report.finishedAt;
    const status = running ? 'running' : report.verdict.status;
    setStatus(status);
    children.push(
      h(
        'div',
        {
          className: `verdict verdict-${report.verdict.status}`,
          attrs: { role: 'status', 'data-testid': 'verdict', 'data-status': status },
        },
        h(
          'div',
          { className: 'verdict-title' },
          statusIcon(status),
          running ? 'Check in progress…' : report.verdict.title,
        ),
        running
          ? null
          : h(
              'div',
              { className: mode === 'sidebar' ? 'verdict-text clamp' : 'verdict-text' },
              report.verdict.explanation,
            ),
        h('div', { className: 'verdict-endpoint muted mono' }, report.endpoint),
      ),
    );
    const propagation = snapshot?.propagation ?? null;
    if (propagation) {
      const line = h('span', { attrs: { 'data-testid': 'countdown' } });
      const paint = () => {
        const left = propagation.until - Date.now();
        line.textContent =
          propagation.reason === 'assigned'
            ? `Assigned at ${clock(propagation.assignedAt)}, propagating (about 5 min): checking again in ${countdown(left)}`
            : `Waiting for the assignment to propagate: ${countdown(left)} left, then checking again`;
      };
      paint();
      timer = setInterval(paint, 1000);
      children.push(
        h(
          'div',
          { className: 'propagation', attrs: { role: 'status', 'data-testid': 'propagation' } },
          line,
          button('Cancel re-check', () => send({ type: 'cancelRecheck' }), {
            secondary: true,
            icon: 'close',
            testId: 'cancel-recheck',
          }),
        ),
      );
    }
    const actions = h('div', { className: 'toolbar' });
    const index = running || propagation ? -1 : primaryIndex(report);
    if (index >= 0) {
      const fix = report.fixes[index];
      actions.append(
        button(
          mode === 'sidebar' && fix.kind === 'assign-role' ? 'Assign role…' : fix.title,
          () => send({ type: 'applyFix', index, kind: fix.kind }),
          {
            icon: fix.kind === 'assign-role' ? 'person-add' : fix.kind === 'wait' ? 'clock' : 'wrench',
            testId: 'primary-action',
            label: fix.kind === 'assign-role' ? `${fix.title} (asks for confirmation)` : fix.title,
          },
        ),
      );
    } else if (!running && !propagation) {
      actions.append(
        button('Check again', () => send({ type: 'runCheck' }), {
          icon: 'refresh',
          secondary: true,
          disabled: checking || snapshot?.canCheck === false,
          testId: 'check-again',
        }),
      );
    }
    if (mode === 'sidebar')
      actions.append(
        linkButton(
          'Open full report',
          () => send({ type: 'openReport' }),
          'Open the full access report in an editor tab',
        ),
      );
    children.push(actions);
    element.replaceChildren(...children);
  }

  function reveal(): void {
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }

  return { element, update, reveal };
}
