// Wires the editor features together (vscode-eslint is the model): analysis on open/change/save
// (`run`: onType | onSave), of the files open in editor tabs or of the workspace (`diagnostics.scope`,
// as Pylance's openFilesOnly / workspace), the Findings tree,
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
import { FindingsTreeProvider } from './findingsTree';
import { sharedState } from '../state';

/** URIs (as strings) shown in an editor tab: text, diff (modified side), notebook. */
function tabUris(): Set<string> {
  const uris = new Set<string>();
  for (const group of vscode.window.tabGroups.all)
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputNotebook)
        uris.add(input.uri.toString());
      else if (input instanceof vscode.TabInputTextDiff) uris.add(input.modified.toString());
    }
  return uris;
}

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
  /** Top-level labels of the Findings tree view (files with findings). */
  findingsTreeFiles(): string[];
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
  const findingsTree = new FindingsTreeProvider();

  /**
   * In openFiles mode only documents the user has in a tab are analysed: a document another
   * extension opens in the background (an npm or git extension reading package.json) would
   * otherwise flash into the Problems panel and vanish when it is closed again.
   */
  const wanted = (document: vscode.TextDocument): boolean => {
    if (document.uri.scheme === 'vscode-notebook-cell') return true;
    if (readSettings(resourceUri(document)).scanMode === 'workspace') return true;
    return tabUris().has(document.uri.toString()) || scanner.isTracked(document.uri);
  };
  const analyseIfWanted = (document: vscode.TextDocument) => {
    if (wanted(document)) analyzer.analyzeDocumentNow(document);
  };
  /** A document that left the tabs: scanned files fall back to their disk content; others leave the Problems panel. */
  const forget = (uri: vscode.Uri) => {
    if (scanner.isTracked(uri)) void analyzer.analyzeFromDisk(uri).catch(() => analyzer.clear(uri));
    else analyzer.clear(uri);
  };

  const reanalyseOpenDocuments = () => {
    for (const document of vscode.workspace.textDocuments) analyseIfWanted(document);
  };

  const resetWorkspaceScan = async () => {
    await scanner.stop();
    sharedState.setWorkspaceScanned(false);
    const open = tabUris();
    for (const entry of analyzer.allEntries())
      if (entry.version === undefined || !open.has(entry.uri.toString())) analyzer.clear(entry.uri);
  };
  const scan = async (options: ScanOptions) => {
    const summary = await scanner.scan(options);
    sharedState.setWorkspaceScanned(scanner.isLive());
    return summary;
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
    findingsTree,
    vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      new FindingCodeActionProvider(analyzer),
      FindingCodeActionProvider.metadata,
    ),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new EndpointHoverProvider(analyzer)),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLens),
    vscode.commands.registerCommand('azureAiAuthDoctor.scanWorkspace', (options?: unknown) =>
      scan(isScanOptions(options) ? options : {}),
    ),

    vscode.workspace.onDidOpenTextDocument(analyseIfWanted),
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      const open = tabUris();
      for (const tab of [...event.opened, ...event.changed]) {
        const input = tab.input;
        const uri =
          input instanceof vscode.TabInputText
            ? input.uri
            : input instanceof vscode.TabInputTextDiff
              ? input.modified
              : undefined;
        const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (document && !analyzer.entry(document.uri)) analyseIfWanted(document);
      }
      for (const tab of event.closed) {
        const input = tab.input;
        const uri =
          input instanceof vscode.TabInputText
            ? input.uri
            : input instanceof vscode.TabInputTextDiff
              ? input.modified
              : undefined;
        if (!uri || open.has(uri.toString()) || readSettings(uri).scanMode === 'workspace') continue;
        if (analyzer.entry(uri)) forget(uri);
      }
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0 || !wanted(event.document)) return;
      if (readSettings(resourceUri(event.document)).run === 'onSave') return;
      analyzer.schedule(event.document);
      // files that import constants from this one (`from .settings import ENDPOINT`) follow its edits
      for (const importer of analyzer.importersOf(event.document.uri)) analyzer.schedule(importer);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      analyseIfWanted(document);
      for (const importer of analyzer.importersOf(document.uri)) analyseIfWanted(importer);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (analyzer.entry(document.uri)) forget(document.uri);
    }),
    vscode.workspace.onDidOpenNotebookDocument((notebook) => {
      // Its cells are analysed one by one; drop the whole-file result of a scan.
      if (analyzer.entry(notebook.uri)?.version === undefined) analyzer.clear(notebook.uri);
    }),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => {
      if (scanner.isTracked(notebook.uri))
        void analyzer.analyzeFromDisk(notebook.uri).catch(() => analyzer.clear(notebook.uri));
    }),

    // Cross-file: a .env / appsettings.json / local.settings.json / launch.json or package manifest change
    // re-analyses the files of that folder that read variables or versions (open ones from the editor,
    // scanned ones from disk).
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
        void scan({ quiet: true, folders });
      } else if (automatic) {
        // scanMode went back to 'openFiles' everywhere: only open files stay analysed.
        automatic = false;
        void resetWorkspaceScan();
      } else if (scanner.isLive()) {
        void scan({ quiet: true }); // a manual scan's results follow the new settings
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
      void scan({ quiet: true, folders });
    }
  });

  return {
    scanWorkspace: (options) => scan(options ?? {}),
    onDidAnalyze: analyzer.onDidAnalyze,
    entry: (uri) => analyzer.entry(uri),
    onDidNotify: notices.onDidNotify,
    recentNotices: () => notices.recent(),
    languageStatusText: () => status.text(),
    envReady: envIndex.ready,
    resetWorkspaceScan,
    findingsTreeFiles: () => findingsTree.topLevelLabels(),
  };
}
