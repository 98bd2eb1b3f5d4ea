// The pre-commit hook (.pre-commit-hooks.yaml) with the real `pre-commit` tool (Debian's package,
// installed by scripts/install-test-host.sh) on a temporary git repository: a commit that stages a
// bad file is refused with the finding, a good one passes, and only staged content counts.
// Offline: pre-commit's `language: node` normally clones the hook repository and runs `npm install`
// there (which needs the registry). Here the hook definition is taken from .pre-commit-hooks.yaml as
// it is and used as a `repo: local` hook whose only additional dependency is the `npm pack` tarball
// of this checkout; the npm package has no dependencies, so installing it needs no network (an empty
// npm cache and npm_config_offline prove it).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCli } from './badinputSupport';
import { snippet } from './cliSupport';
import { repoRoot } from './repo';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): any; dump(value: unknown): string };

describe('pre-commit hook (real pre-commit, temporary git repository, offline)', function () {
  this.timeout(240_000);
  let scratch = '';
  let repo = '';
  let env: NodeJS.ProcessEnv = {};
  const hooks = yaml.load(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));

  const run = (command: string, args: string[]) => {
    const r = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8', timeout: 200_000 });
    return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };
  const git = (...args: string[]) => {
    const r = run('git', args);
    assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.output}`);
    return r.output;
  };

  before(function () {
    requireCli();
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.equal(
      version.status,
      0,
      'pre-commit is installed (Debian package pre-commit: bash scripts/install-test-host.sh)',
    );
    scratch = realpathSync(mkdtempSync(join(tmpdir(), 'aad-precommit-')));
    const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = join(scratch, JSON.parse(pack.stdout)[0].filename);

    repo = join(scratch, 'repo');
    mkdirSync(repo);
    mkdirSync(join(scratch, 'home'));
    env = {
      PATH: process.env.PATH,
      HOME: join(scratch, 'home'),
      PRE_COMMIT_HOME: join(scratch, 'pre-commit-cache'),
      npm_config_cache: join(scratch, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    git('init', '-q', '-b', 'main');
    const hook = { ...hooks[0], additional_dependencies: [tarball] };
    writeFileSync(join(repo, '.pre-commit-config.yaml'), yaml.dump({ repos: [{ repo: 'local', hooks: [hook] }] }));
    git('add', '.pre-commit-config.yaml');
    git('commit', '-q', '--no-verify', '-m', 'pre-commit config');
    const install = run('pre-commit', ['install']);
    assert.equal(install.code, 0, install.output);
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('.pre-commit-hooks.yaml declares one node hook that runs the CLI on the staged files', () => {
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'azure-ai-auth-doctor');
    assert.equal(hook.language, 'node');
    assert.match(hook.entry, /^azure-ai-auth-doctor scan --fail-on error$/);
    assert.notEqual(hook.pass_filenames, false, 'pre-commit passes the staged files');
    assert.equal(hook.always_run, undefined, 'runs only when files are staged');
  });

  it('refuses a commit that stages a bad file, with the finding', () => {
    writeFileSync(join(repo, 'app.py'), snippet('bad-azureopenai.py.txt'));
    git('add', 'app.py');
    const commit = run('git', ['commit', '-m', 'bad client']);
    assert.notEqual(commit.code, 0, commit.output);
    assert.match(commit.output, /Azure AI Auth Doctor \(Entra ID mistakes\)\.+Failed/);
    assert.match(commit.output, /app\.py/);
    assert.match(commit.output, /openai-class-endpoint/);
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '1', 'nothing was committed');
  });

  it('passes a good commit, and judges the staged content only (unstaged changes and untracked files do not count)', () => {
    writeFileSync(join(repo, 'app.py'), snippet('good-azureopenai.py.txt'));
    git('add', 'app.py');
    // A bad edit left unstaged and an untracked bad file: pre-commit stashes/ignores them.
    writeFileSync(join(repo, 'app.py'), snippet('bad-azureopenai.py.txt'));
    writeFileSync(join(repo, 'wip.py'), snippet('bad-azureopenai.py.txt'));
    const commit = run('git', ['commit', '-m', 'good client']);
    assert.equal(commit.code, 0, commit.output);
    assert.match(commit.output, /Azure AI Auth Doctor \(Entra ID mistakes\)\.+Passed/);
    assert.equal(git('rev-list', '--count', 'HEAD').trim(), '2');
    assert.equal(git('show', 'HEAD:app.py'), snippet('good-azureopenai.py.txt'));
    assert.equal(
      readFileSync(join(repo, 'app.py'), 'utf8'),
      snippet('bad-azureopenai.py.txt'),
      'the unstaged edit is restored',
    );
  });

  it('passes a commit that stages only files the hook does not read', () => {
    writeFileSync(join(repo, 'notes.md'), 'AzureOpenAI notes\n');
    git('add', 'notes.md');
    const commit = run('git', ['commit', '-m', 'notes']);
    assert.equal(commit.code, 0, commit.output);
    assert.match(commit.output, /Azure AI Auth Doctor \(Entra ID mistakes\)\.+(Passed|Skipped)/);
  });
});
