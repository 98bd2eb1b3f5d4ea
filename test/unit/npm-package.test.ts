// The installable CLI, as a user gets it: `npm pack` of this repository, installed from the tarball
// into an empty prefix with an empty npm cache and --offline (so nothing can come from a registry: the
// package must need no dependency at all), then the installed bin run from a folder outside the
// repository: `scan`, `explain`, `--version` and an MCP handshake with the SDK's client.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { requireCli } from './badinputSupport';
import { snippet } from './cliSupport';
import { repoRoot } from './repo';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm package: npm pack, install offline into an empty prefix, run the bin outside the repo', function () {
  this.timeout(180_000);
  let scratch = '';
  let tarball = '';
  let packed: string[] = [];
  let bin = '';
  let workspace = '';
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
  // The bin's `#!/usr/bin/env node` finds this Node; nothing else of the test environment is passed on.
  const env = { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter), HOME: '' };

  before(function () {
    requireCli();
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'aad-npm-')));
    env.HOME = join(scratch, 'home');
    mkdirSync(env.HOME);
    // --ignore-scripts: pack the bundles this test run built (prepack would rebuild dist/ in place).
    const pack = spawnSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(scratch, info.filename);
    packed = info.files.map((f) => f.path);
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('packs the bundles, README and LICENSE, and no sources, tests or source maps', () => {
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/mcp.js', 'dist/azure.js'])
      assert.ok(packed.includes(file), `${file} is packed (${packed.join(', ')})`);
    const unwanted = packed.filter(
      (f) => /^(src|test|out|node_modules|bench|scripts)\//.test(f) || /\.(map|ts)$/.test(f),
    );
    assert.deepEqual(unwanted, []);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(manifest.private, undefined, 'the package is publishable');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'everything is bundled: no runtime dependency');
  });

  it('installs from the tarball into an empty prefix with an empty cache and --offline', () => {
    const prefix = join(scratch, 'prefix');
    mkdirSync(prefix);
    const install = spawnSync(
      NPM,
      [
        'install',
        '--prefix',
        prefix,
        '--offline',
        '--cache',
        join(scratch, 'cache'),
        '--no-audit',
        '--no-fund',
        tarball,
      ],
      { cwd: scratch, encoding: 'utf8', env: { ...env, npm_config_userconfig: join(scratch, 'npmrc') } },
    );
    assert.equal(install.status, 0, install.stderr);
    bin = join(prefix, 'node_modules', '.bin', 'azure-ai-auth-doctor');
    const installed = readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(installed, ['azure-ai-auth-doctor'], 'no other package installed');
  });

  it('runs `scan` on a project outside the repository (bin on PATH via its shebang)', function () {
    assert.ok(bin, 'installed by the previous test');
    workspace = join(scratch, 'project');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'app.py'), snippet('bad-azureopenai.py.txt'));
    const run = spawnSync(bin, ['scan', '--format', 'json'], { cwd: workspace, encoding: 'utf8', env });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.ok(
      report.findings.some(
        (f: { rule: string; file: string }) => f.rule === 'openai-class-endpoint' && f.file === 'app.py',
      ),
    );
    const version2 = spawnSync(bin, ['--version'], { cwd: workspace, encoding: 'utf8', env });
    assert.equal(version2.stdout.trim(), version);
  });

  it('runs `explain`', function () {
    assert.ok(bin, 'installed by the previous test');
    const run = spawnSync(
      bin,
      ['explain', '404 DeploymentNotFound: The API deployment for this resource does not exist.'],
      {
        cwd: scratch,
        encoding: 'utf8',
        env,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Scenario: /);
  });

  it('serves MCP from the installed package (dist/mcp.js is in it)', async function () {
    assert.ok(bin, 'installed by the previous test');
    const client = new Client({ name: 'npm-package-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: bin, args: ['mcp'], cwd: workspace, env, stderr: 'pipe' }),
    );
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ['analyzeFile', 'explainError'],
      );
      const result = await client.callTool({ name: 'analyzeFile', arguments: { path: 'app.py' } });
      assert.match((result.content as Array<{ text: string }>)[0].text, /openai-class-endpoint/);
    } finally {
      await client.close();
    }
  });
});
