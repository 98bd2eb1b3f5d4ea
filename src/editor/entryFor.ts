// The analysis result the editor providers (CodeLens, code actions, hover) work from. With
// `azureAiAuthDoctor.run: onSave` they use the last published result instead of re-analysing the
// edited text: otherwise VS Code's CodeLens refresh on every keystroke would re-publish diagnostics
// and onSave would behave like onType.
import type * as vscode from 'vscode';
import type { Analyzer, AnalysisEntry } from './analyzer';
import { resourceUri } from './documents';
import { readSettings } from './settings';

export function entryFor(analyzer: Analyzer, document: vscode.TextDocument): AnalysisEntry | undefined {
  if (readSettings(resourceUri(document)).run === 'onSave') {
    const published = analyzer.entry(document.uri);
    if (published) return published;
  }
  return analyzer.resultFor(document);
}
