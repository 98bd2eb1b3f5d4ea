// "Check Entra ID access" command. The Azure code lives in dist/azure.js and is required on first use.
import * as vscode from 'vscode';

let azureLoaded = false;

export function isAzureBundleLoaded(): boolean {
  return azureLoaded;
}

export function registerAccessCheck(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('azureAiAuthDoctor.checkAccess', () =>
      vscode.window.showInformationMessage('Azure AI Auth Doctor: Check Entra ID access is not available yet.'),
    ),
  );
}
