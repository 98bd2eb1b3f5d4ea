// Which version of a package the workspace asks for: the nearest manifest above a source file
// (requirements*.txt / pyproject.toml for PyPI, package.json for npm). Rules whose verdict depends on the
// installed major (projects-sdk-api) read it through AnalysisContext.packages; without a manifest they
// speak only where a call fails on every current release.
import type { PackageSource, PackageSpec } from './types';

const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
const folderOf = (path: string): string =>
  path
    .slice(0, Math.max(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))))
    .replace(/\\/g, '/')
    .replace(/\/+$/, '');

type Ecosystem = 'pypi' | 'npm';

/** True for the manifests WorkspacePackages reads. */
export function isPackageManifest(fileName: string): boolean {
  const b = baseName(fileName).toLowerCase();
  return b === 'package.json' || b === 'pyproject.toml' || /^requirements[\w.-]*\.(txt|in)$/.test(b);
}

/**
 * The same manifests as glob patterns (for an editor's file search and watcher), so the editor and the CLI
 * feed WorkspacePackages the same files. A unit test keeps this list and isPackageManifest in step.
 */
export const PACKAGE_MANIFEST_GLOBS: readonly string[] = [
  'package.json',
  'pyproject.toml',
  'requirements*.txt',
  'requirements*.in',
];

const normalise = (ecosystem: Ecosystem, name: string) =>
  ecosystem === 'pypi' ? name.toLowerCase().replace(/[._]/g, '-') : name.toLowerCase();

/** name -> specifier from one manifest ('' when listed without a version). Line-based, no backtracking. */
export function parseManifest(fileName: string, text: string): Map<string, string> {
  const out = new Map<string, string>();
  const b = baseName(fileName).toLowerCase();
  if (b === 'package.json') {
    const re = /"(@?[\w.-]+(?:\/[\w.-]+)?)"\s*:\s*"([^"\n]{0,200})"/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) if (!out.has(normalise('npm', m[1]))) out.set(normalise('npm', m[1]), m[2]);
    return out;
  }
  if (b === 'pyproject.toml') {
    // PEP 621 arrays, one or several items per line: "azure-ai-projects>=2.0.0"
    const re =
      /["']([A-Za-z0-9][A-Za-z0-9._-]{0,100})(?:\[[^\]"']{0,100}\])?\s*((?:[<>=!~]=?|===)[^"'\n;]{0,100})?(?:;[^"'\n]{0,200})?["']/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)))
      if (m[2] !== undefined || /-/.test(m[1])) out.set(normalise('pypi', m[1]), (m[2] ?? '').trim());
  }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    // requirements lines, PEP 621 array items ("azure-ai-projects>=2.0.0",) and poetry tables (name = "^2.0")
    const m =
      /^[\s"']*([A-Za-z0-9][A-Za-z0-9._-]{0,100})(?:\[[^\]]{0,100}\])?\s*((?:[<>=!~^]=?|===)\s*[\w.*+!-]{1,40}(?:\s*,\s*(?:[<>=!~]=?|===)\s*[\w.*+!-]{1,40}){0,5})?\s*["',;]?\s*$/.exec(
        line,
      ) ??
      /^\s*([A-Za-z0-9][A-Za-z0-9._-]{0,100})\s*=\s*(?:\{[^}\n]{0,200}?version\s*=\s*)?"([^"\n]{0,60})"/.exec(line);
    if (m && !/^(?:name|version|description|requires-python|python)$/i.test(m[1]))
      out.set(normalise('pypi', m[1]), (m[2] ?? '').trim());
  }
  return out;
}

export class WorkspacePackages {
  private readonly manifests = new Map<string, { ecosystem: Ecosystem; deps: Map<string, string> }>();

  set(fileName: string, text: string): void {
    if (!isPackageManifest(fileName)) return;
    const ecosystem: Ecosystem = baseName(fileName).toLowerCase() === 'package.json' ? 'npm' : 'pypi';
    this.manifests.set(fileName, { ecosystem, deps: parseManifest(fileName, text) });
  }

  delete(fileName: string): void {
    this.manifests.delete(fileName);
  }

  has(fileName: string): boolean {
    return this.manifests.has(fileName);
  }

  /** The nearest manifest (the file's folder, then its ancestors) that lists the package wins. */
  sourceFor(filePath: string): PackageSource {
    const folder = folderOf(filePath);
    const manifests = this.manifests;
    return {
      lookup(ecosystem: Ecosystem, name: string): PackageSpec | undefined {
        let best: { depth: number; spec: PackageSpec } | undefined;
        const key = normalise(ecosystem, name);
        for (const [file, m] of manifests) {
          if (m.ecosystem !== ecosystem) continue;
          const dir = folderOf(file);
          if (dir !== '' && folder !== dir && !folder.startsWith(`${dir}/`)) continue;
          const spec = m.deps.get(key);
          if (spec === undefined) continue;
          if (!best || dir.length > best.depth) best = { depth: dir.length, spec: { spec, file } };
        }
        return best?.spec;
      },
    };
  }
}
