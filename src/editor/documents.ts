// Which open documents are analysed, under which language id, and which file name the engine sees.
// Notebook cells (vscode-notebook-cell) are analysed as code in their own language, with the
// notebook's path as file name so that the notebook folder's .env files resolve their variables.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { isCandidateFile, languageIdForFile } from '../core/languages';

/** Languages analysed even without a recognised file name (untitled editors, notebook cells). */
const CODE_LANGUAGES = new Set([
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'csharp',
  'java',
  'http',
  'shellscript',
  'dotenv',
]);

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

const ANALYSED_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-vfs']);

/** The document selector for providers and the language status item. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  ...[...CODE_LANGUAGES].flatMap((language) =>
    ['file', 'untitled', NOTEBOOK_CELL_SCHEME].map((scheme) => ({ language, scheme })),
  ),
  {
    scheme: 'file',
    pattern: '**/{.env,.env.*,*.env,appsettings*.json,local.settings.json,launch.json,*.http,*.rest,*.sh,*.ps1}',
  },
];

/** The file (or notebook) a document belongs to: settings and env files are resolved from it. */
export function resourceUri(document: vscode.TextDocument): vscode.Uri {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return document.uri;
  const notebook = vscode.workspace.notebookDocuments.find((nb) =>
    nb.getCells().some((cell) => cell.document === document),
  );
  return notebook?.uri ?? document.uri.with({ scheme: 'file', fragment: '' });
}

/** The path the engine uses for findings and edits of this URI. */
export function engineFileName(uri: vscode.Uri): string {
  return uri.scheme === 'file' || uri.scheme === NOTEBOOK_CELL_SCHEME ? uri.fsPath : uri.path;
}

/** The language id to analyse an open document with, or undefined when it is not a candidate. */
export function analysisLanguage(document: vscode.TextDocument): string | undefined {
  if (!ANALYSED_SCHEMES.has(document.uri.scheme)) return undefined;
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME || document.isUntitled) {
    return CODE_LANGUAGES.has(document.languageId) ? document.languageId : undefined;
  }
  const fileName = engineFileName(document.uri);
  if (isCandidateFile(fileName)) return languageIdForFile(fileName) ?? document.languageId;
  return undefined;
}

/** The language id for a file read from disk by the workspace scan (undefined: not a candidate). */
export function fileAnalysisLanguage(fileName: string): string | undefined {
  if (!isCandidateFile(fileName)) return undefined;
  return languageIdForFile(fileName) ?? undefined;
}

/** Path relative to its workspace folder with '/' separators (for exclude globs and messages). */
export function workspaceRelativePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.path.replace(/^\//, '');
  return path.posix.relative(folder.uri.path, uri.path);
}
