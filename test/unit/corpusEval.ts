// Runs the engine over the fixture corpus (test/fixtures/corpus/<language>/...) and compares findings
// with the expectations written in the files: a comment `expect: <rule>[, <rule>]` on the line where
// the finding starts, `expect-next-line: <rule>` on the line above it, or a sidecar
// `<file>.expect.json` ({"expect": [{"line": <1-based>, "rule": "<id>"}]}) for files without comments.
// Files with no expectation are negatives: they must produce no finding. Shared by corpus.test.ts and
// scripts/eval.mjs (precision / recall per rule and per language).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { isCandidateFile, languageIdForFile } from '../../src/core/languages';
import { WorkspaceEnv, isEnvConfigFile } from '../../src/core/env';
import { isPackageManifest } from '../../src/core/packages';
import type { Finding } from '../../src/core/types';

export interface Expectation {
  line: number; // 0-based
  rule: string;
}

export interface CaseResult {
  file: string; // relative to the corpus root, forward slashes
  language: string; // first folder under the corpus root
  languageId: string;
  expected: Expectation[];
  findings: Finding[];
  truePositives: Expectation[];
  falsePositives: Finding[];
  falseNegatives: Expectation[];
  skipped?: string;
}

const MARKER = /expect(-next-line)?:\s*([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/g;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

export function readExpectations(file: string, text: string): Expectation[] {
  const sidecar = `${file}.expect.json`;
  if (existsSync(sidecar)) {
    const data = JSON.parse(readFileSync(sidecar, 'utf8')) as { expect: Array<{ line: number; rule: string }> };
    return data.expect.map((e) => ({ line: e.line - 1, rule: e.rule }));
  }
  const out: Expectation[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    MARKER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MARKER.exec(line))) {
      for (const rule of m[2].split(/\s*,\s*/)) out.push({ line: m[1] ? i + 1 : i, rule });
    }
  });
  return out;
}

export function corpusRoot(): string {
  const candidates = [
    resolve(__dirname, '../../../test/fixtures/corpus'),
    resolve(__dirname, '../../test/fixtures/corpus'),
    resolve(process.cwd(), 'test/fixtures/corpus'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1];
}

export function evaluateCorpus(root = corpusRoot()): CaseResult[] {
  const files = walk(root).filter((f) => !f.endsWith('.expect.json') && !/README\.md$/i.test(f));
  const env = new WorkspaceEnv();
  for (const f of files) if (isEnvConfigFile(f) || isPackageManifest(f)) env.set(f, readFileSync(f, 'utf8'));
  const results: CaseResult[] = [];
  for (const file of files) {
    if (!isCandidateFile(file)) continue;
    const languageId = languageIdForFile(file);
    if (!languageId) continue;
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file).split(sep).join('/');
    const expected = readExpectations(file, text);
    const result = analyzeDocument(text, languageId, {
      fileName: file,
      env: env.sourceFor(file),
      packages: env.packages.sourceFor(file),
    });
    const findings = result.findings;
    const key = (line: number, rule: string) => `${line}:${rule}`;
    const actual = new Set(findings.map((f) => key(f.range.start.line, f.rule)));
    const want = new Set(expected.map((e) => key(e.line, e.rule)));
    results.push({
      file: rel,
      language: rel.split('/')[0],
      languageId,
      expected,
      findings,
      truePositives: expected.filter((e) => actual.has(key(e.line, e.rule))),
      falseNegatives: expected.filter((e) => !actual.has(key(e.line, e.rule))),
      falsePositives: findings.filter((f) => !want.has(key(f.range.start.line, f.rule))),
      skipped: result.skipped,
    });
  }
  return results;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function score(results: CaseResult[], filter: (rule: string, r: CaseResult) => boolean): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of results) {
    tp += r.truePositives.filter((e) => filter(e.rule, r)).length;
    fn += r.falseNegatives.filter((e) => filter(e.rule, r)).length;
    fp += r.falsePositives.filter((f) => filter(f.rule, r)).length;
  }
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/** Applies same-file edits (non-overlapping) to text; positions are 0-based line/character. */
export function applyEdits(
  text: string,
  edits: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
