// Language status item (the `{}` area of the status bar) for analysed files: the findings count of
// the active file, what the analysis covers (open files only / workspace) and how long it took,
// like vscode-eslint's time budget; its action is Analyse Workspace.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { DOCUMENT_SELECTOR, resourceUri } from './documents';
import { readSettings } from './settings';
import { sharedState } from '../state';

export class AnalysisLanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('azureAiAuthDoctor.status', DOCUMENT_SELECTOR);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly analyzer: Analyzer) {
    this.item.name = 'Azure AI Auth Doctor';
    this.item.command = { title: 'Analyse workspace', command: 'azureAiAuthDoctor.scanWorkspace' };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      analyzer.onDidAnalyze((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
      }),
    );
    this.update();
  }

  /** Text shown for the active editor (exported through the editor API for tests). */
  text(): string {
    return `${this.item.text}${this.item.detail ? ` (${this.item.detail})` : ''}`;
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const entry = document ? this.analyzer.entry(document.uri) : undefined;
    if (!entry) {
      this.item.text = '$(shield) Azure AI Auth: not analysed';
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    if (entry.result.skipped) {
      this.item.text = '$(shield) Azure AI Auth: skipped';
      this.item.detail = entry.result.skipped;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
    const count = entry.findings.length;
    this.item.text = `$(shield) Azure AI Auth: ${count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`}`;
    const covers =
      readSettings(resourceUri(document!)).scanMode === 'workspace' || sharedState.workspaceScanned()
        ? 'whole workspace'
        : 'open files only';
    this.item.detail = `${covers} · analysed in ${entry.durationMs.toFixed(1)} ms`;
    this.item.severity =
      count === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
