// Process-wide state shared by the editor features, the access check and the panel, so none of
// them imports another: each publishes here and the others listen.
import * as vscode from 'vscode';
import type { Finding } from './core/types';
import type { AccessReport } from './core/accessReport';

/** A role assignment (or a young one the check found) that is still propagating; a re-check follows. */
export interface Propagation {
  /** When the assignment was made (epoch ms). */
  assignedAt: number;
  /** When the automatic re-check runs (epoch ms). */
  until: number;
  endpoint: string;
  /** 'assigned': this extension just assigned it; 'waiting': the check found a young assignment. */
  reason: 'assigned' | 'waiting';
}

/** Something the last check attempt wants the user to know above the report (e.g. a cancelled sign-in). */
export interface CheckNotice {
  kind: 'sign-in-cancelled';
  message: string;
}

class SharedState implements vscode.Disposable {
  private readonly findingsByUri = new Map<string, Finding[]>();
  private report: AccessReport | undefined;
  private readonly findingsEmitter = new vscode.EventEmitter<void>();
  private readonly reportEmitter = new vscode.EventEmitter<AccessReport>();
  private propagationValue: Propagation | undefined;
  private noticeValue: CheckNotice | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<void>();

  /** Fires (without payload) whenever any file's findings change. */
  readonly onDidChangeFindings = this.findingsEmitter.event;
  /** Fires with each report update, including the partial ones a running check publishes. */
  readonly onDidChangeReport = this.reportEmitter.event;

  /** Fires when the propagation countdown or the check notice changes. */
  readonly onDidChangeCheckStatus = this.statusEmitter.event;

  setPropagation(value: Propagation | undefined): void {
    this.propagationValue = value;
    this.statusEmitter.fire();
  }

  propagation(): Propagation | undefined {
    return this.propagationValue;
  }

  setNotice(value: CheckNotice | undefined): void {
    this.noticeValue = value;
    this.statusEmitter.fire();
  }

  notice(): CheckNotice | undefined {
    return this.noticeValue;
  }

  /** Whether a manual workspace scan's results are in the findings (what the count covers). */
  private scanned = false;

  setWorkspaceScanned(value: boolean): void {
    if (this.scanned === value) return;
    this.scanned = value;
    this.findingsEmitter.fire();
  }

  workspaceScanned(): boolean {
    return this.scanned;
  }

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
    this.statusEmitter.dispose();
  }
}

export const sharedState = new SharedState();
