// The scan report in the CLI's three formats. JSON is exactly the schema of issue 3 (nothing added);
// SARIF 2.1.0 is what GitHub code scanning accepts; text is for people. Paths are relative to the cwd,
// with forward slashes; positions are 1-based.
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Range, Severity } from '../core/types';
import { RULE_IDS } from '../core/types';
import { partialFingerprints } from './fingerprints';
import { RULE_META } from './ruleMeta';
import { printable, safeText } from '../core/redact';
import { preferredFix } from '../core/policy';
import type { Skipped } from './scan';

export const relPath = (cwd: string, file: string): string => {
  const rel = relative(cwd, file) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
};

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

const oneBased = (range: Range) => ({
  line: range.start.line + 1,
  column: range.start.character + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.character + 1,
});

export function jsonReport(cwd: string, filesScanned: number, findings: readonly Finding[]): string {
  const report = {
    version: 1,
    filesScanned,
    findings: sortFindings(findings).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: relPath(cwd, f.file),
      ...oneBased(f.range),
      message: f.message,
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        preferred: fix.preferred,
        edits: fix.edits.map((e) => ({ file: relPath(cwd, e.file), ...oneBased(e.range), newText: e.newText })),
      })),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

export function textReport(
  cwd: string,
  filesScanned: number,
  findings: readonly Finding[],
  skipped: readonly Skipped[],
  notes: readonly string[],
  configProblems: readonly Skipped[] = [],
  problems: readonly Skipped[] = [],
): string {
  // Everything printed here may come from the scanned tree (file names, values quoted in messages):
  // redacted and stripped of control characters, so a file can neither leak a key nor rewrite the screen.
  const show = (base: string, file: string) => printable(relPath(base, file));
  const lines: string[] = [];
  let currentFile = '';
  const sorted = sortFindings(findings);
  for (const f of sorted) {
    const file = show(cwd, f.file);
    if (file !== currentFile) {
      if (currentFile) lines.push('');
      lines.push(file);
      currentFile = file;
    }
    const { line, column } = oneBased(f.range);
    const preferred = preferredFix(f);
    lines.push(`  ${`${line}:${column}`.padEnd(8)} ${f.severity.padEnd(7)} ${safeText(f.message)}  ${f.rule}`);
    if (preferred) lines.push(`  ${''.padEnd(8)} ${''.padEnd(7)} fix: ${safeText(preferred.title)}`);
  }
  if (sorted.length) lines.push('');
  const count = (s: Severity) => sorted.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    sorted.length
      ? `${plural(sorted.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${plural(filesScanned, 'file')} scanned`
      : `No problems found in ${plural(filesScanned, 'file')} scanned`,
  );
  for (const note of notes) lines.push(safeText(note));
  if (problems.length) {
    lines.push('', `Could not scan ${plural(problems.length, 'path')}:`);
    for (const s of problems) lines.push(`  ${show(cwd, s.file)}: ${safeText(s.reason)}`);
  }
  if (configProblems.length) {
    lines.push('', `Config files with errors (${configProblems.length}):`);
    for (const s of configProblems) lines.push(`  ${show(cwd, s.file)}: ${safeText(s.reason)}`);
  }
  if (skipped.length) {
    lines.push('', `Skipped ${plural(skipped.length, 'file')}:`);
    for (const s of [...skipped].sort((a, b) => (a.file < b.file ? -1 : 1)))
      lines.push(`  ${show(cwd, s.file)}: ${safeText(s.reason)}`);
  }
  return lines.join('\n') + '\n';
}

const sarifLevel = (s: Severity): 'error' | 'warning' | 'note' => (s === 'info' ? 'note' : s);

/** A relative path as a SARIF URI reference: each segment percent-encoded. */
const uriOf = (cwd: string, file: string) => relPath(cwd, file).split('/').map(encodeURIComponent).join('/');

const region = (range: Range) => {
  const r = oneBased(range);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
};

export function sarifReport(cwd: string, version: string, findings: readonly Finding[]): string {
  const ruleIndex = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));
  const rules = RULE_IDS.map((id) => {
    const m = RULE_META[id];
    return {
      id,
      name: m.name,
      shortDescription: { text: m.short.replace(/`/g, ''), markdown: m.short },
      fullDescription: { text: m.full },
      help: { text: `${m.full} See ${m.helpUri}`, markdown: `${m.full}\n\n[Rule documentation](${m.helpUri})` },
      helpUri: m.helpUri,
      defaultConfiguration: { level: sarifLevel(m.defaultSeverity) },
      properties: { tags: ['security', 'azure', 'entra-id'] },
    };
  });
  const location = (file: string, range: Range) => ({
    physicalLocation: { artifactLocation: { uri: uriOf(cwd, file), uriBaseId: '%SRCROOT%' }, region: region(range) },
  });
  const sorted = sortFindings(findings);
  const fingerprints = partialFingerprints(sorted, (f) => relPath(cwd, f.file));
  const results = sorted.map((f, i) => {
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [location(f.file, f.range)],
      partialFingerprints: fingerprints[i],
    };
    if (f.related.length) {
      result.relatedLocations = f.related.map((r, i) => ({
        id: i + 1,
        ...location(r.file, r.range),
        message: { text: r.message },
      }));
    }
    if (f.fixes.length) {
      result.fixes = f.fixes.map((fix) => {
        const byFile = new Map<string, typeof fix.edits>();
        for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
        return {
          description: { text: fix.preferred ? `${fix.title} (preferred)` : fix.title },
          artifactChanges: [...byFile].map(([file, edits]) => ({
            artifactLocation: { uri: uriOf(cwd, file), uriBaseId: '%SRCROOT%' },
            replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          })),
        };
      });
    }
    return result;
  });
  const srcRoot = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'azure-ai-auth-doctor',
            semanticVersion: version,
            version,
            informationUri: 'https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
