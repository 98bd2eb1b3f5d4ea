// Runs the engine on documents and files and owns the one DiagnosticCollection: analyse on open,
// on change (debounced), on save; clear on close; re-analyse when settings, env files or manifests change.
// Results are cached per URI for the hover, CodeLens, code actions and language status, and
// findings are published to sharedState for the panel.
import * as vscode from 'vscode';
import type { ParseSession } from '../engine';
import { bundle } from './lazyBundles';
import { applyRuleSeverities } from '../core/policy';
import { consumedConfigFindings } from '../core/workspaceFindings';
import { isEnvConfigFile } from '../core/env';
import type { AnalysisContext, AnalysisResult, EnvSource, Finding, PackageSource, RuleSeverities } from '../core/types';
import { sharedState } from '../state';
import {
  analysisLanguage,
  engineFileName,
  fileAnalysisLanguage,
  resourceUri,
  workspaceRelativePath,
} from './documents';
import { toDiagnostic } from './convert';
import { insideWorkspace, readWorkspaceText, workspaceRoot } from '../cli/workspaceModules';
import { compileGlobs } from './glob';
import type { EnvIndex } from './envIndex';
import { readSettings } from './settings';
import type { Notices } from './notices';

/** Delay after the last keystroke; analysis itself takes a few ms, so results land well within 300 ms. */
export const CHANGE_DEBOUNCE_MS = 80;

export interface AnalysisEntry {
  uri: vscode.Uri;
  /** Engine file name used for findings and edits. */
  fileName: string;
  /** Document version analysed, or undefined when the text came from disk (workspace scan). */
  version: number | undefined;
  result: AnalysisResult;
  /** Findings after the per-rule settings and the workspace de-duplication (what the Problems panel shows). */
  findings: Finding[];
  /** This file's findings on their own: a config file's include those that code findings already report. */
  ownFindings: Finding[];
  durationMs: number;
  /** True when the analysis looked up env/config variables or manifest versions (so their edits re-analyse it). */
  readsEnv: boolean;
  /** Workspace files the analysis read constants from (`from .settings import X`): their edits re-analyse it. */
  modules: string[];
}

/**
 * The text of a workspace file a document imports constants from: the editor's copy when it is open
 * (unsaved edits count), else the file on disk, read as the CLI reads it (inside the folder only).
 */
function workspaceText(file: string, root: string | undefined): string | undefined {
  if (!root) return undefined;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return insideWorkspace(root, file) ? open.getText() : undefined;
  return readWorkspaceText(root, file);
}

/** True when a finding points into an env/config file (related location or fix), i.e. may hide a finding there. */
function pointsAtConfig(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) =>
      f.related.some((r) => r.file !== f.file && isEnvConfigFile(r.file)) ||
      f.fixes.some((x) => x.edits.some((e) => e.file !== f.file && isEnvConfigFile(e.file))),
  );
}

/**
 * Wraps the env, package and module sources of one analysis to remember what the engine read through them,
 * so an edit of a .env file, a manifest or an imported module re-analyses only the files that depend on it.
 */
function recordingSources(
  env: EnvSource,
  packages: PackageSource,
  readModule: NonNullable<AnalysisContext['readModule']>,
): {
  env: EnvSource;
  packages: PackageSource;
  readModule: NonNullable<AnalysisContext['readModule']>;
  used: () => boolean;
  modules: string[];
} {
  let used = false;
  const modules: string[] = [];
  return {
    readModule(fromFile, specifier) {
      const found = readModule(fromFile, specifier);
      if (found && !modules.includes(found.fileName)) modules.push(found.fileName);
      return found;
    },
    modules,
    env: {
      lookup(name) {
        used = true;
        return env.lookup(name);
      },
    },
    packages: {
      lookup(ecosystem, name) {
        used = true;
        return packages.lookup(ecosystem, name);
      },
    },
    used: () => used,
  };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export class Analyzer implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('azureAiAuthDoctor');
  private readonly entries = new Map<string, AnalysisEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files whose size skip was already announced (reset when the limit changes). */
  private readonly announcedSkips = new Set<string>();
  /** Bumped for every analysis of a URI so a late disk read never overwrites a newer result. */
  private readonly generations = new Map<string, number>();
  /** Open documents' previous syntax trees: the next analysis edits the tree and reparses incrementally. */
  private readonly sessions = new Map<string, ParseSession>();
  /** Per URI, the document version whose internal errors were last logged (each version logs once). */
  private readonly loggedErrors = new Map<string, string>();
  private errorLog: vscode.LogOutputChannel | undefined;
  private readonly analyzedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a URI's findings were (re)published, including when they were cleared. */
  readonly onDidAnalyze = this.analyzedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly envIndex: EnvIndex,
    private readonly notices: Notices,
  ) {
    this.disposables.push(this.collection, this.analyzedEmitter);
  }

  entry(uri: vscode.Uri): AnalysisEntry | undefined {
    return this.entries.get(uri.toString());
  }

  allEntries(): AnalysisEntry[] {
    return [...this.entries.values()];
  }

  /** The up-to-date result for an open document, analysing now if the cache is stale. */
  resultFor(document: vscode.TextDocument): AnalysisEntry | undefined {
    const cached = this.entries.get(document.uri.toString());
    if (cached && cached.version === document.version) return cached;
    this.analyzeDocumentNow(document);
    return this.entries.get(document.uri.toString());
  }

  /** Debounced analysis after typing. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.analyzeDocumentNow(document);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  /** Analyses an open document immediately (open, save, settings and env changes). */
  analyzeDocumentNow(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(key);
    }
    const languageId = analysisLanguage(document);
    if (!languageId) return;
    const scope = resourceUri(document);
    const settings = readSettings(scope);
    if (!settings.enable || this.isExcluded(scope, settings.exclude)) {
      this.clear(document.uri);
      return;
    }
    const text = document.getText();
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > settings.maxFileSizeKB * 1024) {
      this.skipTooLarge(document.uri, bytes, settings.maxFileSizeKB);
      return;
    }
    this.run(
      document.uri,
      scope,
      text,
      languageId,
      document.version,
      settings.rules,
      undefined,
      this.sessionFor(document),
    );
  }

  private sessionFor(document: vscode.TextDocument): ParseSession {
    const key = document.uri.toString();
    let session = this.sessions.get(key);
    if (!session) this.sessions.set(key, (session = {}));
    return session;
  }

  /** Analyses a file that is not open, reading it with workspace.fs (workspace scan, file watcher). */
  async analyzeFromDisk(uri: vscode.Uri): Promise<'analysed' | 'skipped' | 'ignored'> {
    if (this.isOpen(uri)) return 'ignored'; // the editor owns it
    const languageId = fileAnalysisLanguage(engineFileName(uri));
    if (!languageId) return 'ignored';
    const settings = readSettings(uri);
    if (!settings.enable || this.isExcluded(uri, settings.exclude)) {
      this.clear(uri);
      return 'ignored';
    }
    const generation = this.bump(uri);
    const size = (await vscode.workspace.fs.stat(uri)).size;
    if (size > settings.maxFileSizeKB * 1024) {
      this.clear(uri);
      return 'skipped';
    }
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    if (this.generations.get(uri.toString()) !== generation) return 'ignored';
    if (this.isOpen(uri)) return 'ignored';
    this.run(uri, uri, text, languageId, undefined, settings.rules, generation);
    return 'analysed';
  }

  /** Open as a text editor or as a notebook (whose cells are analysed instead). */
  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return (
      vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.toString() === key) ||
      vscode.workspace.notebookDocuments.some((nb) => !nb.isClosed && nb.uri.toString() === key)
    );
  }

  private bump(uri: vscode.Uri): number {
    const next = (this.generations.get(uri.toString()) ?? 0) + 1;
    this.generations.set(uri.toString(), next);
    return next;
  }

  /**
   * Findings for `text` as if it were the document's content (same env files and rule settings), without
   * publishing them: the fix-all action re-analyses its own result between passes.
   */
  findingsForText(document: vscode.TextDocument, text: string): Finding[] {
    const languageId = analysisLanguage(document);
    if (!languageId) return [];
    const scope = resourceUri(document);
    const { rules } = readSettings(scope);
    const { env, packages, readModule } = this.sourcesFor(scope);
    const result = bundle('engine').analyzeDocument(text, languageId, {
      fileName: engineFileName(document.uri),
      env,
      packages,
      readModule,
      rules,
    });
    return applyRuleSeverities(result.findings, rules);
  }

  /** The env values and package versions a file in `scope` sees, recording whether the analysis read them. */
  private sourcesFor(scope: vscode.Uri) {
    const folder = vscode.workspace.getWorkspaceFolder(scope)?.uri;
    const root = folder?.scheme === 'file' ? workspaceRoot(folder.fsPath) : undefined;
    const readModule = bundle('engine').moduleReader((file) => workspaceText(file, root));
    return recordingSources(this.envIndex.sourceFor(scope), this.envIndex.packagesFor(scope), readModule);
  }

  /** Open documents whose last analysis read constants from this file (they re-analyse when it changes). */
  importersOf(uri: vscode.Uri): vscode.TextDocument[] {
    if (uri.scheme !== 'file') return [];
    const importers = new Set(
      [...this.entries.values()].filter((e) => e.modules.includes(uri.fsPath)).map((e) => e.uri.toString()),
    );
    return vscode.workspace.textDocuments.filter((d) => importers.has(d.uri.toString()));
  }

  private run(
    uri: vscode.Uri,
    scope: vscode.Uri,
    text: string,
    languageId: string,
    version: number | undefined,
    rules: RuleSeverities,
    generation = this.bump(uri),
    parseSession?: ParseSession,
  ): void {
    const fileName = engineFileName(uri);
    const recorder = this.sourcesFor(scope);
    const started = performance.now();
    let result: AnalysisResult;
    try {
      result = bundle('engine').analyzeDocument(text, languageId, {
        fileName,
        env: recorder.env,
        packages: recorder.packages,
        readModule: recorder.readModule,
        rules,
        parseSession,
      });
      if (result.parserPending) {
        // First file of this language: load its grammar (never at activation), then analyse again
        // unless a newer analysis of the URI started meanwhile.
        void bundle('engine')
          .ensureParser(result.parserPending)
          .then(
            (ok) => {
              if (ok && this.generations.get(uri.toString()) === generation)
                this.run(uri, scope, text, languageId, version, rules, generation, parseSession);
            },
            (error: unknown) => console.error('Azure AI Auth Doctor: could not load the parser:', error),
          );
        return;
      }
    } catch (error) {
      console.error(`Azure AI Auth Doctor: analysis of ${workspaceRelativePath(uri)} failed:`, error);
      result = {
        findings: [],
        endpoints: [],
        clients: [],
        skipped: `analysis failed: ${String(error)}`,
        internalErrors: [],
      };
    }
    const durationMs = performance.now() - started;
    if (this.generations.get(uri.toString()) !== generation) return;
    this.logInternalErrors(uri, version, text.length, result);
    const findings = applyRuleSeverities(result.findings, rules);
    const entry: AnalysisEntry = {
      uri,
      fileName,
      version,
      result,
      findings,
      ownFindings: findings,
      durationMs,
      readsEnv: recorder.used(),
      modules: recorder.modules,
    };
    const previous = this.entries.get(uri.toString());
    this.entries.set(uri.toString(), entry);
    this.publish(entry);
    if (isEnvConfigFile(fileName) || pointsAtConfig(findings) || (previous && pointsAtConfig(previous.ownFindings)))
      this.republishConfigFiles();
  }

  private publish(entry: AnalysisEntry): void {
    this.collection.set(
      entry.uri,
      entry.findings.map((finding) => toDiagnostic(finding, entry.fileName, entry.uri)),
    );
    sharedState.setFindings(entry.uri, entry.findings);
    this.analyzedEmitter.fire(entry.uri);
  }

  /**
   * One defect, one finding: a config file's finding that a code finding of the same rule already
   * reports (pointing at that line) is not shown; it comes back when that code finding goes.
   */
  private republishConfigFiles(): void {
    const all = [...this.entries.values()];
    const configs = all.filter((e) => isEnvConfigFile(e.fileName) && e.ownFindings.length > 0);
    if (configs.length === 0) return;
    const consumed = consumedConfigFindings(all.flatMap((e) => e.ownFindings));
    for (const entry of configs) {
      const shown = entry.ownFindings.filter((f) => !consumed.has(f));
      if (shown.length === entry.findings.length && shown.every((f, i) => f === entry.findings[i])) continue;
      entry.findings = shown;
      this.publish(entry);
    }
  }

  private skipTooLarge(uri: vscode.Uri, bytes: number, limitKB: number): void {
    this.clear(uri);
    const skipped = `${formatSize(bytes)} is over the ${limitKB} KB limit (azureAiAuthDoctor.maxFileSizeKB)`;
    this.entries.set(uri.toString(), {
      uri,
      fileName: engineFileName(uri),
      version: vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version,
      result: { findings: [], endpoints: [], clients: [], skipped, internalErrors: [] },
      findings: [],
      ownFindings: [],
      durationMs: 0,
      readsEnv: false,
      modules: [],
    });
    this.analyzedEmitter.fire(uri);
    const key = `${uri.toString()}|${limitKB}`;
    if (this.announcedSkips.has(key)) return;
    this.announcedSkips.add(key);
    this.notices.info(
      `Azure AI Auth Doctor skipped ${workspaceRelativePath(uri)}: ${skipped}.`,
      [uri],
      [{ title: 'Change Limit', command: 'workbench.action.openSettings', args: ['azureAiAuthDoctor.maxFileSizeKB'] }],
    );
  }

  private isExcluded(uri: vscode.Uri, globs: string[]): boolean {
    if (globs.length === 0 || uri.scheme === 'untitled') return false;
    return isExcludedByGlobs(workspaceRelativePath(uri), globs);
  }

  /** Removes a URI's diagnostics, cached result and published findings. */
  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.bump(uri);
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(key);
    }
    const session = this.sessions.get(key);
    if (session) {
      if (session.previous) bundle('engine').disposeSession(session);
      this.sessions.delete(key);
    }
    const previous = this.entries.get(key);
    const had = this.entries.delete(key) || this.collection.has(uri);
    this.collection.delete(uri);
    if (had) {
      sharedState.setFindings(uri, []);
      this.analyzedEmitter.fire(uri);
      if (previous && pointsAtConfig(previous.ownFindings)) this.republishConfigFiles();
    }
  }

  /** Forget announced size skips (the limit setting changed). */
  resetSkipNotices(): void {
    this.announcedSkips.clear();
  }

  /**
   * An engine bug (a rule that threw) goes to the "Azure AI Auth Doctor: Analysis" output channel,
   * once per document version (text from disk: once per length), never silently dropped.
   */
  private logInternalErrors(uri: vscode.Uri, version: number | undefined, length: number, result: AnalysisResult) {
    if (result.internalErrors.length === 0) return;
    const key = version === undefined ? `disk:${length}` : `v${version}`;
    if (this.loggedErrors.get(uri.toString()) === key) return;
    this.loggedErrors.set(uri.toString(), key);
    if (!this.errorLog) {
      this.errorLog = vscode.window.createOutputChannel('Azure AI Auth Doctor: Analysis', { log: true });
      this.disposables.push(this.errorLog);
    }
    for (const e of result.internalErrors) {
      this.errorLog.error(
        `Internal error in ${e.rule} while analysing ${workspaceRelativePath(uri)} (${key}): ${e.message}\n${e.stack}`,
      );
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const session of this.sessions.values()) if (session.previous) bundle('engine').disposeSession(session);
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}

const globCache = new Map<string, (p: string) => boolean>();
/** The extension's own `exclude` globs, also applied to open files. */
export function isExcludedByGlobs(relativePath: string, globs: string[]): boolean {
  const key = globs.join('\n');
  let matcher = globCache.get(key);
  if (!matcher) {
    matcher = compileGlobs(globs);
    globCache.set(key, matcher);
  }
  return matcher(relativePath);
}
