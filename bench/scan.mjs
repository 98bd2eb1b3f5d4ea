// Section 2: the CLI's `scan --format json` against ripgrep and against the previous engine's CLI
// (bench/lib/previousEngine.mjs) on generated trees of 5k / 20k / 50k files (node_modules/ and .git/
// must be skipped), alternating run by run in this process. Reports medians, p95, the CLI/rg and
// CLI/previous-CLI ratios, the CLI's peak RSS and how cost grows with the tree.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTrees } from './lib/tree.mjs';
import { timed, TIME } from './lib/proc.mjs';
import { summarize } from './lib/stats.mjs';

// ratio: issue 7 (against rg); previousRatio: issue 12 (against the previous engine's CLI, 20k files).
export const SCAN_BUDGET = { ratio: 2, previousRatio: 1.25, peakRssMb: 300, linearity: 1.25 };
export const RG_PATTERN = 'openai\\.azure\\.com|services\\.ai\\.azure\\.com|cognitiveservices\\.azure\\.com';
const SIZES = [5000, 20000, 50000];
const NODE_FLOOR = fileURLToPath(new URL('./lib/node-floor.cjs', import.meta.url));
const HEADLINE = 20000;

/**
 * Installs Debian packages with apt-get (root or sudo). Their output goes to stderr so that
 * `npm run bench -- --json` keeps stdout for the JSON.
 */
function aptInstall(packages) {
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', ...packages],
  ]) {
    const command = [...sudo, ...args];
    const result = spawnSync(command[0], command.slice(1), {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      throw new Error(`${command.join(' ')} failed: install Debian package(s) ${packages.join(' ')} and rerun`);
  }
}

/** ripgrep from Debian: installed with apt-get when missing (the bench needs root or sudo for that). */
export function ensureRipgrep(log) {
  const found = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.split('\n')[0];
  log('ripgrep is missing: installing Debian package ripgrep with apt-get');
  aptInstall(['ripgrep']);
  return spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
}

/** GNU time (/usr/bin/time) measures the peak RSS. */
function ensureTime() {
  if (!existsSync(TIME)) aptInstall(['time']);
}

/** The same skip rules for rg: hidden files such as .env are read, .git/ and node_modules/ are not. */
export function rgArgs(root) {
  return [
    '--hidden',
    '--glob',
    '!.git/',
    '--glob',
    '!node_modules/',
    '--line-number',
    '--no-messages',
    '-e',
    RG_PATTERN,
    root,
  ];
}

export function cliArgs(root, cli) {
  return [cli, 'scan', root, '--format', 'json'];
}

/** What the CLI reported about paths it must not have read, and whether it produced JSON. */
function checkCliOutput(stdout) {
  const leaked = (stdout.match(/[\\/](node_modules|\.git)[\\/]/g) || []).length;
  let json = false;
  let findings = null;
  try {
    const parsed = JSON.parse(stdout);
    json = true;
    const list = Array.isArray(parsed) ? parsed : (parsed.findings ?? parsed.results ?? parsed.runs?.[0]?.results);
    if (Array.isArray(list)) findings = list.length;
  } catch {
    /* not JSON */
  }
  return { json, findings, leakedPaths: leaked };
}

export async function benchScan({ benchDir, cli, previousCli, quick, log, sizes = SIZES }) {
  const rgVersion = ensureRipgrep(log);
  ensureTime();
  const trees = ensureTrees(benchDir, sizes, log);
  const rows = [];
  for (const files of [...sizes].sort((a, b) => a - b)) {
    const tree = trees[files];
    const rounds = quick ? (files > HEADLINE ? 1 : 3) : files > HEADLINE ? 3 : 7;
    const cliRuns = [];
    const previousRuns = [];
    const rgRuns = [];
    const rg1Runs = []; // reference only: ripgrep on one thread (the CLI is single-threaded)
    const floorRuns = []; // reference only: walk + read + one regex in Node (lib/node-floor.cjs)
    // Warm-up (page cache, not counted), then the contenders alternate; who goes first rotates every round.
    const firstCli = await timed(process.execPath, cliArgs(tree.root, cli));
    const firstRg = await timed('rg', rgArgs(tree.root));
    const firstPrevious = await timed(process.execPath, cliArgs(tree.root, previousCli));
    for (let round = 0; round < rounds; round++) {
      const contenders = ['cli', 'previous', 'rg', 'rg1', 'floor'];
      const order = [...contenders.slice(round % contenders.length), ...contenders.slice(0, round % contenders.length)];
      for (const who of order) {
        if (who === 'cli') cliRuns.push(await timed(process.execPath, cliArgs(tree.root, cli)));
        else if (who === 'previous') previousRuns.push(await timed(process.execPath, cliArgs(tree.root, previousCli)));
        else if (who === 'rg') rgRuns.push(await timed('rg', rgArgs(tree.root)));
        else if (who === 'rg1') rg1Runs.push(await timed('rg', ['--threads', '1', ...rgArgs(tree.root)]));
        else floorRuns.push(await timed(process.execPath, [NODE_FLOOR, tree.root]));
      }
    }
    const cliWall = summarize(cliRuns.map((r) => r.wallMs));
    const rgWall = summarize(rgRuns.map((r) => r.wallMs));
    const previousWall = summarize(previousRuns.map((r) => r.wallMs));
    const output = checkCliOutput(firstCli.stdout);
    const row = {
      files,
      sourceMb: Math.round(tree.bytes / 1e6),
      azureFiles: tree.azureFiles,
      nodeModulesFiles: tree.nodeModulesFiles,
      gitFiles: tree.gitFiles,
      cli: {
        ...cliWall,
        cpuMs: summarize(cliRuns.map((r) => r.cpuMs)).median,
        peakRssMb: Math.round(Math.max(...cliRuns.map((r) => r.peakRssMb)) * 10) / 10,
        exitCodes: [...new Set(cliRuns.map((r) => r.exitCode))],
        ...output,
        stderr: firstCli.stderr.slice(0, 300),
      },
      previousCli: {
        ...previousWall,
        cpuMs: summarize(previousRuns.map((r) => r.cpuMs)).median,
        peakRssMb: Math.round(Math.max(...previousRuns.map((r) => r.peakRssMb)) * 10) / 10,
        exitCodes: [...new Set(previousRuns.map((r) => r.exitCode))],
        findings: checkCliOutput(firstPrevious.stdout).findings,
      },
      rg: {
        ...rgWall,
        cpuMs: summarize(rgRuns.map((r) => r.cpuMs)).median,
        peakRssMb: Math.round(Math.max(...rgRuns.map((r) => r.peakRssMb)) * 10) / 10,
        matchedLines: firstRg.stdout.split('\n').filter(Boolean).length,
      },
      nodeFloor: {
        ...summarize(floorRuns.map((r) => r.wallMs)),
        cpuMs: summarize(floorRuns.map((r) => r.cpuMs)).median,
      },
      rgOneThread: { ...summarize(rg1Runs.map((r) => r.wallMs)), cpuMs: summarize(rg1Runs.map((r) => r.cpuMs)).median },
      ratio: Math.round((cliWall.median / rgWall.median) * 100) / 100,
      previousRatio: Math.round((cliWall.median / previousWall.median) * 100) / 100,
      cpuRatio: 0,
    };
    row.cpuRatio = Math.round((row.cli.cpuMs / Math.max(1, row.rg.cpuMs)) * 100) / 100;
    row.cli.usPerFile = Math.round((cliWall.median * 1000) / files);
    row.pass = {
      ratio: row.ratio <= SCAN_BUDGET.ratio,
      previousRatio: row.previousRatio <= SCAN_BUDGET.previousRatio,
      peakRss: row.cli.peakRssMb < SCAN_BUDGET.peakRssMb,
      skipsNodeModulesAndGit: output.leakedPaths === 0,
      producedJson: output.json,
    };
    rows.push(row);
    log(
      `scan ${files} files: CLI median ${cliWall.median} ms (p95 ${cliWall.p95}), previous CLI median ${previousWall.median} ms (p95 ${previousWall.p95}, ratio ${row.previousRatio}), rg median ${rgWall.median} ms (p95 ${rgWall.p95}), ratio ${row.ratio} (CPU ${row.cli.cpuMs} / ${row.rg.cpuMs} ms), rg -j1 ${row.rgOneThread.median} ms, Node floor ${row.nodeFloor.median} ms (CPU ${row.nodeFloor.cpuMs} ms), CLI peak RSS ${row.cli.peakRssMb} MB, findings ${output.findings}, leaked ${output.leakedPaths}`,
    );
  }
  // Linear growth: cost per file at the largest tree against the smallest (1.0 = perfectly linear;
  // below 1 the fixed start-up cost dominates the small tree).
  const small = rows[0];
  const large = rows[rows.length - 1];
  const linearity = Math.round((large.cli.median / large.files / (small.cli.median / small.files)) * 100) / 100;
  return {
    rgVersion,
    rows,
    headline: rows.find((r) => r.files === HEADLINE) ?? rows[rows.length - 1],
    linearity,
    linearityPass: linearity <= SCAN_BUDGET.linearity,
  };
}
