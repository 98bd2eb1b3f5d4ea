// The troubleshooting panel's host side: a WebviewViewProvider for 'azureAiAuthDoctor.panel'.
// It renders the CSP-locked shell, pushes snapshots (findings, last access report, scenarios,
// last explanation), and turns validated webview messages into commands. Every incoming message
// goes through validateWebviewMessage; malformed ones are ignored and logged. Writes (role
// assignment) only ever go through the access-check helper's command, which asks for a modal
// confirmation; the webview can only name things the host published (finding keys, fix index,
// links), never arbitrary files, URLs or commands.
import * as vscode from 'vscode';
import { sharedState } from '../state';
import type { FixAction } from '../core/accessReport';
import { buildFindingsModel, type FindingLocation } from './panelModel';
import { renderPanelHtml } from './panelHtml';
import { iamUrl } from './portalLinks';
import { explainErrorText, scenarioReference } from './panelKnowledge';
import { ReportTab, type RenderedReport } from './reportTab';
import { readSettings } from '../editor/settings';
import {
  isHttpsUrl,
  validateWebviewMessage,
  type HostToWebview,
  type PanelExplanation,
  type PanelSnapshot,
  type WebviewToHost,
} from './protocol';

export const PANEL_VIEW_ID = 'azureAiAuthDoctor.panel';
const CHECK_COMMAND = 'azureAiAuthDoctor.checkAccess';
const SCAN_COMMAND = 'azureAiAuthDoctor.scanWorkspace';
const ASSIGN_ROLE_COMMAND = 'azureAiAuthDoctor.assignRole';

class TroubleshootingPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  private index = new Map<string, FindingLocation>();
  private links = new Set<string>();
  private lastExplanation: PanelExplanation | null = null;
  private scanning = false;
  private pushTimer: NodeJS.Timeout | undefined;
  /** Revision of the newest snapshot built (the webviews echo it when they paint one). */
  private revision = 0;
  /** The sidebar was opened to show a verdict: scroll to it once its webview is ready. */
  private revealWhenReady = false;
  /** Count of rejected webview messages (tests and the log read it). */
  rejectedMessages = 0;
  readonly reportTab: ReportTab;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.reportTab = new ReportTab(
      extensionUri,
      (raw) => this.receive(raw),
      () => this.snapshot(),
      () => this.revision,
    );
  }

  /**
   * The check ended: the report tab opens (or comes forward) and the sidebar shows the verdict,
   * opened first when it never was. Resolves when the tab has painted the report (see ReportTab.show).
   */
  async showReport(preserveFocus: boolean): Promise<boolean> {
    const painted = this.reportTab.show(preserveFocus);
    if (this.view) {
      // A hidden view reloads when shown and drops this reveal: repeat it on its 'ready'.
      if (!this.view.visible) this.revealWhenReady = true;
      this.view.show(true);
      this.pushSnapshot();
      this.post({ type: 'reveal', target: 'verdict' });
    } else {
      this.revealWhenReady = true;
      await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
      // Opening a view focuses it; hand the focus back to the editor the person was in.
      if (preserveFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
    return painted;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const assetRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [assetRoot] };
    view.webview.html = renderPanelHtml(view.webview, {
      script: vscode.Uri.joinPath(assetRoot, 'main.js'),
      style: vscode.Uri.joinPath(assetRoot, 'main.css'),
      codicons: vscode.Uri.joinPath(assetRoot, 'codicon.css'),
    });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.schedulePush(0);
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
  }

  /** Explains error text and shows the result in the panel (the explainError command). */
  async showExplanation(text: string): Promise<PanelExplanation> {
    const explanation = this.explain(text);
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
    this.post({ type: 'explanation', explanation });
    return explanation;
  }

  schedulePush(delayMs = 50): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.pushSnapshot();
    }, delayMs);
  }

  private explain(text: string): PanelExplanation {
    const result = explainErrorText(text);
    for (const link of result.links) if (isHttpsUrl(link)) this.links.add(link);
    this.lastExplanation = { input: text, result };
    return this.lastExplanation;
  }

  private snapshot(): PanelSnapshot {
    const model = buildFindingsModel(sharedState.allFindings(), (uri) => displayPath(uri));
    this.index = model.index;
    const scenarios = scenarioReference();
    const links = new Set<string>(model.links);
    for (const scenario of scenarios) for (const link of scenario.links) links.add(link);
    if (this.lastExplanation) for (const link of this.lastExplanation.result.links) links.add(link);
    const report = sharedState.lastReport() ?? null;
    if (report) for (const fix of report.fixes) if (fix.url) links.add(fix.url);
    this.links = new Set([...links].filter(isHttpsUrl));
    const propagation = sharedState.propagation();
    const folders = vscode.workspace.workspaceFolders ?? [];
    return {
      revision: ++this.revision,
      findings: model.groups,
      findingCount: model.count,
      report,
      scenarios,
      explanation: this.lastExplanation,
      scanning: this.scanning,
      canCheck: vscode.workspace.isTrusted,
      propagation: propagation
        ? { assignedAt: propagation.assignedAt, until: propagation.until, reason: propagation.reason }
        : null,
      notice: sharedState.notice() ?? null,
      coverage: {
        scope: folders.some((f) => readSettings(f.uri).scanMode === 'workspace') ? 'workspace' : 'openFiles',
        scanned: sharedState.workspaceScanned(),
        files: new Set([...model.index.values()].map((l) => l.uri)).size,
      },
    };
  }

  private pushSnapshot(): void {
    if (this.reportTab.isOpen()) this.reportTab.post({ type: 'snapshot', snapshot: this.snapshot() });
    if (!this.view) return;
    const snapshot = this.snapshot();
    // The findings count on the view (and its activity-bar icon), like the Problems panel's.
    this.view.badge =
      snapshot.findingCount > 0
        ? {
            value: snapshot.findingCount,
            tooltip: `${snapshot.findingCount} Entra ID finding${snapshot.findingCount === 1 ? '' : 's'}`,
          }
        : undefined;
    this.post({ type: 'snapshot', snapshot });
  }

  private post(message: HostToWebview): void {
    if (!this.view) return;
    void this.view.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.log.warn(`panel: could not post ${message.type}: ${String(error)}`);
    });
  }

  private onMessage(raw: unknown): void {
    void this.receive(raw);
  }

  /** Validates and handles one message as if the webview had sent it; resolves when handled. */
  async receive(raw: unknown): Promise<void> {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.rejectedMessages++;
      this.log.warn(`panel: ignored a malformed message from the webview (${checked.reason})`);
      return;
    }
    try {
      await this.handle(checked.message);
    } catch (error) {
      this.log.error(`panel: ${checked.message.type} failed: ${errorText(error)}`);
    }
  }

  /** The snapshot the webview would get now (tests read finding keys from it). */
  currentSnapshot(): PanelSnapshot {
    return this.snapshot();
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pushSnapshot();
        if (this.revealWhenReady) {
          this.revealWhenReady = false;
          this.post({ type: 'reveal', target: 'verdict' });
        }
        return;
      case 'rendered':
        // Only the report tab's paint holds anything back (ReportTab handles its own).
        return;
      case 'scanWorkspace':
        return this.scan();
      case 'runCheck':
        return this.runCheck(message.findingKey);
      case 'openIam':
        return this.openIam();
      case 'openReport':
        void this.reportTab.show(false);
        return;
      case 'cancelRecheck':
        await vscode.commands.executeCommand('azureAiAuthDoctor.cancelRecheck');
        return;
      case 'retryCheck': {
        const last = sharedState.lastReport();
        await vscode.commands.executeCommand(
          CHECK_COMMAND,
          last
            ? { endpoint: last.endpoint, identity: last.identity?.kind === 'vscode' ? 'vscode' : undefined }
            : undefined,
        );
        return;
      }
      case 'revealFinding':
        return this.reveal(message.key);
      case 'applyFix':
        return this.applyFix(message.index, message.kind);
      case 'explain':
        this.post({ type: 'explanation', explanation: this.explain(message.text) });
        return;
      case 'openLink':
        if (!this.links.has(message.url)) {
          this.rejectedMessages++;
          this.log.warn('panel: refused to open a link the panel did not publish');
          return;
        }
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
    }
  }

  private async scan(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    this.post({ type: 'busy', what: 'scan', busy: true });
    try {
      await vscode.commands.executeCommand(SCAN_COMMAND);
    } catch (error) {
      void vscode.window.showErrorMessage(`Azure AI Auth Doctor: Scan Workspace failed: ${errorText(error)}`);
    } finally {
      this.scanning = false;
      this.post({ type: 'busy', what: 'scan', busy: false });
      this.schedulePush(0);
    }
  }

  private async runCheck(findingKey: string | undefined): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Azure AI Auth Doctor: trust this workspace to check Entra ID access.');
      return;
    }
    let endpoint: string | undefined;
    if (findingKey !== undefined) {
      endpoint = this.index.get(findingKey)?.endpoint;
      if (!endpoint) {
        this.rejectedMessages++;
        this.log.warn('panel: runCheck named a finding without an endpoint (or a stale one); ignored');
        return;
      }
    } else {
      endpoint = sharedState.lastReport()?.endpoint;
    }
    this.post({ type: 'busy', what: 'check', busy: true });
    try {
      await vscode.commands.executeCommand(CHECK_COMMAND, endpoint ? { endpoint } : undefined);
    } finally {
      this.post({ type: 'busy', what: 'check', busy: false });
      this.schedulePush(0);
    }
  }

  private async openIam(): Promise<void> {
    const url = iamUrl(sharedState.lastReport());
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private async reveal(key: string): Promise<void> {
    const location = this.index.get(key);
    if (!location) {
      this.rejectedMessages++;
      this.log.warn('panel: revealFinding named a finding the panel does not show; ignored');
      return;
    }
    const { start, end } = location.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(location.uri, true), {
      selection: range,
      preserveFocus: false,
      preview: true,
    });
    // Select the finding with the cursor at its start (where the status bar's Ln/Col points).
    editor.selection = new vscode.Selection(range.end, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async applyFix(index: number, kind: string): Promise<void> {
    const report = sharedState.lastReport();
    const fix: FixAction | undefined = report?.fixes[index];
    if (!report || !fix || fix.kind !== kind) {
      this.rejectedMessages++;
      this.log.warn('panel: applyFix named a fix the current report does not have; ignored');
      return;
    }
    switch (fix.kind) {
      case 'copy-cli':
        if (!fix.cliCommand) return;
        await vscode.env.clipboard.writeText(fix.cliCommand);
        void vscode.window.showInformationMessage('Azure AI Auth Doctor: Azure CLI command copied to the clipboard.');
        return;
      case 'open-iam':
        await vscode.env.openExternal(
          vscode.Uri.parse(fix.url && isHttpsUrl(fix.url) ? fix.url : iamUrl(report), true),
        );
        return;
      case 'assign-role': {
        // The access-check helper owns the write and its modal confirmation (principal, role, scope).
        const commands = await vscode.commands.getCommands(true);
        if (!commands.includes(ASSIGN_ROLE_COMMAND)) {
          void vscode.window.showWarningMessage(
            'Azure AI Auth Doctor: assigning a role is not available in this build.',
          );
          return;
        }
        await vscode.commands.executeCommand(ASSIGN_ROLE_COMMAND, { report });
        return;
      }
      case 'wait':
        // The access-check helper shows the time left and checks again when it is over.
        await vscode.commands.executeCommand('azureAiAuthDoctor.applyAccessFix', { index, kind });
        return;
      case 'change-scope':
      case 'change-endpoint': {
        const scan = 'Scan Workspace';
        const choice = await vscode.window.showInformationMessage(
          `${fix.title}${fix.detail ? `: ${fix.detail}` : ''}`,
          scan,
        );
        if (choice === scan) await this.scan();
        return;
      }
    }
  }

  private disposeView(): void {
    for (const disposable of this.viewDisposables) disposable.dispose();
    this.viewDisposables = [];
    this.view = undefined;
  }

  dispose(): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.reportTab.dispose();
    this.disposeView();
  }
}

function displayPath(uri: string): string {
  try {
    // Name the workspace folder only when there are several.
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(vscode.Uri.parse(uri, true), multiRoot);
  } catch {
    return uri;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the extension exports about the panel (ExtensionApi.panel), for the integration tests. */
export interface PanelApi {
  /** Runs a raw message through the same validation and handling as one from the webview. */
  receive(raw: unknown): Promise<void>;
  /** How many webview messages were rejected (malformed, or naming something never published). */
  rejectedMessages(): number;
  snapshot(): PanelSnapshot;
  /** Whether the report editor tab is open. */
  reportTabOpen(): boolean;
  /** What the report tab last painted (its snapshot revision and verdict card status). */
  reportTabRendered(): RenderedReport | undefined;
}

export function registerPanel(context: vscode.ExtensionContext): PanelApi {
  const log = vscode.window.createOutputChannel('Azure AI Auth Doctor: Panel', { log: true });
  const provider = new TroubleshootingPanel(context.extensionUri, log);
  context.subscriptions.push(
    log,
    provider,
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, provider),
    sharedState.onDidChangeFindings(() => provider.schedulePush()),
    sharedState.onDidChangeReport(() => provider.schedulePush(0)),
    sharedState.onDidChangeCheckStatus(() => provider.schedulePush(0)),
    vscode.commands.registerCommand('azureAiAuthDoctor.showAccessReport', (options?: { preserveFocus?: boolean }) =>
      provider.showReport(options?.preserveFocus === true),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.openIam', () => provider.receive({ type: 'openIam' })),
    vscode.workspace.onDidGrantWorkspaceTrust(() => provider.schedulePush(0)),
    vscode.commands.registerCommand('azureAiAuthDoctor.showPanel', () =>
      vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.explainError', async (text?: unknown) => {
      let errorMessage = typeof text === 'string' ? text : undefined;
      if (errorMessage === undefined) {
        errorMessage = await vscode.window.showInputBox({
          title: 'Azure AI Auth Doctor: Explain an Error Message',
          prompt: 'Paste the error message you got from Azure (status code and text).',
          placeHolder: '401 Principal does not have access to API/Operation.',
          ignoreFocusOut: true,
        });
      }
      if (!errorMessage || errorMessage.trim() === '') return undefined;
      return provider.showExplanation(errorMessage.slice(0, 20_000));
    }),
  );
  return {
    receive: (raw) => provider.receive(raw),
    rejectedMessages: () => provider.rejectedMessages,
    snapshot: () => provider.currentSnapshot(),
    reportTabOpen: () => provider.reportTab.isOpen(),
    reportTabRendered: () => provider.reportTab.rendered(),
  };
}
