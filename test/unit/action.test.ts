// The GitHub Action (action.yml + action/run.mjs): its documented inputs, and its entry script run
// the way the runner runs it (node, GITHUB_WORKSPACE / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY, inputs as
// environment variables) on a fixture workspace, without network: the SARIF it writes validates
// against the SARIF 2.1.0 schema, its partialFingerprints are the same across two runs and survive
// lines added above a finding, and bad inputs stop it with the CLI's message.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCli } from './badinputSupport';
import { makeTree, snippet } from './cliSupport';
import { repoRoot } from './repo';
import { sarifValidator } from './sarifSchema';
import { RULE_IDS } from '../../src/core/types';
import { FINGERPRINT_KEY } from '../../src/cli/fingerprints';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): any };

const ENTRY = join(repoRoot, 'action', 'run.mjs');

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  sarif?: any;
}

function runAction(workspace: string, inputs: Record<string, string>): ActionRun {
  const scratch = mkdtempSync(join(tmpdir(), 'aad-action-'));
  const outputFile = join(scratch, 'output');
  const summaryFile = join(scratch, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  try {
    const r = spawnSync(process.execPath, [ENTRY], {
      cwd: scratch, // the runner's cwd is not the workspace: the script must use GITHUB_WORKSPACE
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...inputs,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const sarif = outputs['sarif-file'] ? JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) : undefined;
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      outputs,
      summary: readFileSync(summaryFile, 'utf8'),
      sarif,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const fingerprints = (sarif: any): string[] =>
  sarif.runs[0].results.map((r: any) => `${r.ruleId} ${r.partialFingerprints[FINGERPRINT_KEY]}`).sort();

describe('GitHub Action (action.yml, action/run.mjs)', function () {
  this.timeout(120_000);
  const validate = sarifValidator();
  let workspace = '';

  before(function () {
    requireCli();
    workspace = makeTree({
      'src/app.py': snippet('bad-azureopenai.py.txt'),
      'src/again.py': snippet('bad-azureopenai.py.txt') + '\n' + snippet('bad-azureopenai.py.txt'),
      'package.json': snippet('warning-only.package.json.txt'),
      'docs/readme.md': 'no code here\n',
    });
  });
  after(() => workspace && rmSync(workspace, { recursive: true, force: true }));

  it('action.yml documents every input and wires scan -> upload-sarif (optional) -> fail-on', () => {
    const action = yaml.load(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    assert.ok(action.name && action.description);
    for (const input of ['paths', 'fail-on', 'rules', 'sarif-file', 'upload', 'category']) {
      assert.ok(action.inputs[input], `input ${input}`);
      assert.ok(action.inputs[input].description.length > 20, `input ${input} is documented`);
      assert.ok('default' in action.inputs[input], `input ${input} has a default`);
    }
    assert.equal(action.runs.using, 'composite');
    const [scan, upload, enforce] = action.runs.steps;
    assert.match(scan.run, /node "\$GITHUB_ACTION_PATH\/action\/run\.mjs"/);
    assert.ok(
      !/\$\{\{\s*inputs\./.test(scan.run),
      'inputs are passed as environment variables, never spliced into the script',
    );
    assert.match(upload.uses, /^github\/codeql-action\/upload-sarif@v\d+$/);
    assert.match(upload.if, /inputs\.upload == 'true'/);
    assert.equal(upload.with.sarif_file, '${{ steps.scan.outputs.sarif-file }}');
    assert.match(enforce.if, /steps\.scan\.outputs\.failing == 'true'/);
    assert.match(enforce.run, /exit 1/);
    for (const env of ['AAD_PATHS', 'AAD_FAIL_ON', 'AAD_RULES', 'AAD_SARIF_FILE', 'AAD_UPLOAD'])
      assert.ok(scan.env[env], env);
  });

  let first: ActionRun;
  it('writes schema-valid SARIF for the workspace and reports the outcome as step outputs', () => {
    first = runAction(workspace, {
      AAD_PATHS: '.',
      AAD_FAIL_ON: 'error',
      AAD_SARIF_FILE: 'reports/aad.sarif',
      AAD_UPLOAD: 'true',
    });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /CLI: .*dist\/cli\.js/, 'the CLI of the checkout, not npx (no network)');
    assert.equal(first.outputs['sarif-file'], join(workspace, 'reports', 'aad.sarif'));
    const sarif: any = first.sarif;
    assert.ok(validate({ ...sarif }), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const results = sarif.runs[0].results;
    assert.equal(first.outputs.findings, String(results.length));
    assert.equal(first.outputs.failing, 'true', 'error findings with fail-on error');
    assert.deepEqual(
      first.sarif.runs[0].tool.driver.rules.map((r: any) => r.id),
      [...RULE_IDS],
    );
    assert.ok(
      results.some(
        (r: any) =>
          r.ruleId === 'openai-class-endpoint' && r.locations[0].physicalLocation.artifactLocation.uri === 'src/app.py',
      ),
    );
    assert.ok(!/::error /.test(first.stdout), 'no annotations when the SARIF is uploaded');
    assert.match(first.summary, /\| `openai-class-endpoint` \| \d+ \|/);
  });

  it('gives every result a partialFingerprints entry, distinct within a run (identical findings by occurrence)', () => {
    const prints = first.sarif.runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);
    for (const p of prints) assert.match(p, /^[0-9a-f]{32}:\d+$/);
    assert.equal(
      new Set(
        prints.map(
          (p: string, i: number) =>
            `${first.sarif.runs[0].results[i].locations[0].physicalLocation.artifactLocation.uri} ${p}`,
        ),
      ).size,
      prints.length,
    );
    assert.ok(
      prints.some((p: string) => p.endsWith(':2')),
      'the repeated snippet in again.py counts occurrences',
    );
  });

  it('partialFingerprints are stable across two runs, and across lines added above the findings', () => {
    const second = runAction(workspace, { AAD_SARIF_FILE: 'reports/aad.sarif' });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(fingerprints(second.sarif), fingerprints(first.sarif));
    const moved = makeTree({
      'src/app.py': '# a comment\n\n# and another\n' + snippet('bad-azureopenai.py.txt'),
      'src/again.py': snippet('bad-azureopenai.py.txt') + '\n' + snippet('bad-azureopenai.py.txt'),
      'package.json': snippet('warning-only.package.json.txt'),
    });
    try {
      const third = runAction(moved, {});
      const lines = (s: any) => s.runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine);
      assert.notDeepEqual(lines(third.sarif), lines(first.sarif), 'the findings did move');
      assert.deepEqual(fingerprints(third.sarif), fingerprints(first.sarif));
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  it('applies paths and rule overrides; fail-on never never fails; upload false adds annotations', () => {
    const all = runAction(workspace, {});
    assert.ok(
      all.sarif.runs[0].results.some((r: any) => r.ruleId === 'sdk-version'),
      'the manifest has sdk-version findings',
    );
    const r = runAction(workspace, {
      AAD_PATHS: 'src package.json',
      AAD_RULES: 'sdk-version=off,\nopenai-class-endpoint=warning',
      AAD_FAIL_ON: 'never',
      AAD_UPLOAD: 'false',
    });
    assert.equal(r.code, 0, r.stderr);
    const results = r.sarif.runs[0].results;
    assert.ok(results.length > 0);
    assert.ok(!results.some((x: any) => x.ruleId === 'sdk-version'), 'sdk-version=off');
    assert.ok(
      results.filter((x: any) => x.ruleId === 'openai-class-endpoint').every((x: any) => x.level === 'warning'),
    );
    assert.equal(r.outputs.failing, 'false');
    assert.match(r.stdout, /^::warning file=src\/app\.py,line=\d+,col=\d+,title=openai-class-endpoint::/m);
    const docsOnly = runAction(workspace, { AAD_PATHS: 'docs' });
    assert.equal(docsOnly.outputs.findings, '0');
    assert.equal(docsOnly.outputs.failing, 'false');
  });

  for (const [inputs, expected] of [
    [{ AAD_FAIL_ON: 'sometimes' }, /--fail-on must be error, warning or never \(got "sometimes"\)/],
    [{ AAD_RULES: 'no-such-rule=off' }, /unknown rule "no-such-rule"/],
    [{ AAD_RULES: 'sdk-version' }, /--rule expects <id>=off\|info\|warning\|error/],
  ] as Array<[Record<string, string>, RegExp]>) {
    it(`stops with the CLI's message on bad input ${JSON.stringify(inputs)}`, () => {
      const r = runAction(workspace, inputs);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^::error title=Azure AI Auth Doctor::/m);
      assert.match(r.stdout + r.stderr, expected);
      assert.equal(r.outputs['sarif-file'], undefined, 'no SARIF for a failed scan');
    });
  }
});
