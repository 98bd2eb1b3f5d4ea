// Conversions between the engine's plain data (0-based ranges, file paths, severities) and VS Code
// types: Finding -> Diagnostic (source, code with docs link, related config lines) and Fix -> WorkspaceEdit.
import * as vscode from 'vscode';
import type { Finding, Range, Severity, TextEdit } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'Azure AI Auth Doctor';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

/**
 * The URI an engine path stands for. The analysed file keeps its real URI (notebook cell, untitled,
 * remote); any other path (an .env or appsettings.json line) is a file on disk.
 */
export function uriForEnginePath(file: string, analysedFileName: string, analysedUri: vscode.Uri): vscode.Uri {
  return file === analysedFileName ? analysedUri : vscode.Uri.file(file);
}

export function toDiagnostic(finding: Finding, analysedFileName: string, analysedUri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, toSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: vscode.Uri.parse(finding.docsUrl) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uriForEnginePath(related.file, analysedFileName, analysedUri), toRange(related.range)),
          related.message,
        ),
    );
  }
  return diagnostic;
}

/** True when a diagnostic (as handed back to a code action provider) is the one made from this finding. */
export function diagnosticMatches(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return (
    diagnostic.source === DIAGNOSTIC_SOURCE &&
    code === finding.rule &&
    diagnostic.message === finding.message &&
    diagnostic.range.isEqual(toRange(finding.range))
  );
}

/** Adds engine edits to a WorkspaceEdit; edits on other files (the .env line) go to those files. */
export function addEdits(
  edit: vscode.WorkspaceEdit,
  edits: readonly TextEdit[],
  analysedFileName: string,
  analysedUri: vscode.Uri,
): void {
  for (const e of edits) {
    edit.replace(uriForEnginePath(e.file, analysedFileName, analysedUri), toRange(e.range), e.newText);
  }
}
