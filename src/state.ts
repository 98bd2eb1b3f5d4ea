// Process-wide state shared by the editor features, the access check and the panel, so none of
// them imports another: each publishes here and the others listen.
import * as vscode from 'vscode';
import type { Finding } from './core/types';
import type { AccessReport } from './core/accessReport';

class SharedState implements vscode.Disposable {
  private readonly findingsByUri = new Map<string, Finding[]>();
  private report: AccessReport | undefined;
  private readonly findingsEmitter = new vscode.EventEmitter<void>();
  private readonly reportEmitter = new vscode.EventEmitter<AccessReport>();

  /** Fires (without payload) whenever any file's findings change. */
  readonly onDidChangeFindings = this.findingsEmitter.event;
  /** Fires with each report update, including the partial ones a running check publishes. */
  readonly onDidChangeReport = this.reportEmitter.event;

  setFindings(uri: vscode.Uri, findings: Finding[]): void {
    if (findings.length === 0) this.findingsByUri.delete(uri.toString());
    else this.findingsByUri.set(uri.toString(), findings);
    this.findingsEmitter.fire();
  }

  allFindings(): ReadonlyMap<string, Finding[]> {
    return this.findingsByUri;
  }

  setReport(report: AccessReport): void {
    this.report = report;
    this.reportEmitter.fire(report);
  }

  lastReport(): AccessReport | undefined {
    return this.report;
  }

  dispose(): void {
    this.findingsEmitter.dispose();
    this.reportEmitter.dispose();
  }
}

export const sharedState = new SharedState();
