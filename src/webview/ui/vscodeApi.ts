// The webview's handle to the host: typed postMessage and the persisted view state
// (getState/setState, so the panel survives being hidden or reloaded without retainContextWhenHidden).
import type { PanelSnapshot, WebviewToHost } from '../protocol';

export interface PersistedState {
  version: 1;
  snapshot: PanelSnapshot | null;
  /** Unsent text in the error troubleshooter. */
  draft: string;
  /** Search text of the scenario reference. */
  query: string;
  /** Which sections are open, by section id. */
  open: Record<string, boolean>;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadState(): PersistedState {
  const saved = api.getState() as Partial<PersistedState> | undefined;
  return {
    version: 1,
    snapshot: saved?.version === 1 && saved.snapshot ? saved.snapshot : null,
    draft: typeof saved?.draft === 'string' ? saved.draft : '',
    query: typeof saved?.query === 'string' ? saved.query : '',
    open: saved?.open && typeof saved.open === 'object' ? saved.open : {},
  };
}

export function saveState(state: PersistedState): void {
  api.setState(state);
}
