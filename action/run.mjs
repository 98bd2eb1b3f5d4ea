// The GitHub Action's entry script (action.yml runs it with `node`): scans the checkout with the CLI,
// writes the SARIF file for github/codeql-action/upload-sarif, and hands the outcome to the next steps
// through $GITHUB_OUTPUT (`sarif-file`, `findings`, `failing`). It never fails the job itself: the
// action's last step does, after the upload, so the alerts reach code scanning either way.
// Plain Node (no dependencies, no build): it runs from the action's checkout as is.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const actionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());

/** Paths: one per line; a single line may hold several separated by spaces. */
function listOf(text) {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length === 1 ? lines[0].split(/\s+/) : lines;
}

/** Rule overrides: `id=level`, separated by commas, spaces or newlines. */
const rulesOf = (text) =>
  String(text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);

/** The CLI of this action's own checkout (release tags carry dist/), else the npm package of the same version. */
function cliCommand() {
  const local = join(actionDir, 'dist', 'cli.js');
  if (existsSync(local)) return { command: process.execPath, args: [local], shown: local };
  const version = JSON.parse(readFileSync(join(actionDir, 'package.json'), 'utf8')).version;
  const spec = `azure-ai-auth-doctor@${version}`;
  return { command: 'npx', args: ['--yes', '--package', spec, '--', 'azure-ai-auth-doctor'], shown: `npx ${spec}` };
}

/** Workflow command data escaping (GitHub's toolkit rules). */
const escapeData = (s) => String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function setOutputs(outputs) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(
    env.GITHUB_OUTPUT,
    Object.entries(outputs)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
}

function main() {
  const paths = listOf(env.AAD_PATHS || '.');
  const failOn = (env.AAD_FAIL_ON || 'error').trim();
  const sarifFile = resolve(workspace, env.AAD_SARIF_FILE || 'azure-ai-auth-doctor.sarif');
  const cli = cliCommand();
  const args = [...cli.args, 'scan', '--format', 'sarif', '--fail-on', failOn];
  for (const rule of rulesOf(env.AAD_RULES)) args.push('--rule', rule);
  args.push('--', ...paths);
  console.log(`azure-ai-auth-doctor: scanning ${paths.join(' ')} in ${workspace} (CLI: ${cli.shown})`);
  const run = spawnSync(cli.command, args, { cwd: workspace, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.stderr) process.stderr.write(run.stderr);
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    // 2: a usage error (bad fail-on, unknown rule...): the CLI's message says which input is wrong.
    console.log(
      `::error title=Azure AI Auth Doctor::${escapeData(run.error?.message ?? run.stderr.trim() ?? 'scan failed')}`,
    );
    return run.status === 2 ? 2 : 3;
  }
  const log = JSON.parse(run.stdout);
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, run.stdout);
  const results = log.runs[0].results;
  const failing = run.status === 1;
  const counts = { error: 0, warning: 0, note: 0 };
  for (const r of results) counts[r.level] = (counts[r.level] ?? 0) + 1;
  console.log(
    `azure-ai-auth-doctor: ${results.length} finding(s) (${counts.error} error, ${counts.warning} warning, ${counts.note} note); SARIF written to ${relative(workspace, sarifFile)}`,
  );
  if (env.AAD_UPLOAD === 'false') {
    // Without code scanning, annotations show the findings on the run and the pull request.
    for (const r of results.slice(0, 50)) {
      const loc = r.locations[0].physicalLocation;
      const command = r.level === 'note' ? 'notice' : r.level;
      const props = [
        `file=${escapeProperty(decodeURIComponent(loc.artifactLocation.uri))}`,
        `line=${loc.region.startLine}`,
        `col=${loc.region.startColumn}`,
        `title=${escapeProperty(r.ruleId)}`,
      ].join(',');
      console.log(`::${command} ${props}::${escapeData(r.message.text)}`);
    }
  }
  if (env.GITHUB_STEP_SUMMARY) {
    const byRule = new Map();
    for (const r of results) byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? 0) + 1);
    const rows = [...byRule].sort().map(([rule, n]) => `| \`${rule}\` | ${n} |`);
    appendFileSync(
      env.GITHUB_STEP_SUMMARY,
      `### Azure AI Auth Doctor\n\n${results.length} finding(s) (${counts.error} error, ${counts.warning} warning, ${counts.note} note).\n\n${rows.length ? `| Rule | Findings |\n| --- | --- |\n${rows.join('\n')}\n` : ''}`,
    );
  }
  setOutputs({ 'sarif-file': sarifFile, findings: results.length, failing: failing ? 'true' : 'false' });
  return 0;
}

process.exitCode = main();
