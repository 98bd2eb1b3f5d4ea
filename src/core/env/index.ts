// The workspace's environment/configuration values, as the analysed code would see them:
// which files count as env/config files, how each is read, and WorkspaceEnv, which resolves a
// variable for a source file from the config files of its folder, then of its ancestors (nearest first).
import type { EnvSource, EnvValue } from '../types';
import { parseDotenv, type EnvParseResult } from './dotenv';
import { parseAppSettings, parseLaunchJson, parseLocalSettings } from './jsonConfig';
import { WorkspacePackages, isPackageManifest } from '../packages';

export type { EnvEntry, EnvParseResult } from './dotenv';

type ConfigKind = 'dotenv' | 'appsettings' | 'local-settings' | 'launch';

const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
const dirName = (path: string): string => {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash <= 0 ? (slash === 0 ? path.slice(0, 1) : '') : path.slice(0, slash);
};
/** Folder key used for comparisons: forward slashes, no trailing slash, lower-cased drive letter. */
const folderKey = (dir: string): string =>
  dir
    .replace(/\\/g, '/')
    .replace(/\/+$/, '')
    .replace(/^([A-Z]):/, (_, d: string) => `${d.toLowerCase()}:`);

function kindOf(fileName: string): ConfigKind | undefined {
  const name = baseName(fileName);
  const lower = name.toLowerCase();
  if (lower.startsWith('.env')) return 'dotenv';
  if (lower === 'local.settings.json') return 'local-settings';
  if (/^appsettings(?:\.[^/\\]*)?\.json$/.test(lower)) return 'appsettings';
  if (lower === 'launch.json' && baseName(dirName(fileName)).toLowerCase() === '.vscode') return 'launch';
  return undefined;
}

/** True for .env*, appsettings*.json, local.settings.json and .vscode/launch.json. */
export function isEnvConfigFile(fileName: string): boolean {
  return kindOf(fileName) !== undefined;
}

/** Reads one env/config file; malformed input gives partial entries and error messages, never a throw. */
export function parseEnvConfig(fileName: string, text: string): EnvParseResult {
  try {
    switch (kindOf(fileName)) {
      case 'dotenv':
        return parseDotenv(fileName, text);
      case 'appsettings':
        return parseAppSettings(fileName, text);
      case 'local-settings':
        return parseLocalSettings(fileName, text);
      case 'launch':
        return parseLaunchJson(fileName, text);
      default:
        return { entries: [], errors: [`not an env/config file: ${baseName(fileName)}`] };
    }
  } catch (e) {
    return { entries: [], errors: [`could not read ${baseName(fileName)}: ${(e as Error).message}`] };
  }
}

/**
 * Order of config files within one folder, most specific first: .env.local / .env.<stage> override .env,
 * appsettings.<Environment>.json overrides appsettings.json, and example/template files come last.
 */
function precedence(fileName: string): number {
  const lower = baseName(fileName).toLowerCase();
  if (/^\.env\..*(?:example|sample|template|dist|defaults?)$/.test(lower)) return 9;
  if (/^\.env(?:\..+)?\.local$/.test(lower)) return 0;
  if (/^\.env\..+/.test(lower)) return 1;
  if (lower === '.env') return 2;
  if (lower.startsWith('.env')) return 3; // .envrc
  if (lower === 'local.settings.json') return 4;
  if (/^appsettings\..+\.json$/.test(lower)) return 5;
  if (lower === 'appsettings.json') return 6;
  return 7; // launch.json
}

interface ParsedConfig {
  fileName: string;
  /** The folder whose files it configures (for launch.json: the parent of .vscode). */
  folder: string;
  values: Map<string, EnvValue>;
  lowerValues: Map<string, EnvValue>;
}

/** Env/config files of a workspace, kept up to date by set/delete; resolves variables per source file. */
export class WorkspaceEnv {
  private readonly configs = new Map<string, ParsedConfig>();
  private readonly folderCache = new Map<string, ParsedConfig[]>();
  /** Package manifests of the same workspace (they travel with the env files to CLI workers). */
  readonly packages = new WorkspacePackages();

  set(fileName: string, text: string): void {
    if (isPackageManifest(fileName)) this.packages.set(fileName, text);
    const kind = kindOf(fileName);
    if (!kind) return;
    const { entries } = parseEnvConfig(fileName, text);
    const values = new Map<string, EnvValue>();
    const lowerValues = new Map<string, EnvValue>();
    for (const { name, ...value } of entries) {
      // Later lines override earlier ones (dotenv, JSON duplicate keys); launch.json entries are already first-wins.
      values.set(name, value);
      lowerValues.set(name.toLowerCase(), value);
    }
    let folder = folderKey(dirName(fileName));
    if (kind === 'launch') folder = folderKey(dirName(dirName(fileName)));
    this.configs.set(fileName, { fileName, folder, values, lowerValues });
    this.folderCache.clear();
  }

  delete(fileName: string): void {
    this.packages.delete(fileName);
    if (this.configs.delete(fileName)) this.folderCache.clear();
  }

  /** True when an env/config file or a package manifest of that name was read. */
  has(fileName: string): boolean {
    return this.configs.has(fileName) || this.packages.has(fileName);
  }

  /** Config files that apply to a file in `folder`: its own folder's first, then each ancestor's. */
  private chainFor(folder: string): ParsedConfig[] {
    const cached = this.folderCache.get(folder);
    if (cached) return cached;
    const byFolder = new Map<string, ParsedConfig[]>();
    for (const config of this.configs.values()) {
      const list = byFolder.get(config.folder) ?? [];
      list.push(config);
      byFolder.set(config.folder, list);
    }
    const chain: ParsedConfig[] = [];
    let current = folder;
    for (;;) {
      const here = byFolder.get(current);
      if (here)
        chain.push(
          ...[...here].sort(
            (a, b) => precedence(a.fileName) - precedence(b.fileName) || a.fileName.localeCompare(b.fileName),
          ),
        );
      const parent = folderKey(dirName(current));
      if (parent === current || current === '') break;
      current = parent;
    }
    this.folderCache.set(folder, chain);
    return chain;
  }

  sourceFor(filePath: string): EnvSource {
    const chain = this.chainFor(folderKey(dirName(filePath)));
    return {
      lookup(name: string): EnvValue | undefined {
        for (const config of chain) {
          const hit = config.values.get(name);
          if (hit) return hit;
        }
        // .NET configuration and Windows environment variables are case-insensitive.
        const lower = name.toLowerCase();
        for (const config of chain) {
          const hit = config.lowerValues.get(lower);
          if (hit) return hit;
        }
        return undefined;
      },
    };
  }
}
