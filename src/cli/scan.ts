// One scan pass: walk the paths, read the env/config files into a WorkspaceEnv, then read and
// analyse every candidate file (cheap checks first: size, binary, trigger bytes), collecting
// findings and the reasons files were skipped. In large trees a worker thread reads and filters the
// files while the main thread walks, and the main thread analyses the few files it finds: on two cores
// that measured best (20k files: 1.17x the regex engine; two readers plus the analysing main thread,
// three busy threads on two cores, 1.37x). Nothing from the workspace is executed.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeDocument, internalError } from '../core/analyze';
import { ensureParser, isParsedLanguage, parserReady } from '../core/parse/runtime';
import { applyRuleSeverities } from '../core/policy';
import { dedupeWorkspaceFindings } from '../core/workspaceFindings';
import { WorkspaceEnv, isEnvConfigFile, parseEnvConfig } from '../core/env';
import { isPackageManifest } from '../core/packages';
import { languageIdForFile } from '../core/languages';
import { bytesMayHaveFindings, mayHaveFindings } from '../core/prefilter';
import type { AnalysisContext, Finding, InternalError, Range, RuleSeverities } from '../core/types';
import {
  decode,
  encodingOf,
  isBinary,
  MAX_FILE_BYTES,
  minifiedReason,
  readFileBounded,
  type DecodedText,
} from './fileText';
import { walk } from './walk';
import { workspaceModules } from './workspaceModules';

export interface Skipped {
  file: string;
  reason: string;
}

/** An engine internal error (AnalysisResult.internalErrors) and the file it happened on. */
export interface FileInternalError extends InternalError {
  file: string;
}

export interface ScanResult {
  /** Rules that threw (engine bugs): reported on stderr, exit code 3; the scan goes on. */
  internalErrors: FileInternalError[];
  filesScanned: number;
  findings: Finding[];
  skipped: Skipped[];
  /** Paths that should have been scanned and were not (missing, unreadable): they make the exit code 2. */
  problems: Skipped[];
  /** The text each file with findings had when analysed (what --fix must find unchanged before editing). */
  texts: Map<string, DecodedText>;
  /** Env/config files read only in part (malformed lines or JSON), with the first problems found. */
  configProblems: Skipped[];
  /** Which clients read each env/config value (what --fix must not change for one at the others' expense). */
  valueUses: ValueUse[];
}

/** A client (by class) in `file` that reads the env/config value at `value` (file and range, see valueKey). */
export interface ValueUse {
  value: string;
  file: string;
  className: string;
}

export const valueKey = (file: string, range: Range): string =>
  `${file}\u0000${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

/** Below this many files one thread is faster than starting workers. */
export const WORKER_THRESHOLD = 3000;
const CHUNK = 200;

interface Accumulator {
  filesScanned: number;
  findings: Finding[];
  internalErrors: FileInternalError[];
  skipped: Skipped[];
  problems: Skipped[];
  texts: Array<[string, DecodedText]>;
  valueUses: ValueUse[];
  /** Files waiting for their language's grammar (loaded once, when the first such file turns up). */
  deferred: Array<[string, DecodedText]>;
}

const emptyAccumulator = (): Accumulator => ({
  deferred: [],
  filesScanned: 0,
  findings: [],
  internalErrors: [],
  skipped: [],
  problems: [],
  texts: [],
  valueUses: [],
});

/** Records a file that was not read: declined (skipped) or failed (a problem, counted in the exit code). */
function notRead(path: string, outcome: { skip: string; failed?: boolean }, acc: Accumulator): void {
  (outcome.failed ? acc.problems : acc.skipped).push({ file: path, reason: outcome.skip });
}

/** Reads and decodes a file for its text, or records why it was skipped. */
function loadText(path: string, acc: Accumulator, scratch?: Buffer): DecodedText | undefined {
  const outcome = readFileBounded(path, MAX_FILE_BYTES, scratch);
  if ('skip' in outcome) {
    notRead(path, outcome, acc);
    return undefined;
  }
  const encoding = encodingOf(outcome.bytes);
  if (isBinary(outcome.bytes, encoding)) {
    acc.skipped.push({ file: path, reason: 'binary (contains NUL bytes)' });
    return undefined;
  }
  return decode(outcome.bytes, encoding);
}

/** Reads the workspace files a scanned file imports constants from (set per scan). */
let readModule: AnalysisContext['readModule'];

const grammarLoaded = ([path]: [string, DecodedText]) => parserReady(languageIdForFile(path) ?? '');

/** Analyses the deferred files whose grammar has loaded meanwhile (each load starts with its first file). */
function analyseLoaded(env: WorkspaceEnv, rules: RuleSeverities, acc: Accumulator): void {
  if (!acc.deferred.some(grammarLoaded)) return;
  const loaded = acc.deferred.filter(grammarLoaded);
  acc.deferred = acc.deferred.filter((item) => !grammarLoaded(item));
  for (const [path, decoded] of loaded) analyse(path, decoded, env, rules, acc);
}

/** Loads the grammars the deferred files need, then analyses them. */
async function drainDeferred(env: WorkspaceEnv, rules: RuleSeverities, acc: Accumulator): Promise<void> {
  while (acc.deferred.length) {
    const items = acc.deferred.splice(0);
    const languages = new Set(items.map(([path]) => languageIdForFile(path) ?? ''));
    await Promise.all([...languages].map((id) => ensureParser(id).catch(() => false)));
    for (const [path, decoded] of items) analyse(path, decoded, env, rules, acc, true);
  }
}

/** Analyses a file's text and records its findings (or why it was skipped, or defers it until its grammar is loaded). */
function analyse(
  path: string,
  decoded: DecodedText,
  env: WorkspaceEnv,
  rules: RuleSeverities,
  acc: Accumulator,
  final = false,
): void {
  const minified = minifiedReason(decoded.text, path);
  if (minified) {
    acc.skipped.push({ file: path, reason: minified });
    return;
  }
  const languageId = languageIdForFile(path);
  if (!languageId) return;
  try {
    const result = analyzeDocument(decoded.text, languageId, {
      fileName: path,
      env: env.sourceFor(path),
      packages: env.packages.sourceFor(path),
      rules,
      readModule,
    });
    if (result.parserPending && !final) {
      acc.deferred.push([path, decoded]);
      void ensureParser(result.parserPending).catch(() => false); // compiles while other files are read
      return;
    }
    if (result.parserPending) {
      acc.problems.push({ file: path, reason: `the ${languageId} parser could not be loaded` });
      return;
    }
    for (const error of result.internalErrors) acc.internalErrors.push({ file: path, ...error });
    if (result.skipped) {
      acc.skipped.push({ file: path, reason: result.skipped });
      return;
    }
    for (const e of result.endpoints) {
      if (!e.source) continue;
      const className = result.clients.find((c) => c.endpoint?.url === e.info.url)?.className ?? '';
      acc.valueUses.push({ value: valueKey(e.source.file, e.source.range), file: path, className });
    }
    const findings = applyRuleSeverities(result.findings, rules);
    if (findings.length) {
      acc.findings.push(...findings);
      acc.texts.push([path, decoded]);
    }
  } catch (e) {
    acc.internalErrors.push({ file: path, ...internalError('engine', e) });
  }
}

/** Checks and analyses one candidate source file (env/config files come with their text already read). */
function processFile(
  path: string,
  preloaded: DecodedText | undefined,
  env: WorkspaceEnv,
  rules: RuleSeverities,
  scratch: Buffer,
  acc: Accumulator,
): void {
  if (preloaded) acc.filesScanned++;
  const decoded = preloaded ?? readCandidate(path, scratch, acc);
  if (decoded) analyse(path, decoded, env, rules, acc);
}

/**
 * Messages between the scan and its workers. While the main thread walks, it pushes chunks of files,
 * then the rest round-robin and `end`: a worker reads and filters each chunk at once and sends back the
 * few files that need analysis (`found`), which the main thread analyses (the grammars load once, in
 * one thread, while the workers do the reading); at `end` it reports its counts and skips (`done`).
 */
type ToWorker = { type: 'chunk'; files: string[] } | { type: 'end' };
type FromWorker =
  | { type: 'found'; files: Array<[string, DecodedText]> }
  | { type: 'done'; acc: Accumulator }
  | { type: 'failed'; message: string };

/** Reads and filters a source file; returns its text when it needs analysis. */
function readCandidate(path: string, scratch: Buffer, acc: Accumulator): DecodedText | undefined {
  const outcome = readFileBounded(path, MAX_FILE_BYTES, scratch);
  if ('skip' in outcome) {
    notRead(path, outcome, acc);
    return undefined;
  }
  const bytes = outcome.bytes;
  const encoding = encodingOf(bytes);
  if (isBinary(bytes, encoding)) {
    acc.skipped.push({ file: path, reason: 'binary (contains NUL bytes)' });
    return undefined;
  }
  acc.filesScanned++;
  if (encoding === 'utf8' || encoding === 'utf8bom') {
    // Read and checked: without a trigger word the engine would return at once (the same prefilter).
    return bytesMayHaveFindings(bytes) ? decode(bytes, encoding) : undefined;
  }
  const decoded = decode(bytes, encoding);
  return mayHaveFindings(decoded.text) ? decoded : undefined;
}

/** Worker side: read and filter the chunks it is given, and send back the files that need analysis. */
export function runScanWorker(port: {
  on(event: 'message', listener: (m: ToWorker) => void): void;
  postMessage(m: FromWorker): void;
}): void {
  const acc = emptyAccumulator();
  const scratch = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  port.on('message', (message) => {
    try {
      if (message.type === 'chunk') {
        const found: Array<[string, DecodedText]> = [];
        for (const path of message.files) {
          const decoded = readCandidate(path, scratch, acc);
          if (decoded) found.push([path, decoded]);
        }
        if (found.length) port.postMessage({ type: 'found', files: found });
      } else port.postMessage({ type: 'done', acc });
    } catch (e) {
      port.postMessage({ type: 'failed', message: (e as Error)?.message ?? String(e) });
    }
  });
}

/**
 * Hands the remaining files to the workers (all at once: the main thread is busy analysing what they
 * find and must not keep them waiting for work), analyses what they find, and resolves with their
 * counts and skips.
 */
function finishOnWorkers(
  workers: Worker[],
  files: string[],
  from: number,
  analyseFound: (files: Array<[string, DecodedText]>) => void,
): Promise<Accumulator[]> {
  const done = workers.map(
    (worker) =>
      new Promise<Accumulator>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'found') analyseFound(message.files);
          else if (message.type === 'done') resolve(message.acc);
          else reject(new Error(message.message));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`scan worker exited with code ${code}`)));
      }),
  );
  for (let next = from, turn = 0; next < files.length; next += CHUNK)
    workers[turn++ % workers.length].postMessage({
      type: 'chunk',
      files: files.slice(next, next + CHUNK),
    } satisfies ToWorker);
  for (const worker of workers) worker.postMessage({ type: 'end' } satisfies ToWorker);
  return Promise.all(done);
}

export interface ScanOptions {
  /** Script that runs runScanWorker when started as a worker (the CLI bundle itself); no workers without it. */
  workerScript?: string;
}

export async function scan(
  paths: readonly string[],
  cwd: string,
  rules: RuleSeverities,
  options: ScanOptions = {},
): Promise<ScanResult> {
  // one reader beside the main thread, when there is a second core
  const readers = Math.min(2, availableParallelism()) - 1;
  readModule = workspaceModules(cwd);
  let workers: Worker[] = [];
  const sources: string[] = [];
  let pushed = 0;
  let turn = 0;
  const requested = new Set<string>();
  // Once the tree is known to be large, workers start and get chunks of files while the walk goes on.
  const { files, problems } = walk(paths, cwd, (file, count) => {
    if (count === WORKER_THRESHOLD && options.workerScript && readers >= 1) {
      workers = Array.from(
        { length: readers },
        () => new Worker(options.workerScript!, { workerData: { role: 'azure-ai-auth-doctor-scan' } }),
      );
    }
    if (file.ignored || isEnvConfigFile(file.path)) return;
    sources.push(file.path);
    // a large tree: compile the grammars it will need while the walk goes on (wasm compiles off-thread)
    const languageId = workers.length ? languageIdForFile(file.path) : undefined;
    if (languageId && !requested.has(languageId) && isParsedLanguage(languageId)) {
      requested.add(languageId);
      void ensureParser(languageId).catch(() => false);
    }
    if (workers.length && sources.length - pushed >= CHUNK) {
      workers[turn++ % workers.length].postMessage({
        type: 'chunk',
        files: sources.slice(pushed, pushed + CHUNK),
      } satisfies ToWorker);
      pushed += CHUNK;
    }
  });
  const acc = emptyAccumulator();
  for (const p of problems) (p.failed ? acc.problems : acc.skipped).push({ file: p.path, reason: p.reason });

  // Env/config files: their values feed the analysis of every file below them.
  const env = new WorkspaceEnv();
  const configTexts = new Map<string, DecodedText>();
  const configProblems: Skipped[] = [];
  for (const file of files) {
    if (!isEnvConfigFile(file.path)) continue;
    const decoded = loadText(file.path, acc);
    if (!decoded) continue;
    env.set(file.path, decoded.text);
    const { errors } = parseEnvConfig(file.path, decoded.text);
    if (errors.length) {
      const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
      configProblems.push({
        file: file.path,
        reason: `malformed, read where possible: ${errors.slice(0, 3).join('; ')}${more}`,
      });
    }
    acc.texts.push([file.path, decoded]); // fixes may edit values here: --fix checks it is unchanged
    if (!file.ignored) configTexts.set(file.path, decoded);
  }

  // Package manifests: the versions they ask for decide version-dependent rules (projects-sdk-api).
  for (const file of files) {
    if (!isPackageManifest(file.path)) continue;
    const decoded = loadText(file.path, emptyAccumulator()); // its skips are reported when it is scanned itself
    if (!decoded) continue;
    env.set(file.path, decoded.text);
  }

  const scratch = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
  for (const [path, decoded] of configTexts) processFile(path, decoded, env, rules, scratch, acc);

  const parts: Accumulator[] = [acc];
  let onWorkers = false;
  if (workers.length) {
    // what the workers find is analysed here, apart: if one fails, everything is redone on this thread
    const found = emptyAccumulator();
    try {
      const analyseFound = (items: Array<[string, DecodedText]>) => {
        for (const [path, decoded] of items) analyse(path, decoded, env, rules, found);
        analyseLoaded(env, rules, found);
      };
      parts.push(...(await finishOnWorkers(workers, sources, pushed, analyseFound)));
      await drainDeferred(env, rules, found);
      parts.push(found);
      onWorkers = true;
    } catch {
      parts.length = 1; // a worker failed: analyse everything here instead
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  if (!onWorkers) for (const path of sources) processFile(path, undefined, env, rules, scratch, acc);
  await drainDeferred(env, rules, acc);

  const result: ScanResult = {
    filesScanned: 0,
    findings: [],
    internalErrors: [],
    skipped: [],
    problems: [],
    texts: new Map(),
    configProblems,
    valueUses: [],
  };
  for (const part of parts) {
    result.filesScanned += part.filesScanned;
    result.internalErrors.push(...part.internalErrors);
    result.findings.push(...part.findings);
    result.skipped.push(...part.skipped);
    result.problems.push(...part.problems);
    result.valueUses.push(...part.valueUses);
    for (const [path, text] of part.texts) result.texts.set(path, text);
  }
  result.findings = dedupeWorkspaceFindings(result.findings);
  return result;
}
