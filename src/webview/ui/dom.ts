// DOM building without HTML strings: every piece of text becomes a Text node, and attributes that
// could load or run something (event handlers, URLs, inline style) are refused outright. This is
// what keeps workspace and Azure content (paths, endpoints, resource names, error text) inert.

export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  className?: string;
  attrs?: Record<string, string | boolean | undefined>;
  onClick?: (event: MouseEvent) => void;
}

const FORBIDDEN_ATTRIBUTE = /^(on|href$|src$|srcdoc$|style$|formaction$|action$|xlink:href$)/i;

export function h(tag: string, options: ElementOptions = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`refusing to set attribute ${name}`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  if (options.onClick) element.addEventListener('click', options.onClick);
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** A codicon, hidden from screen readers (pair it with text). */
export function icon(name: string, className = ''): HTMLElement {
  return h('span', { className: `codicon codicon-${name} ${className}`.trim(), attrs: { 'aria-hidden': 'true' } });
}

/** Text only screen readers announce. */
export function srOnly(text: string): HTMLElement {
  return h('span', { className: 'visually-hidden' }, text);
}

/** A vscode-elements button; `label` is the accessible name when the visible text is not enough. */
export function button(
  text: string,
  onClick: () => void,
  options: { icon?: string; secondary?: boolean; label?: string; disabled?: boolean; testId?: string } = {},
): HTMLElement {
  const element = h('vscode-button', {
    attrs: {
      icon: options.icon,
      secondary: options.secondary,
      'aria-label': options.label,
      disabled: options.disabled,
      'data-testid': options.testId,
    },
  });
  element.textContent = text;
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) onClick();
  });
  return element;
}

/** A link-looking native button (opening links always goes through the host). */
export function linkButton(text: string, onClick: () => void, label?: string): HTMLElement {
  return h(
    'button',
    { className: 'link', attrs: { type: 'button', 'aria-label': label }, onClick: () => onClick() },
    text,
  );
}

const STATUS_ICONS: Record<string, string> = {
  passed: 'pass-filled',
  ok: 'pass-filled',
  failed: 'error',
  problem: 'error',
  warning: 'warning',
  unknown: 'question',
  incomplete: 'question',
  pending: 'circle-large-outline',
  skipped: 'circle-slash',
  running: 'loading',
  error: 'error',
  info: 'info',
};

/** Status icon plus its word for screen readers. */
export function statusIcon(status: string): HTMLElement {
  const name = STATUS_ICONS[status] ?? 'circle-large-outline';
  const spin = status === 'running' ? ' codicon-modifier-spin' : '';
  return h('span', { className: `status status-${status}` }, icon(`${name}${spin}`), srOnly(`${status}: `));
}
