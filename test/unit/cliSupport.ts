// Shared by the CLI suites: builds a workspace tree in a temp folder from a {path: content} map
// (snippets from test/fixtures/cli/snippets), runs dist/cli.js as a child process, parses its output.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI } from './badinputSupport';

const SNIPPETS = join(__dirname, '../../../test/fixtures/cli/snippets');

export const snippet = (name: string): string => readFileSync(join(SNIPPETS, name), 'utf8');

export function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aad-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonReport {
  version: number;
  filesScanned: number;
  findings: Array<{
    rule: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
    fixes: Array<{
      title: string;
      preferred: boolean;
      edits: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; newText: string }>;
    }>;
  }>;
}

export function json(run: Run): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 400)}\nstderr: ${run.stderr.slice(0, 400)}`);
  }
}
