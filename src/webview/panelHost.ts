// The troubleshooting panel (webview view). (Under construction: issue 6.)
import * as vscode from 'vscode';

export function registerPanel(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('azureAiAuthDoctor.showPanel', () =>
      vscode.commands.executeCommand('azureAiAuthDoctor.panel.focus'),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.explainError', () =>
      vscode.commands.executeCommand('azureAiAuthDoctor.panel.focus'),
    ),
  );
}
