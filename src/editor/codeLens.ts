// "Check Entra ID access" CodeLens above each Azure AI client construction, passing the client's
// endpoint (when the engine resolved one) to the access-check command.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { entryFor } from './entryFor';
import { toRange } from './convert';
import { resourceUri } from './documents';
import { CHECK_ACCESS_COMMAND } from './hover';
import { readSettings } from './settings';

export class ClientCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly analyzer: Analyzer) {}

  /** Asks VS Code to re-query lenses (after an analysis or a settings change). */
  refresh(): void {
    this.changeEmitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSettings(resourceUri(document)).codeLensEnable) return [];
    const entry = entryFor(this.analyzer, document);
    if (!entry) return [];
    return entry.result.clients.map((client) => {
      const endpoint = client.endpoint?.url;
      return new vscode.CodeLens(toRange(client.range), {
        title: '$(shield) Check Entra ID access',
        tooltip: endpoint
          ? `Check whether your identity can call ${endpoint} with Microsoft Entra ID (${client.className})`
          : `Check whether your identity can call this ${client.className} endpoint with Microsoft Entra ID`,
        command: CHECK_ACCESS_COMMAND,
        arguments: endpoint ? [{ endpoint }] : [],
      });
    });
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
