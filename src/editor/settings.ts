// Typed view of the `azureAiAuthDoctor.*` settings contributed in package.json, read per resource
// (every setting is `scope: resource`, so each workspace folder may differ).
import * as vscode from 'vscode';
import type { RuleSeverities } from '../core/types';
import { readRuleSeverities } from '../core/policy';

export const SECTION = 'azureAiAuthDoctor';

export type ScanMode = 'openFiles' | 'workspace';

export interface EditorSettings {
  enable: boolean;
  rules: RuleSeverities;
  exclude: string[];
  scanMode: ScanMode;
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
    scanMode: config.get<string>('scanMode') === 'workspace' ? 'workspace' : 'openFiles',
    codeLensEnable: config.get<boolean>('codeLens.enable', true),
    hoverEnable: config.get<boolean>('hover.enable', true),
    maxFileSizeKB: typeof maxKB === 'number' && maxKB > 0 ? maxKB : 1024,
  };
}
