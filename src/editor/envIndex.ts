// Keeps one WorkspaceEnv per workspace folder, fed from that folder's .env* / appsettings*.json /
// local.settings.json / .vscode/launch.json files and its package manifests (requirements*.txt,
// pyproject.toml, package.json: the versions projects-sdk-api reads), found with findFiles, kept fresh by a
// FileSystemWatcher and by unsaved edits in open editors. The CLI feeds the same WorkspaceEnv (src/core/env)
// the same files. Multi-root: each folder resolves its own code.
import * as vscode from 'vscode';
import { WorkspaceEnv, isEnvConfigFile } from '../core/env';
import { PACKAGE_MANIFEST_GLOBS, isPackageManifest } from '../core/packages';
import type { EnvSource, PackageSource } from '../core/types';
import { engineFileName } from './documents';

const ENV_GLOB = `**/{.env,.env.*,*.env,appsettings*.json,local.settings.json,.vscode/launch.json,${PACKAGE_MANIFEST_GLOBS.join(',')}}`;
const ENV_EXCLUDE = '**/{node_modules,.git}/**';
/** The watcher sees every package.json an install writes under node_modules: those are not the workspace's. */
const EXCLUDED_SEGMENT = /[\\/](?:node_modules|\.git)[\\/]/;
/** Key of the env used for files outside every workspace folder. */
const NO_FOLDER = '';

export interface EnvChange {
  /** The env/config file or package manifest that changed (engine path). */
  fileName: string;
  folder: vscode.WorkspaceFolder | undefined;
}

export class EnvIndex implements vscode.Disposable {
  private readonly envs = new Map<string, WorkspaceEnv>();
  /** Last text fed per env file, so a save that repeats an editor's text does not re-analyse twice. */
  private readonly texts = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<EnvChange>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Fires after an env/config file's values or a manifest's versions changed (created, edited, saved, deleted). */
  readonly onDidChange = this.changeEmitter.event;
  /** Resolves once every workspace folder's env files were read the first time. */
  readonly ready: Promise<void>;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(ENV_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
      watcher.onDidChange((uri) => {
        // An open, dirty editor wins over the disk copy until it is saved or closed.
        if (!this.openDirtyDocument(uri)) void this.readFromDisk(uri);
      }),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.isEnvDocument(event.document))
          this.setText(event.document.uri, event.document.getText());
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.isEnvDocument(document)) this.setText(document.uri, document.getText(), true);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // Unsaved edits are gone: fall back to what is on disk.
        if (this.isEnvDocument(document) && document.uri.scheme === 'file') void this.readFromDisk(document.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) this.envs.delete(folder.uri.toString());
        void Promise.all(event.added.map((folder) => this.loadFolder(folder)));
      }),
    );
    this.ready = this.loadAll();
  }

  /** The variables visible to a file: its own workspace folder's env/config files, nearest first. */
  sourceFor(uri: vscode.Uri): EnvSource {
    return this.envFor(vscode.workspace.getWorkspaceFolder(uri)).sourceFor(engineFileName(uri));
  }

  /** The package versions visible to a file: the nearest manifest of its workspace folder that lists the package. */
  packagesFor(uri: vscode.Uri): PackageSource {
    return this.envFor(vscode.workspace.getWorkspaceFolder(uri)).packages.sourceFor(engineFileName(uri));
  }

  /** An env/config file or a package manifest of the workspace (not one under node_modules). */
  isEnvFile(uri: vscode.Uri): boolean {
    const fileName = engineFileName(uri);
    return (isEnvConfigFile(fileName) || isPackageManifest(fileName)) && !EXCLUDED_SEGMENT.test(fileName);
  }

  private isEnvDocument(document: vscode.TextDocument): boolean {
    return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && this.isEnvFile(document.uri);
  }

  private openDirtyDocument(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri.toString());
  }

  private envFor(folder: vscode.WorkspaceFolder | undefined): WorkspaceEnv {
    const key = folder?.uri.toString() ?? NO_FOLDER;
    let env = this.envs.get(key);
    if (!env) {
      env = new WorkspaceEnv();
      this.envs.set(key, env);
    }
    return env;
  }

  private async loadAll(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.loadFolder(folder)));
    for (const document of vscode.workspace.textDocuments) {
      if (this.isEnvDocument(document) && document.isDirty) this.setText(document.uri, document.getText(), true);
    }
  }

  private async loadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, ENV_GLOB), ENV_EXCLUDE);
    } catch {
      return; // virtual workspaces without search support: open files still work
    }
    await Promise.all(uris.map((uri) => this.readFromDisk(uri, true)));
    if (uris.length > 0) this.changeEmitter.fire({ fileName: '', folder });
  }

  private async readFromDisk(uri: vscode.Uri, quiet = false): Promise<void> {
    if (!this.isEnvFile(uri)) return;
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.remove(uri);
      return;
    }
    this.setText(uri, text, quiet);
  }

  private setText(uri: vscode.Uri, text: string, quiet = false): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (this.texts.get(uri.toString()) === text) return;
    this.texts.set(uri.toString(), text);
    this.envFor(folder).set(engineFileName(uri), text);
    if (!quiet) this.changeEmitter.fire({ fileName: engineFileName(uri), folder });
  }

  private remove(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const env = this.envFor(folder);
    this.texts.delete(uri.toString());
    if (!env.has(engineFileName(uri))) return;
    env.delete(engineFileName(uri));
    this.changeEmitter.fire({ fileName: engineFileName(uri), folder });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
