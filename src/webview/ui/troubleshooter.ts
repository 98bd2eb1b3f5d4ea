// Section 4: paste an error message, get the scenario card (title, root cause, solution, links)
// from the engine's explain(). When nothing matches, the card says so plainly. The pasted text is
// echoed back as text only.
import type { PanelExplanation } from '../protocol';
import { button, h, linkButton } from './dom';
import { send } from './vscodeApi';

export interface TroubleshooterView {
  element: HTMLElement;
  show(explanation: PanelExplanation | null): void;
  setDraft(text: string): void;
  setBusy(busy: boolean): void;
}

export function createTroubleshooter(onDraft: (text: string) => void): TroubleshooterView {
  const textarea = h('vscode-textarea', {
    attrs: {
      id: 'error-text',
      rows: '4',
      resize: 'none',
      monospace: true,
      label: 'Error message to explain',
      placeholder: '401 Principal does not have access to API/Operation.',
      'data-testid': 'error-text',
    },
  }) as HTMLElement & { value: string };
  const label = h(
    'label',
    { className: 'field-label', attrs: { for: 'error-text' } },
    'Paste the error message you got:',
  );
  const submit = (): void => {
    const text = textarea.value ?? '';
    if (text.trim() === '') {
      result.replaceChildren(
        h('p', { className: 'muted', attrs: { role: 'status' } }, 'Paste an error message first.'),
      );
      return;
    }
    send({ type: 'explain', text: text.slice(0, 20_000) });
  };
  const explainButton = button('Explain', submit, {
    icon: 'debug-alt',
    testId: 'explain',
    label: 'Explain the error message',
  });
  const result = h('div', { attrs: { 'aria-live': 'polite', 'data-testid': 'explanation' } });
  textarea.addEventListener('input', () => onDraft(textarea.value ?? ''));
  textarea.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  const element = h(
    'div',
    {},
    label,
    textarea,
    h('div', { className: 'toolbar' }, explainButton, h('span', { className: 'muted' }, 'Ctrl+Enter')),
    result,
  );

  // Counts the cards shown, so a test (or a screen reader user) can tell a new result from the last one.
  let renders = 0;
  return {
    element,
    show(explanation) {
      const card = explanation ? renderCard(explanation) : undefined;
      if (card) card.dataset.render = String(++renders);
      result.replaceChildren(...(card ? [card] : []));
    },
    setDraft(text) {
      textarea.value = text;
    },
    setBusy(busy) {
      if (busy) explainButton.setAttribute('disabled', '');
      else explainButton.removeAttribute('disabled');
    },
  };
}

function renderCard({ input, result }: PanelExplanation): HTMLElement {
  const matched = result.scenario !== null;
  return h(
    'article',
    {
      className: matched ? 'card' : 'card no-match',
      attrs: {
        'data-testid': 'scenario-card',
        'data-scenario': result.scenario ?? 'none',
        'aria-label': matched ? 'Matching scenario' : 'No matching scenario',
      },
    },
    h('div', { className: 'quoted', attrs: { 'data-testid': 'explained-input' } }, input),
    h('h3', {}, matched ? result.title : `No match: ${result.title}`),
    matched ? null : h('p', {}, 'None of the known scenarios matches this text.'),
    result.details
      ? h(
          'dl',
          { attrs: { 'data-testid': 'explanation-details' } },
          ...(
            [
              ['Principal', result.details.principal],
              ['Data action', result.details.dataAction],
              ['Operation', result.details.operation],
            ] as const
          ).flatMap(([label, value]) => (value ? [h('dt', {}, label), h('dd', {}, value)] : [])),
        )
      : null,
    result.rootCause ? h('h4', {}, 'Root cause') : null,
    result.rootCause ? h('p', {}, result.rootCause) : null,
    result.solution ? h('h4', {}, 'Solution') : null,
    result.solution ? h('p', {}, result.solution) : null,
    result.links.length > 0 ? h('h4', {}, 'Learn more') : null,
    result.links.length > 0
      ? h(
          'ul',
          { className: 'plain' },
          ...result.links.map((url) =>
            h(
              'li',
              {},
              linkButton(url, () => send({ type: 'openLink', url })),
            ),
          ),
        )
      : null,
  );
}
