// The full access report in an editor tab. A webview panel rather than a rendered Markdown preview:
// the report carries actions (Assign role with its confirmation, Cancel the re-check, Retry a
// cancelled sign-in) that must go through the same validated message protocol as the sidebar, it
// updates live while a check runs and while a role propagates, and it shares the sidebar's bundle
// and CSP. A Markdown preview could only offer command links (trusted-content opt-in, no live
// state) and would lose the verdict card's layout. "Copy Access Report as Markdown" stays for sharing.
import * as vscode from 'vscode';
import { renderPanelHtml } from './panelHtml';
import type { HostToWebview, PanelSnapshot } from './protocol';

export const REPORT_VIEW_TYPE = 'azureAiAuthDoctor.report';

export class ReportTab implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Validates and handles a message as if the sidebar had sent it. */
    private readonly receive: (raw: unknown) => Promise<void>,
    private readonly snapshot: () => PanelSnapshot,
  ) {}

  isOpen(): boolean {
    return !!this.panel;
  }

  /** Opens the tab (beside the active editor when there is one) or brings it forward. */
  show(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      this.post({ type: 'snapshot', snapshot: this.snapshot() });
      return;
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
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        // 'ready' is answered here (the snapshot goes to this tab); everything else is the sidebar's protocol.
        if (raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'ready')
          this.post({ type: 'snapshot', snapshot: this.snapshot() });
        else void this.receive(raw);
      }),
      panel.onDidDispose(() => this.clear()),
    );
  }

  post(message: HostToWebview): void {
    void this.panel?.webview.postMessage(message).then(undefined, () => undefined);
  }

  private clear(): void {
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
    this.panel = undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    this.clear();
  }
}
