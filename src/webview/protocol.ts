// The one message protocol between the troubleshooting panel (webview) and the extension host:
// discriminated unions in both directions, plus the validator the host runs on EVERY incoming
// message. The webview is treated as untrusted input: anything that does not match a known
// message shape exactly is rejected (and logged by the caller), never half-interpreted.
// No 'vscode' import here, so the validator is unit-tested in plain Node.
import type { AccessReport } from '../core/accessReport';
import type { Explanation, Range, Severity } from '../core/types';

// ---------------------------------------------------------------------------------------------
// Host -> webview
// ---------------------------------------------------------------------------------------------

/** One finding as the panel shows it. `key` is opaque: the host resolves it, the webview only echoes it. */
export interface PanelFinding {
  key: string;
  /** Workspace-relative path (plain text, may contain anything a file name can). */
  path: string;
  /** Zero-based, as in core/types Range. */
  range: Range;
  severity: Severity;
  message: string;
  endpoint?: string;
}

export interface PanelFindingGroup {
  rule: string;
  docsUrl: string;
  count: number;
  /** Worst severity in the group. */
  severity: Severity;
  findings: PanelFinding[];
}

/** A row of the seed's troubleshooting table (scenario reference). */
export interface PanelScenario {
  id: string;
  /** "Error / Scenario" column. */
  scenario: string;
  rootCause: string;
  solution: string;
  links: string[];
  /** 'seed': a row of the seed's table, verbatim; 'engine': a scenario the engine knows beyond the seed. */
  origin: 'seed' | 'engine';
  /** Facts-file source keys. */
  sources: string[];
  /** Correction of a doc typo the row carries (facts §1). */
  note?: string;
}

/** A finished explanation of pasted error text. */
export interface PanelExplanation {
  input: string;
  result: Explanation;
}

/** A role assignment still propagating: the webview counts down to `until` (epoch ms). */
export interface PanelPropagation {
  assignedAt: number;
  until: number;
  reason: 'assigned' | 'waiting';
}

/** What the findings count covers, said next to it ("open files only · Analyse workspace"). */
export interface PanelCoverage {
  scope: 'openFiles' | 'workspace';
  /** A manual workspace scan's results are included. */
  scanned: boolean;
  files: number;
}

/** What the panel renders; the host sends it whole on `ready` and after every change. */
export interface PanelSnapshot {
  /** Grows with every snapshot the host builds; the webview echoes it in `rendered`. */
  revision: number;
  findings: PanelFindingGroup[];
  findingCount: number;
  report: AccessReport | null;
  scenarios: PanelScenario[];
  /** Set when the host produced an explanation the webview has not shown yet (explainError command). */
  explanation: PanelExplanation | null;
  /** Whether a workspace scan is running (the button shows progress). */
  scanning: boolean;
  /** Whether the access check is available (trusted workspace). */
  canCheck: boolean;
  propagation: PanelPropagation | null;
  /** A message about the last check attempt (e.g. a cancelled sign-in kept the previous report). */
  notice: { kind: 'sign-in-cancelled'; message: string } | null;
  coverage: PanelCoverage;
}

export type HostToWebview =
  | { type: 'snapshot'; snapshot: PanelSnapshot }
  | { type: 'explanation'; explanation: PanelExplanation }
  | { type: 'busy'; what: 'scan' | 'check' | 'explain'; busy: boolean }
  /** Scroll the verdict card into view (the check just ended). */
  | { type: 'reveal'; target: 'verdict' };

// ---------------------------------------------------------------------------------------------
// Webview -> host
// ---------------------------------------------------------------------------------------------

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'scanWorkspace' }
  /** Runs the access check; with `findingKey`, for the endpoint of that finding. */
  | { type: 'runCheck'; findingKey?: string }
  | { type: 'openIam' }
  | { type: 'revealFinding'; key: string }
  /** A fix of the current report, by position; `kind` must still match (stale clicks are ignored). */
  | { type: 'applyFix'; index: number; kind: string }
  | { type: 'explain'; text: string }
  /** A link the host itself published (scenario/explanation/docs links); anything else is refused. */
  | { type: 'openLink'; url: string }
  /** Open the full report in its editor tab. */
  | { type: 'openReport' }
  /** Cancel the automatic re-check after a role assignment. */
  | { type: 'cancelRecheck' }
  /** Run the last check again (after a cancelled sign-in: Retry). */
  | { type: 'retryCheck' }
  /**
   * The webview has put this snapshot on screen; `status` is what its verdict card shows. The host
   * waits for it before announcing a verdict, so the report tab never trails the notification.
   */
  | { type: 'rendered'; revision: number; status: RenderedStatus };

/** What a verdict card can show: no check yet, a check running, or the verdict's status. */
export const RENDERED_STATUSES = ['none', 'running', 'ok', 'problem', 'incomplete'] as const;
export type RenderedStatus = (typeof RENDERED_STATUSES)[number];

export type WebviewMessageType = WebviewToHost['type'];

/** Limits that keep a hostile webview from making the host do unbounded work. */
export const LIMITS = {
  errorText: 20_000,
  key: 4_096,
  url: 2_048,
  fixIndex: 64,
  kind: 32,
} as const;

export type ValidationResult = { ok: true; message: WebviewToHost } | { ok: false; reason: string };

const ALLOWED_KEYS: Record<WebviewMessageType, readonly string[]> = {
  ready: ['type'],
  scanWorkspace: ['type'],
  runCheck: ['type', 'findingKey'],
  openIam: ['type'],
  revealFinding: ['type', 'key'],
  applyFix: ['type', 'index', 'kind'],
  explain: ['type', 'text'],
  openLink: ['type', 'url'],
  openReport: ['type'],
  cancelRecheck: ['type'],
  retryCheck: ['type'],
  rendered: ['type', 'revision', 'status'],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isBoundedString(value: unknown, max: number, allowEmpty = false): value is string {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.length > 0);
}

/**
 * Checks an incoming webview message: a plain object, a known `type`, no unknown properties,
 * every field of the right type and size. Returns a fresh object (no prototype tricks carried over).
 */
export function validateWebviewMessage(raw: unknown): ValidationResult {
  if (!isPlainObject(raw)) return { ok: false, reason: 'not a plain object' };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(ALLOWED_KEYS, type)) {
    return { ok: false, reason: `unknown message type ${describe(type)}` };
  }
  const t = type as WebviewMessageType;
  for (const key of Object.keys(raw)) {
    if (!ALLOWED_KEYS[t].includes(key))
      return { ok: false, reason: `unexpected property "${key.slice(0, 40)}" in ${t}` };
  }
  switch (t) {
    case 'ready':
    case 'scanWorkspace':
    case 'openIam':
    case 'openReport':
    case 'cancelRecheck':
    case 'retryCheck':
      return { ok: true, message: { type: t } };
    case 'runCheck': {
      if (raw.findingKey === undefined) return { ok: true, message: { type: t } };
      if (!isBoundedString(raw.findingKey, LIMITS.key))
        return { ok: false, reason: 'runCheck.findingKey must be a non-empty string' };
      return { ok: true, message: { type: t, findingKey: raw.findingKey } };
    }
    case 'revealFinding':
      if (!isBoundedString(raw.key, LIMITS.key))
        return { ok: false, reason: 'revealFinding.key must be a non-empty string' };
      return { ok: true, message: { type: t, key: raw.key } };
    case 'applyFix': {
      const { index, kind } = raw;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= LIMITS.fixIndex) {
        return { ok: false, reason: 'applyFix.index must be a small non-negative integer' };
      }
      if (!isBoundedString(kind, LIMITS.kind)) return { ok: false, reason: 'applyFix.kind must be a non-empty string' };
      return { ok: true, message: { type: t, index, kind } };
    }
    case 'explain':
      if (typeof raw.text !== 'string') return { ok: false, reason: 'explain.text must be a string' };
      if (raw.text.length > LIMITS.errorText)
        return { ok: false, reason: `explain.text longer than ${LIMITS.errorText} characters` };
      return { ok: true, message: { type: t, text: raw.text } };
    case 'rendered': {
      const { revision, status } = raw;
      if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0)
        return { ok: false, reason: 'rendered.revision must be a non-negative integer' };
      if (!RENDERED_STATUSES.includes(status as RenderedStatus))
        return { ok: false, reason: `rendered.status must be one of ${RENDERED_STATUSES.join(', ')}` };
      return { ok: true, message: { type: t, revision, status: status as RenderedStatus } };
    }
    case 'openLink': {
      if (!isBoundedString(raw.url, LIMITS.url))
        return { ok: false, reason: 'openLink.url must be a non-empty string' };
      if (!isHttpsUrl(raw.url)) return { ok: false, reason: 'openLink.url must be an https URL' };
      return { ok: true, message: { type: t, url: raw.url } };
    }
  }
}

/** True for absolute https URLs without credentials. */
export function isHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.length > 0;
}

/** Short, safe description of a rejected value for the log (never the whole value). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (value === null) return 'null';
  return typeof value;
}
