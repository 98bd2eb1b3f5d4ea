// Wires the editor features together (vscode-eslint is the model): analysis on open/change/save,
// env-file tracking, quick fixes, hover, CodeLens, language status, the Scan Workspace command and
// settings. registerEditorFeatures is called from src/extension.ts and returns a small API the
// integration tests use.
import * as vscode from 'vscode';
import { registerAgentTools } from './agentTools';
import { Analyzer, type AnalysisEntry } from './analyzer';
import { ClientCodeLensProvider } from './codeLens';
import { FindingCodeActionProvider } from './codeActions';
import { DOCUMENT_SELECTOR, resourceUri } from './documents';
import { EnvIndex } from './envIndex';
import { EndpointHoverProvider } from './hover';
import { AnalysisLanguageStatus } from './languageStatus';
import { Notices, type Notice } from './notices';
import { readSettings, SECTION } from './settings';
import { WorkspaceScanner, type ScanOptions, type ScanSummary } from './workspaceScan';

export interface EditorApi {
  /** Runs Scan Workspace (the command does the same) and resolves with what it did. */
  scanWorkspace(options?: ScanOptions): Promise<ScanSummary>;
  /** Fires after a URI's diagnostics were (re)published. */
  onDidAnalyze: vscode.Event<vscode.Uri>;
  entry(uri: vscode.Uri): AnalysisEntry | undefined;
  /** Information messages shown so far (skipped files, scan summaries) and their event. */
  onDidNotify: vscode.Event<Notice>;
  recentNotices(): readonly Notice[];
  languageStatusText(): string;
  /** Resolves when the workspace's env/config files were read the first time. */
  envReady: Promise<void>;
  /** Stops following disk changes and removes the results of files that are not open. */
  resetWorkspaceScan(): Promise<void>;
}

function isScanOptions(value: unknown): value is ScanOptions {
  return !!value && typeof value === 'object' && ('token' in value || 'quiet' in value || 'folders' in value);
}

export function registerEditorFeatures(context: vscode.ExtensionContext): EditorApi {
  const notices = new Notices();
  const envIndex = new EnvIndex();
  const analyzer = new Analyzer(envIndex, notices);
  const scanner = new WorkspaceScanner(analyzer, notices);
  const codeLens = new ClientCodeLensProvider(analyzer);
  const status = new AnalysisLanguageStatus(analyzer);

  const reanalyseOpenDocuments = () => {
    for (const document of vscode.workspace.textDocuments) analyzer.analyzeDocumentNow(document);
  };

  const resetWorkspaceScan = async () => {
    await scanner.stop();
    for (const entry of analyzer.allEntries()) if (entry.version === undefined) analyzer.clear(entry.uri);
  };
  /** True while results come from an automatic (scanMode 'workspace') scan. */
  let automatic = false;

  const workspaceModeFolders = () =>
    (vscode.workspace.workspaceFolders ?? []).filter((f) => readSettings(f.uri).scanMode === 'workspace');

  context.subscriptions.push(
    notices,
    envIndex,
    analyzer,
    scanner,
    codeLens,
    status,
    vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      new FindingCodeActionProvider(analyzer),
      FindingCodeActionProvider.metadata,
    ),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new EndpointHoverProvider(analyzer)),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLens),
    vscode.commands.registerCommand('azureAiAuthDoctor.scanWorkspace', (options?: unknown) =>
      scanner.scan(isScanOptions(options) ? options : {}),
    ),

    vscode.workspace.onDidOpenTextDocument((document) => analyzer.analyzeDocumentNow(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) analyzer.schedule(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => analyzer.analyzeDocumentNow(document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      // Scanned files fall back to their disk content; others leave the Problems panel.
      if (scanner.isTracked(document.uri))
        void analyzer.analyzeFromDisk(document.uri).catch(() => analyzer.clear(document.uri));
      else analyzer.clear(document.uri);
    }),
    vscode.workspace.onDidOpenNotebookDocument((notebook) => {
      // Its cells are analysed one by one; drop the whole-file result of a scan.
      if (analyzer.entry(notebook.uri)?.version === undefined) analyzer.clear(notebook.uri);
    }),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => {
      if (scanner.isTracked(notebook.uri))
        void analyzer.analyzeFromDisk(notebook.uri).catch(() => analyzer.clear(notebook.uri));
    }),

    // Cross-file: a .env / appsettings.json / local.settings.json / launch.json change re-analyses the
    // files of that folder that read variables (open ones from the editor, scanned ones from disk).
    envIndex.onDidChange((change) => {
      const folderKey = change.folder?.uri.toString();
      for (const entry of analyzer.allEntries()) {
        if (!entry.readsEnv) continue;
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
        const scope = document ? resourceUri(document) : entry.uri;
        if (vscode.workspace.getWorkspaceFolder(scope)?.uri.toString() !== folderKey) continue;
        if (document) analyzer.analyzeDocumentNow(document);
        else void analyzer.analyzeFromDisk(entry.uri).catch(() => analyzer.clear(entry.uri));
      }
    }),

    // Lenses are re-queried only for visible editors (a workspace scan analyses many files).
    analyzer.onDidAnalyze((uri) => {
      if (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString()))
        codeLens.refresh();
    }),

    vscode.workspace.onDidChangeConfiguration((event) => {
      const ours = event.affectsConfiguration(SECTION);
      const excludes = event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude');
      if (!ours && !excludes) return;
      if (event.affectsConfiguration(`${SECTION}.maxFileSizeKB`)) analyzer.resetSkipNotices();
      reanalyseOpenDocuments();
      codeLens.refresh();
      status.update();
      const folders = workspaceModeFolders();
      if (folders.length > 0) {
        automatic = true;
        void scanner.scan({ quiet: true, folders });
      } else if (automatic) {
        // scanMode went back to 'openFiles' everywhere: only open files stay analysed.
        automatic = false;
        void resetWorkspaceScan();
      } else if (scanner.isLive()) {
        void scanner.scan({ quiet: true }); // a manual scan's results follow the new settings
      }
    }),
  );

  registerAgentTools(context);

  // Documents already open when the extension activated: right after activation, to keep it cheap.
  const initial = setTimeout(reanalyseOpenDocuments, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initial) });
  void envIndex.ready.then(() => {
    const folders = workspaceModeFolders();
    if (folders.length > 0) {
      automatic = true;
      void scanner.scan({ quiet: true, folders });
    }
  });

  return {
    scanWorkspace: (options) => scanner.scan(options),
    onDidAnalyze: analyzer.onDidAnalyze,
    entry: (uri) => analyzer.entry(uri),
    onDidNotify: notices.onDidNotify,
    recentNotices: () => notices.recent(),
    languageStatusText: () => status.text(),
    envReady: envIndex.ready,
    resetWorkspaceScan,
  };
}
