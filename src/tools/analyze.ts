// The analyse tool: a file, a folder or a selection inside the workspace, through the engine's public
// entry points (the CLI's scan for what is on disk, analyzeDocument for text handed in). Paths outside
// the workspace roots are refused: an agent's input decides what is read.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { analyzeDocumentAsync } from '../core/analyze';
import { WorkspaceEnv, isEnvConfigFile } from '../core/env';
import { isPackageManifest } from '../core/packages';
import { languageIdForFile } from '../core/languages';
import type { Finding, Range } from '../core/types';
import { relPath, sortFindings } from '../cli/report';
import { scan } from '../cli/scan';
import type { ToolOutcome } from './outcome';
import { echoText } from './validate';

export interface AnalyzeInput {
  path: string;
  text?: string;
  startLine?: number;
  endLine?: number;
}

export interface AnalyzeOptions {
  /** Workspace roots the tool may read; the first one resolves relative paths. */
  roots: readonly string[];
  /** The text of a file as the editor holds it (unsaved changes), when it is open. */
  openText?: (absolutePath: string) => string | undefined;
}

/** At most this many findings go back to the agent (the count says when more exist). */
export const MAX_FINDINGS = 200;
const MAX_SKIPPED = 20;

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The real path when it exists (symlinks resolved), else the path itself. */
const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * Env/config files and package manifests of the file's folder and every folder above it up to the root
 * (nearest wins in WorkspaceEnv).
 */
function envAround(file: string, root: string): WorkspaceEnv {
  const env = new WorkspaceEnv();
  for (let dir = dirname(file); inside(root, dir); dir = dirname(dir)) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // unreadable folder: no values from it
    }
    for (const name of [...names, '.vscode/launch.json']) {
      const path = join(dir, name);
      if (!(isEnvConfigFile(path) || isPackageManifest(path)) || !existsSync(path)) continue;
      try {
        if (statSync(path).size <= 1024 * 1024) env.set(path, readFileSync(path, 'utf8'));
      } catch {
        // unreadable config file: skipped
      }
    }
    if (dir === dirname(dir)) break;
  }
  return env;
}

/** The engine's own size limit for a document (larger files are skipped with a reason). */
const MAX_FILE_BYTES = 8_000_000;

function readSmallFile(path: string): string | undefined {
  return statSync(path).size > MAX_FILE_BYTES ? undefined : readFileSync(path, 'utf8');
}

const oneBased = (range: Range) => ({
  line: range.start.line + 1,
  column: range.start.character + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.character + 1,
});

function describe(root: string, findings: readonly Finding[]) {
  return sortFindings(findings).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    file: relPath(root, f.file),
    ...oneBased(f.range),
    message: f.message,
    docs: f.docsUrl,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      edits: fix.edits.map((e) => ({ file: relPath(root, e.file), ...oneBased(e.range), newText: e.newText })),
    })),
  }));
}

export async function analyzeTarget(input: AnalyzeInput, options: AnalyzeOptions): Promise<ToolOutcome> {
  if (options.roots.length === 0)
    return { ok: false, error: 'No workspace folder is open: there is nothing to analyse.' };
  const absolute = resolve(options.roots[0], input.path);
  const root = options.roots.find((r) => inside(real(r), real(absolute)) && inside(r, absolute));
  if (!root)
    return {
      ok: false,
      error: `"${echoText(input.path)}" is outside the workspace (${options.roots.join(', ')}); only workspace files are analysed.`,
    };
  const exists = existsSync(absolute);
  const isFolder = exists && statSync(absolute).isDirectory();
  const selection = input.startLine !== undefined || input.endLine !== undefined;
  if (selection && isFolder)
    return { ok: false, error: '"startLine"/"endLine" select lines of a file, but "path" is a folder.' };
  if (input.text !== undefined && isFolder)
    return { ok: false, error: '"text" is the text of one file, but "path" is a folder.' };
  const startLine = input.startLine ?? 1;
  const endLine = input.endLine ?? input.startLine ?? Number.MAX_SAFE_INTEGER;
  if (endLine < startLine) return { ok: false, error: `"endLine" (${endLine}) is before "startLine" (${startLine}).` };

  let findings: Finding[];
  let filesScanned: number;
  let skipped: Array<{ file: string; reason: string }> = [];
  if (!exists && input.text === undefined)
    return { ok: false, error: `"${echoText(relPath(root, absolute))}" does not exist.` };
  // One file: read as the editor holds it (or from disk) and analysed with the env/config files of its
  // folders, as a scan of its folder would; a folder: the CLI's scan.
  const text = input.text ?? (isFolder ? undefined : (options.openText?.(absolute) ?? readSmallFile(absolute)));
  if (!isFolder) {
    if (text === undefined)
      return {
        ok: false,
        error: `"${echoText(relPath(root, absolute))}" is larger than ${MAX_FILE_BYTES / 1_000_000} MB.`,
      };
    const languageId = languageIdForFile(absolute);
    if (!languageId)
      return {
        ok: false,
        error: `"${echoText(relPath(root, absolute))}" is not a file type the analyser reads (source code, .env, appsettings, .http, shell...).`,
      };
    const around = envAround(absolute, root);
    const result = await analyzeDocumentAsync(text, languageId, {
      fileName: absolute,
      env: around.sourceFor(absolute),
      packages: around.packages.sourceFor(absolute),
    });
    findings = result.findings;
    filesScanned = result.skipped ? 0 : 1;
    if (result.skipped) skipped = [{ file: absolute, reason: result.skipped }];
  } else {
    const result = await scan([absolute], root, {});
    findings = result.findings;
    filesScanned = result.filesScanned;
    skipped = result.skipped;
  }
  if (selection) {
    findings = findings.filter((f) => f.range.start.line + 1 <= endLine && f.range.end.line + 1 >= startLine);
  }
  const described = describe(root, findings);
  return {
    ok: true,
    result: {
      target: relPath(root, absolute),
      ...(selection ? { lines: { startLine, endLine: input.endLine ?? input.startLine } } : {}),
      filesScanned,
      findingCount: described.length,
      findings: described.slice(0, MAX_FINDINGS),
      ...(described.length > MAX_FINDINGS ? { truncated: `only the first ${MAX_FINDINGS} findings are listed` } : {}),
      ...(skipped.length
        ? { skipped: skipped.slice(0, MAX_SKIPPED).map((s) => ({ file: relPath(root, s.file), reason: s.reason })) }
        : {}),
    },
  };
}
