// Editor features: diagnostics, quick fixes, hover, CodeLens, workspace scan. (Under construction: issue 4.)
import * as vscode from 'vscode';

export function registerEditorFeatures(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('azureAiAuthDoctor.scanWorkspace', () =>
      vscode.window.showInformationMessage('Azure AI Auth Doctor: Scan Workspace is not available yet.'),
    ),
  );
}
