// Runs the real CLI (dist/cli.js) as a child process for the bad-input and --fix suites: a hard time
// limit (a hang fails clearly instead of stalling npm test) and parsing of its JSON report.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo';
import type { JsonReport } from './cliSupport';

export const CLI = join(repoRoot, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI with a hard time limit; a hang is a failure with a clear message, not a stuck test run. */
export function runCli(args: string[], cwd: string, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `CLI ${args.join(' ')} did not finish within ${timeoutMs} ms (stderr so far: ${Buffer.concat(err).toString().slice(0, 2000)})`,
        ),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
      });
    });
  });
}

/**
 * Throws unless dist/cli.js is there and starts (`--help` exits 0 and names `scan`). The CLI suites
 * call it in their `before` hook, so a missing or broken build fails them instead of skipping them.
 */
export function requireCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node esbuild.config.mjs`);
  const probe = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8', timeout: 20_000 });
  const output = `${probe.stdout}${probe.stderr}`;
  if (probe.status !== 0 || !/\bscan\b/.test(probe.stdout)) {
    throw new Error(`${CLI} --help exited ${probe.status ?? probe.signal}: ${output.slice(0, 1000)}`);
  }
}

/** One finding of the CLI's JSON report (the schema is declared once, in cliSupport.ts). */
export type JsonFinding = JsonReport['findings'][number];

export function parseJsonReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout);
  } catch (error) {
    throw new Error(
      `stdout is not JSON (exit ${run.code}): ${run.stdout.slice(0, 500)}\nstderr: ${run.stderr.slice(0, 1000)}`,
      { cause: error },
    );
  }
}
