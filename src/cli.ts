// The command-line interface (dist/cli.js, bin `azure-ai-auth-doctor`): `scan` for CI pipelines and
// GitHub code scanning, `explain` for pasted error messages, `mcp` for coding agents. Same engine as the extension.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { explain } from './core/explain';
import { compatiblePreferredFixes, FIX_PASSES, preferredFix } from './core/policy';
import type { Fix } from './core/types';
import { HELP, parseArgs, UsageError, type Command } from './cli/args';
import { applyFixesToDisk } from './cli/applyFixes';
import { jsonReport, relPath, sarifReport, textReport } from './cli/report';
import { runScanWorker, scan, type ScanResult } from './cli/scan';
import { readStdinBounded } from './cli/stdin';
import { markConflictingSharedValues } from './cli/sharedValues';
import { placeholderIn } from './core/placeholders';
import { printable, safeText } from './core/redact';
import { MCP_HELP, runMcp } from './cli/mcp';
import packageJson from '../package.json';

// A scan parses short, focused texts: V8's optimising compile of the grammars' WebAssembly costs more
// CPU (~0.4 s per thread) than it saves (a 20k-file scan: 1.36 -> 1.07 s wall, 2.5 -> 1.9 s CPU). The
// flag is process-wide, so only the CLI sets it; the extension host keeps V8's defaults.
setFlagsFromString('--liftoff-only');

const VERSION: string = packageJson.version;
/** explain reads at most this much of standard input (it looks at the first 200,000 characters). */
const MAX_EXPLAIN_INPUT_BYTES = 1024 * 1024;

/** The scan's worker threads run this same file. */
const WORKER_ROLE = 'azure-ai-auth-doctor-scan';

async function runScan(
  command: Extract<Command, { kind: 'scan' }>,
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const options = {
    workerScript: typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined,
  };
  // Findings whose fixes disagree about a shared env/config value lose their preferred fix (and say why).
  const scanned = async (): Promise<ScanResult> => {
    const r = await scan(command.paths, cwd, command.rules, options);
    return { ...r, findings: markConflictingSharedValues(r.findings, r.valueUses) };
  };
  let result: ScanResult = await scanned();
  const notes: string[] = [];
  if (command.fix) {
    let fixedProblems = 0;
    const fixedFiles = new Set<string>();
    const untouched = new Map<string, string>();
    const lastApplied = new Map<string, string>();
    const needsPerson = new Map<string, string>();
    for (let pass = 0; pass < FIX_PASSES; pass++) {
      // A file is not fixed again with the very same edits it already received (the fix did not take).
      const candidates = result.findings.filter((f) => {
        const fix = preferredFix(f);
        const placeholder = fix && placeholderIn(fix);
        if (placeholder) {
          needsPerson.set(`${f.file}:${f.range.start.line}:${f.rule}`, placeholder);
          return false; // a value only a person knows: never written into code
        }
        return (
          fix &&
          fix.edits.length &&
          fix.edits.every((e) => !untouched.has(e.file) && lastApplied.get(e.file) !== JSON.stringify(fix.edits))
        );
      });
      const fixes: Fix[] = compatiblePreferredFixes(candidates);
      if (fixes.length === 0) break;
      const outcome = applyFixesToDisk(fixes, result.texts);
      for (const { file, reason } of outcome.untouched) untouched.set(file, reason);
      if (outcome.changed.size === 0) break;
      for (const [file, count] of outcome.changed) {
        fixedFiles.add(file);
        fixedProblems += count;
      }
      for (const fix of fixes)
        for (const e of fix.edits) if (outcome.changed.has(e.file)) lastApplied.set(e.file, JSON.stringify(fix.edits));
      result = await scanned(); // re-analyse what the fixes left
    }
    notes.push(
      `Fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles.size} file${fixedFiles.size === 1 ? '' : 's'}.`,
    );
    for (const [file, reason] of untouched) notes.push(`Left ${relPath(cwd, file)} untouched: ${reason}.`);
    if (needsPerson.size) {
      const examples = [...new Set(needsPerson.values())].slice(0, 3).join(', ');
      notes.push(
        `Not fixed automatically: ${needsPerson.size} problem${needsPerson.size === 1 ? '' : 's'} whose fix needs a value only you know (${examples}).`,
      );
    }
  }

  const show = (file: string) => printable(relPath(cwd, file));
  if (command.format === 'text') {
    out(
      textReport(
        cwd,
        result.filesScanned,
        result.findings,
        result.skipped,
        notes,
        result.configProblems,
        result.problems,
      ),
    );
  } else {
    out(
      command.format === 'json'
        ? jsonReport(cwd, result.filesScanned, result.findings)
        : sarifReport(cwd, VERSION, result.findings),
    );
    // The JSON/SARIF documents carry nothing extra: skipped files and fix notes go to stderr.
    for (const p of result.problems)
      err(`azure-ai-auth-doctor: could not scan ${show(p.file)}: ${safeText(p.reason)}\n`);
    for (const s of result.skipped) err(`azure-ai-auth-doctor: skipped ${show(s.file)}: ${safeText(s.reason)}\n`);
    for (const p of result.configProblems) err(`azure-ai-auth-doctor: ${show(p.file)}: ${safeText(p.reason)}\n`);
    for (const note of notes) err(`azure-ai-auth-doctor: ${safeText(note)}\n`);
  }
  // Engine bugs are never silent: each on stderr (rule, file, first stack lines), and exit code 3.
  for (const e of result.internalErrors) {
    err(`azure-ai-auth-doctor: internal error in ${e.rule} on ${show(e.file)}: ${safeText(e.message)}\n`);
    if (e.stack) err(`${safeText(e.stack).replace(/^/gm, '    ')}\n`);
  }
  if (result.internalErrors.length > 0) return 3;
  // A path that could not be scanned outranks findings: the answer is incomplete (see --help).
  if (result.problems.length) return 2;
  const threshold = command.failOn;
  if (threshold === 'never') return 0;
  const failing = result.findings.some(
    (f) => f.severity === 'error' || (threshold === 'warning' && f.severity === 'warning'),
  );
  return failing ? 1 : 0;
}

async function runExplain(command: Extract<Command, { kind: 'explain' }>, out: (s: string) => void): Promise<number> {
  const text = command.text === '-' ? await readStdinBounded(MAX_EXPLAIN_INPUT_BYTES) : command.text;
  const explanation = explain(text);
  if (command.format === 'json') {
    out(JSON.stringify(explanation, null, 2) + '\n');
    return 0;
  }
  const lines = [
    explanation.scenario ? `Scenario: ${explanation.scenario}` : 'Scenario: none (no known Entra ID scenario matches)',
    explanation.title,
    '',
    `Root cause: ${explanation.rootCause}`,
    '',
    `Solution: ${explanation.solution}`,
  ];
  if (explanation.links.length) lines.push('', 'Read more:', ...explanation.links.map((l) => `  ${l}`));
  // The explanation may echo pasted text (the audiences a service named): one printable line each.
  out(lines.map(safeText).join('\n') + '\n');
  return 0;
}

export async function main(
  argv: readonly string[],
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  if (argv[0] === 'mcp') return runMcp(argv.slice(1), cwd, VERSION, out, err);
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`azure-ai-auth-doctor: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  switch (command.kind) {
    case 'help':
      out(HELP.replace('\nOptions:', `${MCP_HELP}\nOptions:`));
      return 0;
    case 'version':
      out(`${VERSION}\n`);
      return 0;
    case 'explain':
      return runExplain(command, out);
    case 'scan':
      return runScan(command, cwd, out, err);
  }
}

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE) {
  runScanWorker(parentPort);
} else if (require.main === module) {
  const chunks: string[] = [];
  const finish = (code: number) => {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      // A reader that stops early (`| head`) closes the pipe: exit quietly with the same code.
      if (e.code === 'EPIPE') process.exit(code);
      // Any other failure (a full disk, > /dev/full) lost the report: say so, and never exit 0.
      process.stderr.write(`azure-ai-auth-doctor: could not write the report (${e.code ?? e.message})\n`);
      process.exit(Math.max(code, 2));
    });
    // Write stdout in one go and exit only once it is flushed (large JSON/SARIF through a pipe).
    process.stdout.write(chunks.join(''), (e) => {
      if (!e) process.exit(code);
    });
  };
  main(
    process.argv.slice(2),
    process.cwd(),
    (s) => chunks.push(s),
    (s) => process.stderr.write(s),
  ).then(finish, (e) => {
    process.stderr.write(`azure-ai-auth-doctor: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    finish(3);
  });
}
