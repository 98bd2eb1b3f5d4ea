// Runs a command under /usr/bin/time to get its wall time (measured here) and its peak RSS
// (GNU time's %M, from wait4's rusage), collecting stdout. Used for both the CLI and ripgrep, so
// the two carry the same measurement overhead.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const TIME = '/usr/bin/time';

/** -> { wallMs, cpuMs (user + system, 10 ms resolution), peakRssMb, exitCode, stdout (string), stderr } */
export function timed(command, args, { cwd, env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'aad-bench-'));
  const timeFile = join(scratch, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M %x %U %S', '-o', timeFile, command, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      try {
        const [rssKb, exitCode, user, system] = readFileSync(timeFile, 'utf8')
          .trim()
          .split(/\s+/)
          .slice(-4)
          .map(Number);
        resolve({
          wallMs,
          cpuMs: (user + system) * 1000,
          peakRssMb: rssKb / 1024,
          exitCode,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}
