// Entry point. Activation only registers providers and commands: no analysis of the workspace,
// no network, and no @azure/* code (the access check lives in dist/azure.js, loaded on first use).
import * as vscode from 'vscode';
import { sharedState } from './state';
import { registerEditorFeatures, type EditorApi } from './editor/register';
import { registerAccessCheck, isAzureBundleLoaded, type AccessCheckApi } from './editor/accessCheck';
import { registerPanel, type PanelApi } from './webview/panelHost';
import { isBundleLoaded, setBundleLocation } from './editor/lazyBundles';

/** What the extension exports; the integration tests read it. */
export interface ExtensionApi {
  activationMs: number;
  isAzureBundleLoaded(): boolean;
  /** True once dist/engine.js (rules, model, parser runtime) was required: never at activation. */
  isEngineLoaded(): boolean;
  state: typeof sharedState;
  /** Editor features (scan, analysis events, notices) for the integration tests. */
  editor: EditorApi;
  /** Where this extension's logs (its LogOutputChannel files) are written; the token-leak suite reads them. */
  logUri: vscode.Uri;
  /** The troubleshooting panel's host (message validation and handling) for the integration tests. */
  panel: PanelApi;
  /** The access check's end-of-check notifications, for the integration tests. */
  access: AccessCheckApi;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  context.subscriptions.push(sharedState);
  setBundleLocation(context.extensionPath);
  const editor = registerEditorFeatures(context);
  const access = registerAccessCheck(context);
  const panel = registerPanel(context);
  return {
    activationMs: performance.now() - started,
    isAzureBundleLoaded,
    isEngineLoaded: () => isBundleLoaded('engine'),
    state: sharedState,
    editor,
    logUri: context.logUri,
    panel,
    access,
  };
}

export function deactivate(): void {}
