// Quick fixes for findings, the way vscode-eslint offers them: each finding's fixes (one preferred),
// "Disable <rule> for this line", "Learn more about <rule>", and source.fixAll.azureAiAuthDoctor,
// which applies every preferred fix in the file. Edits aimed at another file (the .env line) land there.
import * as vscode from 'vscode';
import { suppressionEdit } from '../core/suppress';
import { compatiblePreferredFixes, FIX_PASSES, preferredFix } from '../core/policy';
import { applyTextEdits } from '../core/fixes';
import { placeholderIn } from '../core/placeholders';
import type { Finding } from '../core/types';
import type { Analyzer, AnalysisEntry } from './analyzer';
import { entryFor } from './entryFor';
import { addEdits, diagnosticMatches, toRange } from './convert';
import { analysisLanguage } from './documents';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('azureAiAuthDoctor');

export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly analyzer: Analyzer) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const entry = entryFor(this.analyzer, document);
    if (!entry) return [];
    const only = context.only;
    const actions: vscode.CodeAction[] = [];
    if (!only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only)) {
      actions.push(...this.quickFixes(document, range, context, entry));
    }
    if (only && (FIX_ALL_KIND.contains(only) || only.contains(FIX_ALL_KIND))) {
      const fixAll = this.fixAll(document, entry);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private quickFixes(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
    entry: AnalysisEntry,
  ): vscode.CodeAction[] {
    // Findings behind the diagnostics VS Code hands us; when invoked without them, those under the cursor.
    let findings = entry.findings.filter((f) => context.diagnostics.some((d) => diagnosticMatches(d, f)));
    if (findings.length === 0 && context.diagnostics.length === 0) {
      findings = entry.findings.filter((f) => toRange(f.range).intersection(range) !== undefined);
    }
    const actions: vscode.CodeAction[] = [];
    const disabledRules = new Set<string>();
    for (const finding of findings) {
      const diagnostics = context.diagnostics.filter((d) => diagnosticMatches(d, finding));
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        addEdits(action.edit, fix.edits, entry.fileName, entry.uri);
        action.diagnostics = diagnostics;
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    for (const finding of findings) {
      const key = `${finding.rule}:${finding.range.start.line}`;
      if (disabledRules.has(key)) continue;
      disabledRules.add(key);
      const disable = this.disableForLine(document, entry, finding);
      if (disable) actions.push(disable);
    }
    const documented = new Set<string>();
    for (const finding of findings) {
      if (documented.has(finding.rule)) continue;
      documented.add(finding.rule);
      const learn = new vscode.CodeAction(`Learn more about ${finding.rule}`, vscode.CodeActionKind.QuickFix);
      learn.command = { title: learn.title, command: 'vscode.open', arguments: [vscode.Uri.parse(finding.docsUrl)] };
      actions.push(learn);
    }
    return actions;
  }

  private disableForLine(
    document: vscode.TextDocument,
    entry: AnalysisEntry,
    finding: Finding,
  ): vscode.CodeAction | undefined {
    const languageId = analysisLanguage(document) ?? document.languageId;
    const edit = suppressionEdit(
      document.getText(),
      languageId,
      finding.range.start.line,
      finding.rule,
      entry.fileName,
    );
    const action = new vscode.CodeAction(`Disable ${finding.rule} for this line`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(entry.uri, toRange(edit.range), edit.newText);
    return action;
  }

  /**
   * Every preferred fix of the file in one edit, ESLint style: fixes whose edits overlap a chosen one wait
   * for the next pass, which re-analyses the fixed text (as `scan --fix` does). Edits in other files (the
   * .env line a finding points at) come from the first pass only; fixes that would write a placeholder
   * are never applied.
   */
  private fixAll(document: vscode.TextDocument, entry: AnalysisEntry): vscode.CodeAction | undefined {
    const writable = (findings: readonly Finding[]) =>
      compatiblePreferredFixes(findings.filter((f) => !placeholderInPreferred(f))).flatMap((fix) => fix.edits);
    const first = writable(entry.findings);
    if (first.length === 0) return undefined;
    const elsewhere = first.filter((e) => e.file !== entry.fileName);
    const original = document.getText();
    let text = original;
    let edits = first.filter((e) => e.file === entry.fileName);
    for (let pass = 0; pass < FIX_PASSES && edits.length > 0; pass++) {
      const next = applyTextEdits(text, edits);
      if (next === undefined || next === text) break;
      text = next;
      edits = writable(this.analyzer.findingsForText(document, text)).filter((e) => e.file === entry.fileName);
    }
    const action = new vscode.CodeAction('Fix all Azure AI Auth Doctor problems', FIX_ALL_KIND);
    action.edit = new vscode.WorkspaceEdit();
    if (text !== original) {
      const whole = new vscode.Range(document.positionAt(0), document.positionAt(original.length));
      action.edit.replace(entry.uri, whole, text);
    }
    addEdits(action.edit, elsewhere, entry.fileName, entry.uri);
    return action;
  }
}

function placeholderInPreferred(finding: Finding): boolean {
  const fix = preferredFix(finding);
  return !!fix && !!placeholderIn(fix);
}
