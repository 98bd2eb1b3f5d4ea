// Typed view of the `azureAiAuthDoctor.*` settings contributed in package.json, read per resource
// (every setting is `scope: resource`, so each workspace folder may differ).
import * as vscode from 'vscode';
import type { ProbeMode } from './accessPolicy';
import type { RuleSeverities } from '../core/types';
import { readRuleSeverities } from '../core/policy';

export const SECTION = 'azureAiAuthDoctor';

export type ScanMode = 'openFiles' | 'workspace';
export type RunMode = 'onType' | 'onSave';

export interface EditorSettings {
  enable: boolean;
  rules: RuleSeverities;
  exclude: string[];
  /** `diagnostics.scope`, or the deprecated `scanMode` when only that one is set. */
  scanMode: ScanMode;
  run: RunMode;
  codeLensEnable: boolean;
  hoverEnable: boolean;
  maxFileSizeKB: number;
}

export function readSettings(scope: vscode.Uri | undefined): EditorSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const maxKB = config.get<number>('maxFileSizeKB', 1024);
  return {
    enable: config.get<boolean>('enable', true),
    rules: readRuleSeverities(config.get('rules')),
    exclude: (config.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string'),
    scanMode: diagnosticsScope(config),
    run: config.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    codeLensEnable: config.get<boolean>('codeLens.enable', true),
    hoverEnable: config.get<boolean>('hover.enable', true),
    maxFileSizeKB: typeof maxKB === 'number' && maxKB > 0 ? maxKB : 1024,
  };
}

/** `diagnostics.scope` wins where it is set at any level; else the old `scanMode` (migration). */
function diagnosticsScope(config: vscode.WorkspaceConfiguration): ScanMode {
  const scope = config.inspect<string>('diagnostics.scope');
  const explicit =
    scope?.workspaceFolderValue ?? scope?.workspaceValue ?? scope?.globalValue ?? config.get<string>('scanMode');
  return (explicit ?? scope?.defaultValue) === 'workspace' ? 'workspace' : 'openFiles';
}

/** Whether the access check may send its one chat completion (`access.probe`, machine-overridable). */
export function probeMode(): ProbeMode {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('access.probe', 'ask');
  return value === 'always' || value === 'never' ? value : 'ask';
}
