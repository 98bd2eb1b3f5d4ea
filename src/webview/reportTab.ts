// The full access report in an editor tab. A webview panel rather than a rendered Markdown preview:
// the report carries actions (Assign role with its confirmation, Cancel the re-check, Retry a
// cancelled sign-in) that must go through the same validated message protocol as the sidebar, it
// updates live while a check runs and while a role propagates, and it shares the sidebar's bundle
// and CSP. A Markdown preview could only offer command links (trusted-content opt-in, no live
// state) and would lose the verdict card's layout. "Copy Access Report as Markdown" stays for sharing.
//
// A new tab's webview loads after createWebviewPanel returns and only then asks for the report
// ('ready'). show() therefore resolves once the tab reports ('rendered') a snapshot built after the
// call, so the verdict notification never appears over a tab that is still empty.
import * as vscode from 'vscode';
import { renderPanelHtml } from './panelHtml';
import { validateWebviewMessage, type HostToWebview, type PanelSnapshot, type RenderedStatus } from './protocol';

export const REPORT_VIEW_TYPE = 'azureAiAuthDoctor.report';
/** How long show() waits for the tab to paint (a webview that never loads must not hold the verdict back). */
const RENDER_WAIT_MS = 15_000;

/** What the tab last put on screen. */
export interface RenderedReport {
  revision: number;
  status: RenderedStatus;
}

export class ReportTab implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private disposables: vscode.Disposable[] = [];
  private renderedValue: RenderedReport | undefined;
  private readonly waiters = new Set<{ after: number; done: (rendered: boolean) => void }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Validates and handles a message as if the sidebar had sent it. */
    private readonly receive: (raw: unknown) => Promise<void>,
    private readonly snapshot: () => PanelSnapshot,
    /** The revision of the newest snapshot built so far. */
    private readonly revision: () => number,
  ) {}

  isOpen(): boolean {
    return !!this.panel;
  }

  /** What the tab last painted (undefined: nothing since it opened). */
  rendered(): RenderedReport | undefined {
    return this.renderedValue;
  }

  /**
   * Opens the tab (beside the active editor when there is one) or brings it forward. Resolves true
   * once the tab shows a snapshot built after this call; false when it closed or took too long.
   */
  show(preserveFocus = false): Promise<boolean> {
    const painted = this.whenRendered(this.revision());
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      // A hidden tab reloads when revealed and asks again with 'ready'; a visible one paints this.
      this.post({ type: 'snapshot', snapshot: this.snapshot() });
      return painted;
    }
    const assetRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      'Entra ID access report',
      { viewColumn: column, preserveFocus },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [assetRoot] },
    );
    panel.webview.html = renderPanelHtml(
      panel.webview,
      {
        script: vscode.Uri.joinPath(assetRoot, 'main.js'),
        style: vscode.Uri.joinPath(assetRoot, 'main.css'),
        codicons: vscode.Uri.joinPath(assetRoot, 'codicon.css'),
      },
      undefined,
      'report',
    );
    this.panel = panel;
    this.renderedValue = undefined;
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.clear()),
    );
    return painted;
  }

  private onMessage(raw: unknown): void {
    // 'ready' and 'rendered' concern this tab; everything else is the sidebar's protocol.
    const checked = validateWebviewMessage(raw);
    if (checked.ok && checked.message.type === 'ready') {
      this.post({ type: 'snapshot', snapshot: this.snapshot() });
    } else if (checked.ok && checked.message.type === 'rendered') {
      const { revision, status } = checked.message;
      this.renderedValue = { revision, status };
      for (const waiter of this.waiters) if (revision > waiter.after) waiter.done(true);
    } else {
      void this.receive(raw);
    }
  }

  /** Resolves true when the tab paints a snapshot newer than `after`, false on close or after RENDER_WAIT_MS. */
  private whenRendered(after: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter = {
        after,
        done: (rendered: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(rendered);
        },
      };
      const timer = setTimeout(() => waiter.done(false), RENDER_WAIT_MS);
      this.waiters.add(waiter);
    });
  }

  post(message: HostToWebview): void {
    void this.panel?.webview.postMessage(message).then(undefined, () => undefined);
  }

  private clear(): void {
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
    this.panel = undefined;
    this.renderedValue = undefined;
    for (const waiter of this.waiters) waiter.done(false);
  }

  dispose(): void {
    this.panel?.dispose();
    this.clear();
  }
}
