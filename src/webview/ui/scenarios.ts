// Section 5: the seed's troubleshooting table as a searchable reference (every whitespace-separated
// term must match one of the columns).
import type { PanelScenario } from '../protocol';
import { h, linkButton } from './dom';
import { matchesQuery } from './format';
import { send } from './vscodeApi';

export interface ScenariosView {
  element: HTMLElement;
  update(scenarios: PanelScenario[]): void;
  setQuery(query: string): void;
}

export function createScenarios(onQuery: (query: string) => void): ScenariosView {
  let scenarios: PanelScenario[] = [];
  let query = '';
  const search = h('vscode-textfield', {
    attrs: {
      type: 'search',
      placeholder: 'Search errors, causes, solutions',
      label: 'Search scenarios',
      'data-testid': 'scenario-search',
    },
  }) as HTMLElement & { value: string };
  const status = h('p', { className: 'muted', attrs: { role: 'status', 'data-testid': 'scenario-count' } });
  const list = h('ul', { className: 'scenarios', attrs: { 'aria-label': 'Troubleshooting scenarios' } });
  search.addEventListener('input', () => {
    query = search.value ?? '';
    onQuery(query);
    render();
  });

  function render(): void {
    const shown = scenarios.filter((row) =>
      matchesQuery(query, [row.scenario, row.rootCause, row.solution, row.note ?? '']),
    );
    status.textContent =
      shown.length === 0 && scenarios.length > 0
        ? `No scenario matches “${query.trim()}”.`
        : `${shown.length} of ${scenarios.length} scenarios`;
    list.replaceChildren(...shown.map(renderRow));
  }

  return {
    element: h('div', {}, search, status, list),
    update(next) {
      scenarios = next;
      render();
    },
    setQuery(text) {
      query = text;
      search.value = text;
      render();
    },
  };
}

function renderRow(row: PanelScenario): HTMLElement {
  return h(
    'li',
    {},
    h(
      'article',
      { className: 'card', attrs: { 'data-scenario': row.id, 'data-origin': row.origin } },
      h('h3', {}, row.scenario),
      h(
        'div',
        { className: 'muted' },
        row.origin === 'seed' ? 'From the troubleshooting table' : 'Beyond the table (newer sources)',
        ` · sources ${row.sources.map((key) => `[${key}]`).join('')}`,
      ),
      h('h4', {}, 'Root cause'),
      h('p', {}, row.rootCause),
      h('h4', {}, 'Solution'),
      h('p', {}, row.solution),
      row.note ? h('p', { className: 'muted', attrs: { role: 'note' } }, `Note: ${row.note}`) : null,
      row.links.length > 0
        ? h(
            'ul',
            { className: 'plain' },
            ...row.links.map((url) =>
              h(
                'li',
                {},
                linkButton(url, () => send({ type: 'openLink', url })),
              ),
            ),
          )
        : null,
    ),
  );
}
