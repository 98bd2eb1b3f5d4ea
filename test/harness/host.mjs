// The real VS Code test host, shared by every runner (integration, UI, vsix, `npm start`):
// finds the cached Node 24 + code-server (scripts/install-test-host.sh), starts the Azure
// emulator when it is built, starts code-server on a free loopback port in its own process group,
// and kills whole process groups on exit, failure or Ctrl-C. Plain ESM so runners need no build;
// host.d.mts gives TypeScript callers (test/ui/workbench.ts) its types.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.139.1';
export const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The repository root: the nearest folder upwards from cwd whose package.json is this extension. */
export function repoRoot() {
  let dir = process.cwd();
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'azure-ai-auth-doctor') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('run this from inside the azure-ai-auth-doctor checkout');
    dir = parent;
  }
}

/** Paths of the installed test host; throws with the install command when it is missing. */
export function hostPaths() {
  const cache = process.env.TEST_HOST_CACHE || join(homedir(), '.cache', 'azure-ai-auth-doctor', 'test-host');
  const node = join(cache, 'node24', 'node_modules', 'node', 'bin', 'node');
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const installed = existsSync(node) && existsSync(join(codeServerDir, '.installed'));
  return { cache, node, entry, installed };
}

export function requireHost() {
  const paths = hostPaths();
  if (!paths.installed) {
    throw new Error(`the test host is not installed in ${paths.cache}; run: bash scripts/install-test-host.sh`);
  }
  return paths;
}

/** Runs scripts/install-test-host.sh when the host is missing (its output goes to ours). */
export function ensureHost() {
  if (hostPaths().installed) return hostPaths();
  // Installer output goes to stderr: callers such as `npm run bench -- --json` keep stdout for results.
  const result = spawnSync('bash', [join(repoRoot(), 'scripts', 'install-test-host.sh')], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('installing the test host failed');
  return requireHost();
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// ---- process groups -------------------------------------------------------------------------

const liveGroups = new Set();
/** Scratch folders of hosts not stopped yet: removed on exit too, so a killed or failed run leaves none in /tmp. */
const liveScratch = new Set();
let exitHooksInstalled = false;

function removeScratch(dir) {
  liveScratch.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* a process of the group still writing into it; nothing more to do on the way out */
  }
}

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL whatever group is still alive.
  process.on('exit', () => {
    for (const pid of liveGroups) killGroupNow(pid, 'SIGKILL');
    for (const dir of liveScratch) removeScratch(dir);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const pid of liveGroups) killGroupNow(pid, 'SIGTERM');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function killGroupNow(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the group, SIGKILL it after graceMs if anything is still alive. */
export async function killGroup(pid, graceMs = 3000) {
  if (!pid) return;
  killGroupNow(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) killGroupNow(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

/** Spawns command in a new process group (detached), tracked so the runner's exit kills it. */
export function spawnGroup(command, args, options) {
  installExitHooks();
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Tracked until killGroup runs: when the leader exits, its children may still be alive.
  if (child.pid) liveGroups.add(child.pid);
  return child;
}

/** Resolves with the first stdout/stderr match of pattern, rejects on exit or timeout. */
function waitForOutput(child, pattern, timeoutMs, what, transcript) {
  return new Promise((resolveMatch, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not start within ${timeoutMs / 1000} s. Output:\n${transcript.join('')}`));
    }, timeoutMs);
    const onData = () => {
      const match = transcript.join('').match(pattern);
      if (match) {
        cleanup();
        resolveMatch(match);
      }
    };
    const onExit = (code) => {
      cleanup();
      reject(new Error(`${what} exited (code ${code}) before it was ready. Output:\n${transcript.join('')}`));
    };
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

function captureOutput(child, transcript, echo) {
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      transcript.push(chunk);
      if (echo) process.stderr.write(chunk);
    });
  }
}

// ---- Azure emulator -------------------------------------------------------------------------

/**
 * Starts out/test/emulator/main.js (built by `node esbuild.config.mjs --tests`) when it exists.
 * Returns { url, stop() } or undefined when there is no emulator yet.
 */
export async function startEmulator({ echo = false } = {}) {
  const root = repoRoot();
  const main = join(root, 'out', 'test', 'emulator', 'main.js');
  if (!existsSync(main)) return undefined;
  const transcript = [];
  const child = spawnGroup(process.execPath, [main, '--port', '0'], { cwd: root, env: process.env });
  captureOutput(child, transcript, echo);
  const match = await waitForOutput(child, /EMULATOR_URL=(http:\/\/\S+)/, 30_000, 'the Azure emulator', transcript);
  return { url: match[1], output: transcript, stop: () => killGroup(child.pid) };
}

// ---- code-server ----------------------------------------------------------------------------

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Starts code-server in its own process group on a free loopback port.
 * options: { userDataDir?, extensionsDir?, env?, settings?, echo?, host? ('127.0.0.1'), port? (a free one),
 *            workspaceTrust? (false: --disable-workspace-trust, every folder trusted; true: trust on, so
 *            a folder never trusted before, as in a fresh user-data-dir, opens in restricted mode),
 *            smokeTestDriver? (true; false: notifications show, but no development payload is honoured) }
 * Returns { url, port, pid, userDataDir, extensionsDir, output, stop(), logsText() }.
 */
export async function startCodeServer(options = {}) {
  const { node, entry } = requireHost();
  const root = repoRoot();
  const scratch = mkdtempSync(join(tmpdir(), 'aad-cs-'));
  installExitHooks();
  if (!options.keepScratch) liveScratch.add(scratch);
  const userDataDir = options.userDataDir || join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir || join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trustSettings = options.workspaceTrust
    ? {
        'security.workspace.trust.enabled': true,
        // No "Do you trust the authors?" dialog: the folder simply stays untrusted.
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
      }
    : {};
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...trustSettings, ...(options.settings || {}) }, null, 2),
  );
  const host = options.host || '127.0.0.1';
  const port = options.port || (await freePort());
  const env = { ...process.env, ...(options.env || {}) };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  // The access-check helper may put a fake `az` (a credential source) in test/emulator/bin.
  env.PATH = [join(root, 'test', 'emulator', 'bin'), env.PATH].join(delimiter);
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--ignore-last-opened',
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    // Keep this env (PATH with test/emulator/bin, the emulator URL) in the extension host: without this
    // flag VS Code rebuilds the extension host's PATH from a login shell and the fake `az` is lost.
    '--vscode-option',
    'force-disable-user-env',
  ];
  const transcript = [];
  const child = spawnGroup(node, args, { cwd: root, env });
  captureOutput(child, transcript, options.echo);
  try {
    await waitForOutput(child, /HTTP server listening on/, 60_000, 'code-server', transcript);
  } catch (error) {
    await killGroup(child.pid);
    if (!options.keepScratch) removeScratch(scratch);
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: child.pid,
    exited: new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code))),
    userDataDir,
    extensionsDir,
    scratch,
    output: transcript,
    logsText: () => collectLogs(userDataDir),
    async stop() {
      await killGroup(child.pid);
      if (!options.keepScratch) removeScratch(scratch);
    },
  };
}

/** Installs a .vsix into extensionsDir with code-server's CLI (no server needed). */
export function installVsix(vsixPath, { extensionsDir, userDataDir }) {
  const { node, entry } = requireHost();
  const result = spawnSync(
    node,
    [
      entry,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsixPath,
      '--force',
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `code-server --install-extension ${vsixPath} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

/** Text of every extension-host log under the user-data-dir (what a failing suite printed there). */
export function collectLogs(userDataDir, pattern = /exthost|remoteexthost|remoteagent/i) {
  const logsDir = join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return '';
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (pattern.test(full) && full.endsWith('.log')) files.push(full);
    }
  };
  walk(logsDir);
  return files.map((file) => `----- ${file}\n${readFileSync(file, 'utf8')}`).join('\n');
}

/**
 * The workbench URL. With tests: the development payload (extensionDevelopmentPath and
 * extensionTestsPath as vscode-remote URIs, honoured because of enable-smoke-test-driver).
 */
export function workbenchUrl(server, { folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${resolve(path)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  // A .code-workspace file opens a multi-root workspace; a folder opens that folder.
  const open = workspace
    ? `workspace=${encodeURIComponent(resolve(workspace))}`
    : `folder=${encodeURIComponent(resolve(folder))}`;
  return `${server.url}/?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Launches Debian's chromium through playwright-core (resolved from the repo's node_modules). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Runs fn with a hard timeout; rejects with a clear message naming what timed out. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`TIMEOUT: ${what} did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
