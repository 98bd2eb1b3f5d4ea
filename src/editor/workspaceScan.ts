// "Scan Workspace": analyses every candidate file of every workspace folder without opening editors
// (workspace.fs), honouring files.exclude, search.exclude, .gitignore and azureAiAuthDoctor.exclude,
// with a cancellable progress notification. After a completed scan (or with scanMode 'workspace')
// the results are kept up to date as files change on disk.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { engineFileName, fileAnalysisLanguage, workspaceRelativePath } from './documents';
import { IgnoreStack } from '../core/gitignore';
import { compileGlobs, enabledGlobs, type PathMatcher } from './glob';
import type { Notices } from './notices';
import { readSettings } from './settings';

export interface ScanOptions {
  /** Extra cancellation (tests, callers); the notification's Cancel button always works. */
  token?: vscode.CancellationToken;
  /** Only these folders (default: all). */
  folders?: readonly vscode.WorkspaceFolder[];
  /** Progress in the status bar instead of a notification (automatic scans). */
  quiet?: boolean;
}

export interface ScanSummary {
  /** Candidate files found after excludes. */
  files: number;
  analysed: number;
  /** Files over azureAiAuthDoctor.maxFileSizeKB (announced in an information message). */
  skipped: vscode.Uri[];
  /** Findings in the analysed files. */
  findings: number;
  cancelled: boolean;
  durationMs: number;
}

const PARALLEL_READS = 8;

interface FolderFilter {
  folder: vscode.WorkspaceFolder;
  /** Brace-free globs handed to findFiles so excluded trees are never walked. */
  searchExclude: string | undefined;
  isExcluded: PathMatcher;
}

/** A .gitignore larger than this is not read (its patterns do not apply). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * A .gitignore's text: a regular file (not a symlink, as git does not follow them; not a FIFO or a
 * device, which would hang or flood the read), at most 1 MB. The repository may be hostile.
 */
async function readIgnoreFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_IGNORE_FILE_BYTES) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Builds the exclude filter of one folder from its settings and .gitignore files. */
async function folderFilter(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<FolderFilter> {
  const globs = [
    ...enabledGlobs(vscode.workspace.getConfiguration('files', folder.uri).get('exclude')),
    ...enabledGlobs(vscode.workspace.getConfiguration('search', folder.uri).get('exclude')),
    ...readSettings(folder.uri).exclude,
  ];
  const plain = globs.filter((g) => !/[{}]/.test(g));
  const gitignores = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/.gitignore'),
    plain.length > 0 ? `{${plain.join(',')}}` : undefined,
    undefined,
    token,
  );
  // Outermost .gitignore first, so deeper files win as in git; negations ('!') are honoured.
  const byDepth = gitignores
    .map((uri) => ({ uri, dir: workspaceRelativePath(uri).replace(/\/?\.gitignore$/, '') }))
    .sort((a, b) => (a.dir === '' ? 0 : a.dir.split('/').length) - (b.dir === '' ? 0 : b.dir.split('/').length));
  let ignored = IgnoreStack.empty();
  for (const { uri, dir } of byDepth) ignored = ignored.with(dir, await readIgnoreFile(uri));
  const excludedBySettings = compileGlobs(globs);
  return {
    folder,
    searchExclude: plain.length > 0 ? `{${plain.join(',')}}` : undefined,
    isExcluded: (path) => excludedBySettings(path) || ignored.ignoresPath(path),
  };
}

export class WorkspaceScanner implements vscode.Disposable {
  /** Files the last scan covered; their diagnostics follow disk changes. */
  private tracked = new Set<string>();
  private filters = new Map<string, FolderFilter>();
  private live = false;
  private running: Promise<ScanSummary> | undefined;
  /** Cancelled by stop(): ends running and queued scans. */
  private stopSource = new vscode.CancellationTokenSource();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly analyzer: Analyzer,
    private readonly notices: Notices,
  ) {}

  /** True once a scan completed: results follow disk changes. */
  isLive(): boolean {
    return this.live;
  }

  /** True when a closed file's diagnostics should come from disk instead of being cleared. */
  isTracked(uri: vscode.Uri): boolean {
    return this.live && this.tracked.has(uri.toString());
  }

  /** Runs a scan; a scan requested while one runs waits for it and then runs again. */
  async scan(options: ScanOptions = {}): Promise<ScanSummary> {
    const previous = this.running;
    const next = (async () => {
      if (previous) await previous.catch(() => undefined);
      return this.runScan(options);
    })();
    this.running = next;
    try {
      return await next;
    } finally {
      if (this.running === next) this.running = undefined;
    }
  }

  private runScan(options: ScanOptions): Promise<ScanSummary> {
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          title: 'Azure AI Auth Doctor: scanning workspace',
          cancellable: !options.quiet,
        },
        (progress, progressToken) => this.scanWithProgress(options, progress, progressToken),
      ),
    );
  }

  private async scanWithProgress(
    options: ScanOptions,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    progressToken: vscode.CancellationToken,
  ): Promise<ScanSummary> {
    const started = performance.now();
    const stopToken = this.stopSource.token;
    const cancelled = () =>
      progressToken.isCancellationRequested ||
      !!options.token?.isCancellationRequested ||
      stopToken.isCancellationRequested;
    const source = new vscode.CancellationTokenSource();
    const subscriptions = [
      progressToken.onCancellationRequested(() => source.cancel()),
      stopToken.onCancellationRequested(() => source.cancel()),
    ];
    if (options.token) subscriptions.push(options.token.onCancellationRequested(() => source.cancel()));
    const summary: ScanSummary = { files: 0, analysed: 0, skipped: [], findings: 0, cancelled: false, durationMs: 0 };
    try {
      const folders = options.folders ?? vscode.workspace.workspaceFolders ?? [];
      progress.report({ message: 'finding files…' });
      const files: vscode.Uri[] = [];
      for (const folder of folders) {
        if (cancelled()) break;
        const filter = await folderFilter(folder, source.token);
        this.filters.set(folder.uri.toString(), filter);
        const uris = await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, '**/*'),
          filter.searchExclude ?? null,
          undefined,
          source.token,
        );
        for (const uri of uris) {
          if (fileAnalysisLanguage(engineFileName(uri)) && !filter.isExcluded(workspaceRelativePath(uri)))
            files.push(uri);
        }
      }
      summary.files = files.length;
      const scannedKeys = new Set(files.map((u) => u.toString()));
      let next = 0;
      let done = 0;
      const processed: vscode.Uri[] = [];
      const worker = async () => {
        while (next < files.length && !cancelled()) {
          const uri = files[next++];
          try {
            const outcome = await this.analyzer.analyzeFromDisk(uri);
            if (outcome === 'skipped') summary.skipped.push(uri);
            if (outcome === 'analysed') summary.analysed++;
          } catch {
            // unreadable file (deleted meanwhile, permissions): leave it out
          }
          const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (openDoc && !openDoc.isClosed) summary.analysed++; // open files are analysed by the editor
          processed.push(uri);
          done++;
          progress.report({
            increment: 100 / files.length,
            message: `${done}/${files.length} ${workspaceRelativePath(uri)}`,
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, worker));
      // counted at the end: a config file's finding may since have been found to duplicate a code finding
      for (const uri of processed) summary.findings += this.analyzer.entry(uri)?.findings.length ?? 0;
      summary.cancelled = cancelled();
      if (!summary.cancelled) {
        // Disk results of files no longer in the scan (now excluded, deleted) are dropped.
        for (const entry of this.analyzer.allEntries()) {
          const inScannedFolder = folders.some(
            (f) => vscode.workspace.getWorkspaceFolder(entry.uri)?.uri.toString() === f.uri.toString(),
          );
          if (entry.version === undefined && inScannedFolder && !scannedKeys.has(entry.uri.toString()))
            this.analyzer.clear(entry.uri);
        }
        for (const key of scannedKeys) this.tracked.add(key);
        this.startLiveUpdates();
      }
    } finally {
      for (const s of subscriptions) s.dispose();
      source.dispose();
    }
    summary.durationMs = performance.now() - started;
    if (summary.skipped.length > 0) {
      const names = summary.skipped.slice(0, 3).map(workspaceRelativePath).join(', ');
      const more = summary.skipped.length > 3 ? ` and ${summary.skipped.length - 3} more` : '';
      this.notices.info(
        `Azure AI Auth Doctor skipped ${summary.skipped.length} file${summary.skipped.length === 1 ? '' : 's'} over the azureAiAuthDoctor.maxFileSizeKB limit: ${names}${more}.`,
        summary.skipped,
        [
          {
            title: 'Change Limit',
            command: 'workbench.action.openSettings',
            args: ['azureAiAuthDoctor.maxFileSizeKB'],
          },
        ],
      );
    }
    if (summary.cancelled && !options.quiet) {
      this.notices.info(
        `Azure AI Auth Doctor: workspace scan cancelled after ${summary.analysed} of ${summary.files} files.`,
      );
    }
    return summary;
  }

  /** Follows disk changes of candidate files once a scan has run. */
  private startLiveUpdates(): void {
    if (this.live) return;
    this.live = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const refresh = (uri: vscode.Uri) => {
      if (!this.shouldTrack(uri)) return;
      this.tracked.add(uri.toString());
      void this.analyzer.analyzeFromDisk(uri).catch(() => this.analyzer.clear(uri));
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidChange(refresh),
      watcher.onDidDelete((uri) => {
        if (!this.tracked.delete(uri.toString())) return;
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.analyzer.clear(uri);
      }),
    );
  }

  private shouldTrack(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || !fileAnalysisLanguage(engineFileName(uri))) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const filter = folder && this.filters.get(folder.uri.toString());
    return !!filter && !filter.isExcluded(workspaceRelativePath(uri));
  }

  /** Cancels running and queued scans, waits for them to end, and stops following disk changes. */
  async stop(): Promise<void> {
    this.stopSource.cancel();
    await this.running?.catch(() => undefined);
    this.stopSource.dispose();
    this.stopSource = new vscode.CancellationTokenSource();
    this.stopLiveUpdates();
  }

  /** Stops following disk changes and forgets scanned files (scan results stay until re-analysed). */
  stopLiveUpdates(): void {
    this.live = false;
    this.tracked.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.stopSource.cancel();
    this.stopSource.dispose();
    this.stopLiveUpdates();
  }
}
