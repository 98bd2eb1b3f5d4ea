// The Findings view: a native tree (TreeDataProvider) under the troubleshooting panel, grouped by
// file, then by rule, like the Problems panel. A click reveals the finding; findings about an
// endpoint have an inline "Check Entra ID access" action; the view's badge carries the count.
// It reads the findings every feature publishes to sharedState, so it never imports the analyser.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/types';
import { sharedState } from '../state';

export const FINDINGS_VIEW_ID = 'azureAiAuthDoctor.findings';

type Node =
  | { kind: 'file'; uri: string; findings: Finding[] }
  | { kind: 'rule'; uri: string; rule: string; findings: Finding[] }
  | { kind: 'finding'; uri: string; finding: Finding };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

function worst(findings: Finding[]): Severity {
  return findings.reduce<Severity>((w, f) => (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w] ? f.severity : w), 'info');
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.view = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      sharedState.onDidChangeFindings(() => this.scheduleRefresh()),
      vscode.commands.registerCommand('azureAiAuthDoctor.checkFindingAccess', (node?: Node) => {
        const endpoint = node?.kind === 'finding' ? node.finding.endpoint : undefined;
        return vscode.commands.executeCommand('azureAiAuthDoctor.checkAccess', endpoint ? { endpoint } : undefined);
      }),
    );
    this.updateBadge();
  }

  /** Findings arrive file by file during a scan: refresh the tree at most every 100 ms. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.updateBadge();
      this.changed.fire(undefined);
    }, 100);
  }

  private updateBadge(): void {
    let count = 0;
    for (const list of sharedState.allFindings().values()) count += list.length;
    this.view.badge =
      count > 0 ? { value: count, tooltip: `${count} Entra ID finding${count === 1 ? '' : 's'}` } : undefined;
    this.view.message = undefined;
  }

  /** Labels of the top level (files), for the integration tests. */
  topLevelLabels(): string[] {
    return this.files().map((n) => this.getTreeItem(n).label as string);
  }

  private files(): Node[] {
    return [...sharedState.allFindings()]
      .filter(([, findings]) => findings.length > 0)
      .map(([uri, findings]) => ({ kind: 'file' as const, uri, findings }))
      .sort(
        (a, b) => SEVERITY_ORDER[worst(a.findings)] - SEVERITY_ORDER[worst(b.findings)] || a.uri.localeCompare(b.uri),
      );
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.files();
    if (node.kind === 'file') {
      const rules = new Map<string, Finding[]>();
      for (const f of node.findings) rules.set(f.rule, [...(rules.get(f.rule) ?? []), f]);
      return [...rules]
        .map(([rule, findings]) => ({ kind: 'rule' as const, uri: node.uri, rule, findings }))
        .sort(
          (a, b) =>
            SEVERITY_ORDER[worst(a.findings)] - SEVERITY_ORDER[worst(b.findings)] || a.rule.localeCompare(b.rule),
        );
    }
    if (node.kind === 'rule')
      return [...node.findings]
        .sort(byPosition)
        .map((finding) => ({ kind: 'finding' as const, uri: node.uri, finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.uri, true);
    if (node.kind === 'file') {
      const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      const item = new vscode.TreeItem(
        vscode.workspace.asRelativePath(uri, multiRoot),
        vscode.TreeItemCollapsibleState.Expanded,
      );
      item.resourceUri = uri;
      item.description = `${node.findings.length}`;
      item.contextValue = 'file';
      item.id = `file:${node.uri}`;
      return item;
    }
    if (node.kind === 'rule') {
      const item = new vscode.TreeItem(node.rule, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.findings.length}`;
      item.iconPath = SEVERITY_ICON[worst(node.findings)];
      item.contextValue = 'rule';
      item.id = `rule:${node.uri}#${node.rule}`;
      return item;
    }
    const f = node.finding;
    const range = new vscode.Range(
      f.range.start.line,
      f.range.start.character,
      f.range.end.line,
      f.range.end.character,
    );
    const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
    item.description = `Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${f.severity}: ${f.message}`);
    item.iconPath = SEVERITY_ICON[f.severity];
    item.contextValue = f.endpoint ? 'finding-endpoint' : 'finding';
    item.id = `finding:${node.uri}#${f.rule}@${f.range.start.line}:${f.range.start.character}`;
    item.command = {
      title: 'Reveal in editor',
      command: 'vscode.open',
      arguments: [uri, { selection: range, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    item.accessibilityInformation = { label: `${f.severity}: ${f.message}, line ${f.range.start.line + 1}` };
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
