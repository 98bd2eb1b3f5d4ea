// Which files the engine reads and which language id (VS Code's ids where they exist) each one gets,
// so the CLI, the workspace scan and the editor agree on what a file is.

/** Base name of a path with either separator. */
function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

const BY_EXTENSION: Record<string, string> = {
  '.py': 'python',
  '.pyw': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.cs': 'csharp',
  '.java': 'java',
  '.http': 'http',
  '.rest': 'http',
  '.sh': 'shellscript',
  '.bash': 'shellscript',
  '.zsh': 'shellscript',
  '.ps1': 'powershell',
  '.psm1': 'powershell',
  '.ipynb': 'jupyter',
  '.csproj': 'xml',
  '.gradle': 'groovy',
  '.kts': 'kotlin',
};

/** The language id the engine uses for a file, or undefined when it is not a file the engine understands. */
export function languageIdForFile(fileName: string): string | undefined {
  const base = baseName(fileName);
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'dotenv';
  if (/^appsettings(\.[\w-]+)*\.json$/i.test(base) || lower === 'local.settings.json') return 'json';
  if (lower === 'launch.json') return 'jsonc';
  if (lower === 'package.json') return 'json';
  if (/^requirements[\w.-]*\.(txt|in)$/i.test(base)) return 'pip-requirements';
  if (lower === 'pyproject.toml') return 'toml';
  if (lower === 'pom.xml') return 'xml';
  if (lower === 'build.gradle') return 'groovy';
  if (lower === 'build.gradle.kts') return 'kotlin';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0 && !lower.startsWith('.')) return undefined;
  const ext = lower.slice(dot);
  if (ext === '.kts' && !lower.endsWith('.gradle.kts')) return undefined;
  return BY_EXTENSION[ext];
}

/** True for files the CLI and the workspace scan should read (everything languageIdForFile knows,
 * except JSON files other than the config files and manifests named above). */
export function isCandidateFile(fileName: string): boolean {
  const id = languageIdForFile(fileName);
  if (!id) return false;
  const base = baseName(fileName).toLowerCase();
  if (base.endsWith('.min.js')) return false;
  if (id === 'jsonc') return /(^|[\\/])\.vscode[\\/]launch\.json$/i.test(fileName) || base === 'launch.json';
  return true;
}

/** Language families the scanners share. */
export type Family = 'python' | 'js' | 'csharp' | 'java' | 'config' | 'http' | 'shell' | 'manifest';

export function familyOf(languageId: string): Family | undefined {
  switch (languageId) {
    case 'python':
    case 'jupyter':
      return 'python';
    case 'javascript':
    case 'javascriptreact':
    case 'typescript':
    case 'typescriptreact':
      return 'js';
    case 'csharp':
      return 'csharp';
    case 'java':
      return 'java';
    case 'dotenv':
    case 'properties':
      return 'config';
    case 'json':
    case 'jsonc':
      return 'config';
    case 'http':
      return 'http';
    case 'shellscript':
    case 'powershell':
      return 'shell';
    case 'pip-requirements':
    case 'toml':
    case 'xml':
    case 'groovy':
    case 'kotlin':
      return 'manifest';
    default:
      return undefined;
  }
}
