// Entry point. Activation only registers providers and commands: no analysis of the workspace,
// no network, and no @azure/* code (the access check lives in dist/azure.js, loaded on first use).
import * as vscode from 'vscode';
import { sharedState } from './state';
import { registerEditorFeatures } from './editor/register';
import { registerAccessCheck, isAzureBundleLoaded } from './editor/accessCheck';
import { registerPanel } from './webview/panelHost';

/** What the extension exports; the integration tests read it. */
export interface ExtensionApi {
  activationMs: number;
  isAzureBundleLoaded(): boolean;
  state: typeof sharedState;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  context.subscriptions.push(sharedState);
  registerEditorFeatures(context);
  registerAccessCheck(context);
  registerPanel(context);
  return { activationMs: performance.now() - started, isAzureBundleLoaded, state: sharedState };
}

export function deactivate(): void {}
