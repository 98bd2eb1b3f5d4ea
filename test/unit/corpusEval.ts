// Runs the engine over the fixture corpus (test/fixtures/corpus/<language>/...) and compares findings
// with the expectations written in the files: a comment `expect: <rule>[, <rule>]` on the line where
// the finding starts, `expect-next-line: <rule>` on the line above it, or a sidecar
// `<file>.expect.json` ({"expect": [{"line": <1-based>, "rule": "<id>"}]}) for files without comments.
// Files with no expectation are negatives: they must produce no finding. Shared by corpus.test.ts and
// scripts/eval.mjs (precision / recall per rule and per language).
// Golden files pin the rest: the sidecar's `findings` (rule, messageId, full range) and `<file>.fixed`
// (the text after the file's preferred fixes, applied with the product's applyTextEdits). They are
// written with AAD_UPDATE_CORPUS=1 and reviewed in the diff; the markers stay the hand-written truth.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { isCandidateFile, languageIdForFile } from '../../src/core/languages';
import { WorkspaceEnv, isEnvConfigFile } from '../../src/core/env';
import { isPackageManifest } from '../../src/core/packages';
import type { Finding, InternalError, Range } from '../../src/core/types';
import { applyTextEdits } from '../../src/core/fixes';
import { compatiblePreferredFixes, preferredFix } from '../../src/core/policy';
import { moduleReader } from '../../src/core/model/modules';
import { writeFileSync, rmSync } from 'node:fs';
export { ensureAllParsers } from '../../src/core/parse/runtime';

export interface Expectation {
  line: number; // 0-based
  rule: string;
}

export interface CaseResult {
  file: string; // relative to the corpus root, forward slashes
  path: string; // absolute
  text: string;
  language: string; // first folder under the corpus root
  languageId: string;
  expected: Expectation[];
  findings: Finding[];
  truePositives: Expectation[];
  falsePositives: Finding[];
  falseNegatives: Expectation[];
  skipped?: string;
  internalErrors: InternalError[];
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

/** A finding as the golden sidecar pins it: `range` is 1-based "line:column-line:column". */
export interface GoldenFinding {
  rule: string;
  messageId: string;
  range: string;
}

interface Sidecar {
  expect?: Array<{ line: number; rule: string }>;
  findings?: GoldenFinding[];
}

const sidecarOf = (file: string) => `${file}.expect.json`;
export const fixedFileOf = (file: string): string => `${file}.fixed`;

function readSidecar(file: string): Sidecar | undefined {
  const path = sidecarOf(file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Sidecar) : undefined;
}

export function readExpectations(file: string, text: string): Expectation[] {
  const sidecar = readSidecar(file);
  if (sidecar?.expect) return sidecar.expect.map((e) => ({ line: e.line - 1, rule: e.rule }));
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

/** The corpus cases (relative paths, as CaseResult.file) without analysing them. */
export function listCorpus(root = corpusRoot()): string[] {
  return walk(root)
    .filter((f) => !f.endsWith('.expect.json') && !f.endsWith('.fixed') && !/README\.md$/i.test(f))
    .filter((f) => isCandidateFile(f) && languageIdForFile(f))
    .map((f) => relative(root, f).split(sep).join('/'));
}

/** `transform` rewrites each case's text before analysis (the parse-focus test pads it); expectations are read from the file. */
export function evaluateCorpus(
  root = corpusRoot(),
  transform: (text: string, languageId: string) => string = (text) => text,
): CaseResult[] {
  const files = walk(root).filter(
    (f) => !f.endsWith('.expect.json') && !f.endsWith('.fixed') && !/README\.md$/i.test(f),
  );
  const env = new WorkspaceEnv();
  for (const f of files) if (isEnvConfigFile(f) || isPackageManifest(f)) env.set(f, readFileSync(f, 'utf8'));
  // cross-file constants (`from .settings import ENDPOINT`, `import { ENDPOINT } from "./config"`): the
  // imported file is read when it is in the corpus, as the workspace would have it
  const inCorpus = resolve(root) + sep;
  const readModule = moduleReader((f) =>
    resolve(f).startsWith(inCorpus) && existsSync(f) && statSync(f).isFile() ? readFileSync(f, 'utf8') : undefined,
  );
  const results: CaseResult[] = [];
  for (const file of files) {
    if (!isCandidateFile(file)) continue;
    const languageId = languageIdForFile(file);
    if (!languageId) continue;
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file).split(sep).join('/');
    const expected = readExpectations(file, text);
    const result = analyzeDocument(transform(text, languageId), languageId, {
      fileName: file,
      env: env.sourceFor(file),
      packages: env.packages.sourceFor(file),
      readModule,
    });
    const findings = result.findings;
    const key = (line: number, rule: string) => `${line}:${rule}`;
    const actual = new Set(findings.map((f) => key(f.range.start.line, f.rule)));
    const want = new Set(expected.map((e) => key(e.line, e.rule)));
    results.push({
      file: rel,
      path: file,
      text,
      language: rel.split('/')[0],
      languageId,
      expected,
      findings,
      truePositives: expected.filter((e) => actual.has(key(e.line, e.rule))),
      falseNegatives: expected.filter((e) => !actual.has(key(e.line, e.rule))),
      falsePositives: findings.filter((f) => !want.has(key(f.range.start.line, f.rule))),
      skipped: result.skipped,
      internalErrors: result.internalErrors,
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

const oneBased = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

export function goldenFindings(findings: readonly Finding[]): GoldenFinding[] {
  return findings.map((f) => ({ rule: f.rule, messageId: f.messageId, range: oneBased(f.range) }));
}

/** What the sidecar says, or undefined when there is no golden yet. */
export function readGoldenFindings(r: CaseResult): GoldenFinding[] | undefined {
  return readSidecar(r.path)?.findings;
}

/** The file's text after its preferred fixes that edit only this file (what fix-all gives in one pass). */
export function fixedText(r: CaseResult): string | undefined {
  const local = r.findings.filter((f) => preferredFix(f)?.edits.every((e) => e.file === r.path));
  return applyTextEdits(
    r.text,
    compatiblePreferredFixes(local).flatMap((x) => x.edits),
  );
}

export function readGoldenFixed(r: CaseResult): string {
  const path = fixedFileOf(r.path);
  return existsSync(path) ? readFileSync(path, 'utf8') : r.text;
}

/** AAD_UPDATE_CORPUS=1: rewrites the golden findings and fixed texts (never the hand-written `expect`). */
export const updatingGoldens = (): boolean => process.env.AAD_UPDATE_CORPUS === '1';

export function writeGoldens(r: CaseResult): void {
  const sidecar = readSidecar(r.path) ?? {};
  const findings = goldenFindings(r.findings);
  if (findings.length === 0 && !sidecar.expect) rmSync(sidecarOf(r.path), { force: true });
  else {
    const lines = ['{'];
    const list = (key: string, items: unknown[], last: boolean) =>
      lines.push(
        `  "${key}": [${items.length ? '\n' + items.map((i) => `    ${JSON.stringify(i)}`).join(',\n') + '\n  ' : ''}]${last ? '' : ','}`,
      );
    if (sidecar.expect) list('expect', sidecar.expect, findings.length === 0);
    if (findings.length) list('findings', findings, true);
    lines.push('}');
    writeFileSync(sidecarOf(r.path), lines.join('\n') + '\n');
  }
  const fixed = fixedText(r);
  if (fixed === undefined || fixed === r.text) rmSync(fixedFileOf(r.path), { force: true });
  else writeFileSync(fixedFileOf(r.path), fixed);
}
