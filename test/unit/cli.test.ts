// The CLI end to end (dist/cli.js as a child process): help/version, usage errors (exit 2), the exact
// JSON schema, exit codes per --fail-on, --rule overrides, skipping (gitignore, dependencies,
// virtualenvs, build output), skipped-file reporting, explain (text/JSON/stdin) and --fix.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cli, json, makeTree, snippet } from './cliSupport';
import { requireCli } from './badinputSupport';
import { RULE_IDS, SCENARIO_IDS } from '../../src/core/types';

const BAD = snippet('bad-azureopenai.py.txt');
const GOOD = snippet('good-azureopenai.py.txt');
const WARN_ONLY = snippet('warning-only.package.json.txt');

describe('CLI', function () {
  this.timeout(60_000);
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const root = makeTree(files);
    trees.push(root);
    return root;
  };

  before(function () {
    requireCli();
  });
  after(() => {
    for (const t of trees) rmSync(t, { recursive: true, force: true });
  });

  describe('help, version and usage errors', () => {
    it('--help lists both commands and exits 0', () => {
      const r = cli(['--help'], process.cwd());
      assert.equal(r.code, 0);
      assert.match(r.stdout, /scan \[paths\.\.\.\]/);
      assert.match(r.stdout, /explain "<error text>"/);
      assert.match(r.stdout, /--fail-on error\|warning\|never/);
    });

    it('--version prints the package version', () => {
      const r = cli(['--version'], process.cwd());
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version);
    });

    const usage: Array<[string[], RegExp]> = [
      [[], /missing command/],
      [['lint'], /unknown command "lint"/],
      [['scan', '--format', 'xml'], /--format must be text, json or sarif/],
      [['scan', '--format'], /--format needs a value/],
      [['scan', '--fail-on', 'sometimes'], /--fail-on must be error, warning or never/],
      [['scan', '--rule', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
      [['scan', '--rule', 'token-scope=loud'], /level must be off, info, warning or error/],
      [['scan', '--rule', 'token-scope'], /--rule expects <id>=off\|info\|warning\|error/],
      [['scan', '--frobnicate'], /unknown option for scan: --frobnicate/],
      [['explain'], /explain needs the error text/],
      [['explain', 'x', '--format', 'sarif'], /explain --format must be text or json/],
    ];
    for (const [args, message] of usage) {
      it(`exits 2 with a clear message: ${args.join(' ') || '(no arguments)'}`, () => {
        const r = cli(args, process.cwd());
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
      });
    }
  });

  describe('scan --format json', () => {
    it('has exactly the schema of issue 3', () => {
      const root = tree({ 'src/app.py': BAD, 'package.json': WARN_ONLY, 'ok.py': GOOD });
      const r = cli(['scan', '--format', 'json'], root);
      const report = json(r);
      assert.deepEqual(Object.keys(report), ['version', 'filesScanned', 'findings']);
      assert.equal(report.version, 1);
      assert.equal(report.filesScanned, 3);
      assert.ok(report.findings.length >= 2);
      for (const f of report.findings) {
        assert.deepEqual(Object.keys(f), [
          'rule',
          'severity',
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'message',
          'fixes',
        ]);
        assert.ok((RULE_IDS as readonly string[]).includes(f.rule));
        assert.ok(['error', 'warning', 'info'].includes(f.severity));
        for (const n of [f.line, f.column, f.endLine, f.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
        assert.equal(typeof f.message, 'string');
        for (const fix of f.fixes) {
          assert.deepEqual(Object.keys(fix), ['title', 'preferred', 'edits']);
          assert.equal(typeof fix.preferred, 'boolean');
          for (const e of fix.edits)
            assert.deepEqual(Object.keys(e), ['file', 'line', 'column', 'endLine', 'endColumn', 'newText']);
        }
        if (f.fixes.length) assert.equal(f.fixes.filter((x) => x.preferred).length, 1);
      }
      const endpoint = report.findings.find((f) => f.rule === 'openai-class-endpoint')!;
      assert.equal(endpoint.file, 'src/app.py', 'file is relative to the cwd with forward slashes');
      // azure_endpoint="https://contoso.services.ai.azure.com/models" is on line 6; 1-based columns.
      assert.equal(endpoint.line, 6);
      const line = BAD.split('\n')[5];
      assert.equal(
        line.slice(endpoint.column - 1, endpoint.endColumn - 1).replace(/"/g, ''),
        'https://contoso.services.ai.azure.com/models',
      );
      assert.equal(endpoint.fixes.find((x) => x.preferred)!.edits[0].file, 'src/app.py');
    });

    it('paths are relative to the cwd, also for a scan path elsewhere', () => {
      const root = tree({ 'a/b/app.py': BAD });
      const report = json(cli(['scan', 'a', '--format', 'json'], root));
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['a/b/app.py']);
      const fromInside = json(cli(['scan', '..', '--format', 'json'], join(root, 'a')));
      assert.deepEqual([...new Set(fromInside.findings.map((f) => f.file))], ['b/app.py']);
    });
  });

  describe('exit codes', () => {
    it('1 when an error exists (default --fail-on error), 0 with --fail-on never', () => {
      const root = tree({ 'app.py': BAD });
      assert.equal(cli(['scan'], root).code, 1);
      assert.equal(cli(['scan', '--fail-on', 'never'], root).code, 0);
    });

    it('warnings fail only with --fail-on warning', () => {
      const root = tree({ 'package.json': WARN_ONLY });
      const report = json(cli(['scan', '--format', 'json'], root));
      assert.ok(
        report.findings.length > 0 && report.findings.every((f) => f.severity === 'warning'),
        JSON.stringify(report.findings.map((f) => f.severity)),
      );
      assert.equal(cli(['scan'], root).code, 0);
      assert.equal(cli(['scan', '--fail-on', 'warning'], root).code, 1);
    });

    it('0 on correct code, and the text report says so', () => {
      const root = tree({ 'ok.py': GOOD });
      const r = cli(['scan'], root);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /No problems found in 1 file scanned/);
    });
  });

  describe('--rule', () => {
    it("off removes a rule's findings; a level changes their severity (and the exit code)", () => {
      const root = tree({ 'app.py': BAD });
      const off = json(cli(['scan', '--format', 'json', '--rule', 'openai-class-endpoint=off'], root));
      assert.equal(off.findings.filter((f) => f.rule === 'openai-class-endpoint').length, 0);
      const r = cli(['scan', '--format', 'json', '--rule=openai-class-endpoint=warning'], root);
      const warned = json(r);
      assert.ok(warned.findings.some((f) => f.rule === 'openai-class-endpoint' && f.severity === 'warning'));
      if (warned.findings.every((f) => f.severity !== 'error')) assert.equal(r.code, 0);
    });
  });

  describe('what is walked', () => {
    it("skips .git, node_modules, virtualenvs, build output and .gitignore'd paths", () => {
      const root = tree({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.git/hooks/app.py': BAD,
        '.gitignore': 'ignored/\n*.generated.py\n!keep.generated.py\n/rootonly.py\nlogs/**/*.py\n',
        'app.py': BAD,
        'ignored/app.py': BAD,
        'x.generated.py': BAD,
        'keep.generated.py': BAD,
        'rootonly.py': BAD,
        'nested/rootonly.py': BAD,
        'logs/a/b/c.py': BAD,
        'sub/.gitignore': 'local.py\n',
        'sub/local.py': BAD,
        'sub/other.py': BAD,
        'node_modules/pkg/index.py': BAD,
        '.venv/lib/app.py': BAD,
        'venv/lib/app.py': BAD,
        'myenv/pyvenv.cfg': 'home = /usr/bin\n',
        'myenv/lib/app.py': BAD,
        'dist/app.py': BAD,
        'build/app.py': BAD,
        'bin/app.py': BAD,
        'obj/app.py': BAD,
        'target/app.py': BAD,
        '.next/app.py': BAD,
        '__pycache__/app.py': BAD,
      });
      const report = json(cli(['scan', '--format', 'json', '--fail-on', 'never'], root));
      const files = [...new Set(report.findings.map((f) => f.file))].sort();
      assert.deepEqual(files, ['app.py', 'keep.generated.py', 'nested/rootonly.py', 'sub/other.py']);
    });

    it('applies .gitignore files above the scan root up to the git root', () => {
      const root = tree({ '.git/HEAD': 'x', '.gitignore': 'secret.py\n', 'pkg/secret.py': BAD, 'pkg/app.py': BAD });
      const report = json(cli(['scan', 'pkg', '--format', 'json', '--fail-on', 'never'], root));
      assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['pkg/app.py']);
    });

    it('reads a file named on the command line even when ignored, or a skipped folder named explicitly', () => {
      const root = tree({ '.gitignore': 'app.py\n', 'app.py': BAD, 'dist/x.py': BAD });
      assert.equal(json(cli(['scan', 'app.py', '--format', 'json'], root)).findings.length > 0, true);
      assert.equal(json(cli(['scan', 'dist', '--format', 'json'], root)).findings.length > 0, true);
    });

    it('resolves env values from a gitignored .env without reporting on the .env itself', () => {
      const env = 'AZURE_OPENAI_ENDPOINT=https://contoso.services.ai.azure.com/models\n';
      const root = tree({ '.gitignore': '.env\n', '.env': env, 'app.py': snippet('env-azureopenai.py.txt') });
      const report = json(cli(['scan', '--format', 'json', '--fail-on', 'never'], root));
      const finding = report.findings.find((f) => f.rule === 'openai-class-endpoint');
      assert.ok(finding, `no finding from the .env value: ${JSON.stringify(report.findings)}`);
      assert.equal(finding.file, 'app.py');
      assert.ok(report.findings.every((f) => f.file !== '.env'));
    });

    it('reports a path that does not exist, keeps going, and exits 2 even with --fail-on never', () => {
      const root = tree({ 'app.py': BAD });
      const r = cli(['scan', 'nope', '.', '--format', 'json', '--fail-on', 'never'], root);
      assert.match(r.stderr, /could not scan nope: not found/);
      assert.ok(json(r).findings.length > 0);
      assert.equal(r.code, 2);
    });
  });

  describe('skipped files', () => {
    it('text: a "Skipped" section with the reason; JSON: stderr, and the JSON unchanged', () => {
      const root = tree({
        'app.py': BAD,
        'big.py': '# azure openai\n' + 'x = 1\n'.repeat(200_000),
        'bin.py': 'azure\u0000\u0001',
      });
      const text = cli(['scan', '--fail-on', 'never'], root);
      assert.match(
        text.stdout,
        /Skipped 2 files:\n {2}big\.py: too large \(1\.1 MB; limit 1\.0 MB\)\n {2}bin\.py: binary/,
      );
      const r = cli(['scan', '--format', 'json', '--fail-on', 'never'], root);
      assert.match(r.stderr, /skipped big\.py: too large/);
      assert.match(r.stderr, /skipped bin\.py: binary/);
      assert.deepEqual(Object.keys(json(r)), ['version', 'filesScanned', 'findings']);
    });
  });

  describe('malformed env/config files', () => {
    it('are read where possible and named with the problem (text section; stderr for JSON)', () => {
      const root = tree({
        'appsettings.json':
          '{ "AzureOpenAI": { "Endpoint": "https://contoso.services.ai.azure.com/models" "Other": 1 }',
        '.env': 'GOOD=1\nthis line is odd\n',
        'app.py': BAD,
      });
      const text = cli(['scan', '--fail-on', 'never'], root);
      assert.match(text.stdout, /Config files with errors \(2\):/);
      assert.match(text.stdout, /appsettings\.json: malformed, read where possible: line 1: /);
      assert.match(text.stdout, /\.env: malformed, read where possible: line 2: /);
      const r = cli(['scan', '--format', 'json', '--fail-on', 'never'], root);
      assert.match(r.stderr, /azure-ai-auth-doctor: appsettings\.json: malformed/);
      assert.deepEqual(Object.keys(json(r)), ['version', 'filesScanned', 'findings']);
    });
  });

  describe('text format', () => {
    it('groups by file with line:column, severity, message, rule and the preferred fix', () => {
      const root = tree({ 'app.py': BAD });
      const r = cli(['scan'], root);
      assert.match(r.stdout, /^app\.py\n {2}6:\d+ +error +AzureOpenAI .*openai-class-endpoint\n +fix: /m);
      assert.match(r.stdout, /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file scanned/);
    });
  });

  describe('explain', () => {
    it('prints the scenario, root cause and solution as text', () => {
      const r = cli(['explain', '401 Principal does not have access to API/Operation'], process.cwd());
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Scenario: principal-lacks-permission/);
      assert.match(r.stdout, /Root cause: /);
      assert.match(r.stdout, /Solution: .*Cognitive Services User/);
    });

    it('--format json is exactly {scenario,title,rootCause,solution,links}', () => {
      const r = cli(
        ['explain', '--format', 'json', '{"error":{"code":"DeploymentNotFound","message":"x"}}'],
        process.cwd(),
      );
      const e = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(e), ['scenario', 'title', 'rootCause', 'solution', 'links']);
      assert.equal(e.scenario, 'deployment-not-found');
      assert.ok((SCENARIO_IDS as readonly string[]).includes(e.scenario));
      assert.ok(Array.isArray(e.links) && e.links.length > 0);
    });

    it('reads standard input for "-"', () => {
      const r = cli(
        ['explain', '-', '--format', 'json'],
        process.cwd(),
        'Traceback...\nopenai.RateLimitError: Error code: 429\n',
      );
      const e = JSON.parse(r.stdout);
      assert.equal(e.scenario, null);
      assert.match(e.title, /429/);
    });

    it('joins unquoted words', () => {
      const e = JSON.parse(
        cli(['explain', '--format', 'json', 'Public', 'access', 'is', 'disabled'], process.cwd()).stdout,
      );
      assert.equal(e.scenario, 'public-access-disabled');
    });
  });

  describe('--fix', () => {
    const noTemps = (root: string) => {
      const leftovers: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(dir, e.name));
          else if (/\.tmp$/.test(e.name)) leftovers.push(e.name);
        }
      };
      walk(root);
      assert.deepEqual(leftovers, []);
    };

    it('applies the preferred fix in place, re-analyses, and reports what is left', () => {
      const root = tree({ 'app.py': BAD, 'ok.py': GOOD });
      const before = json(cli(['scan', '--format', 'json'], root));
      const preferred = before.findings
        .find((f) => f.rule === 'openai-class-endpoint')!
        .fixes.find((x) => x.preferred)!;
      const r = cli(['scan', '--fix', '--format', 'json'], root);
      const after = json(r);
      assert.equal(after.findings.filter((f) => f.rule === 'openai-class-endpoint').length, 0, r.stdout);
      assert.match(
        readFileSync(join(root, 'app.py'), 'utf8'),
        new RegExp(preferred.edits[0].newText.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
      );
      assert.equal(readFileSync(join(root, 'ok.py'), 'utf8'), GOOD);
      assert.match(r.stderr, /Fixed \d+ problems? in 1 file/);
      assert.equal(r.code, after.findings.some((f) => f.severity === 'error') ? 1 : 0);
      noTemps(root);
      // A second run has nothing left to fix and changes nothing.
      const fixed = readFileSync(join(root, 'app.py'), 'utf8');
      cli(['scan', '--fix'], root);
      assert.equal(readFileSync(join(root, 'app.py'), 'utf8'), fixed);
    });

    it('edits the value in the .env file when the endpoint came from there', () => {
      // a deployment URL where the resource root belongs: the fix is the value itself (one finding, on app.py)
      const root = tree({
        '.env': 'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/openai/deployments/gpt-4o\n',
        'app.py': snippet('env-azureopenai.py.txt'),
      });
      const before = json(cli(['scan', '--format', 'json'], root));
      const finding = before.findings.find((f) => f.rule === 'openai-class-endpoint');
      assert.ok(finding);
      const edit = finding.fixes.find((x) => x.preferred)!.edits[0];
      assert.equal(edit.file, '.env');
      cli(['scan', '--fix'], root);
      assert.equal(readFileSync(join(root, '.env'), 'utf8'), `AZURE_OPENAI_ENDPOINT=${edit.newText}\n`);
      assert.equal(readFileSync(join(root, 'app.py'), 'utf8'), snippet('env-azureopenai.py.txt'));
      noTemps(root);
    });

    it('keeps CRLF line endings and the file mode', () => {
      const root = tree({ 'app.py': BAD.replace(/\n/g, '\r\n') });
      chmodSync(join(root, 'app.py'), 0o640);
      cli(['scan', '--fix'], root);
      const text = readFileSync(join(root, 'app.py'), 'utf8');
      assert.notEqual(text, BAD.replace(/\n/g, '\r\n'));
      assert.ok(!/[^\r]\n/.test(text), 'a bare LF appeared');
      assert.equal(statSync(join(root, 'app.py')).mode & 0o777, 0o640);
    });

    it('text output says how many problems were fixed', () => {
      const root = tree({ 'app.py': BAD });
      assert.match(cli(['scan', '--fix', '--fail-on', 'never'], root).stdout, /Fixed [1-9]\d* problems? in 1 file\./);
    });

    it("leaves a read-only folder's file untouched and says why", function () {
      if (process.getuid?.() === 0) this.skip(); // root writes anywhere
      const root = tree({ 'ro/app.py': BAD });
      chmodSync(join(root, 'ro'), 0o555);
      const r = cli(['scan', '--fix', '--fail-on', 'never'], root);
      chmodSync(join(root, 'ro'), 0o755);
      assert.match(r.stdout, /Left ro\/app\.py untouched: write failed/);
      assert.equal(readFileSync(join(root, 'ro/app.py'), 'utf8'), BAD);
    });
  });

  it('never leaves the fixtures it scans modified (scan without --fix is read-only)', () => {
    const root = tree({ 'app.py': BAD });
    cli(['scan', '--format', 'sarif'], root);
    assert.equal(readFileSync(join(root, 'app.py'), 'utf8'), BAD);
    assert.ok(!existsSync(join(root, '.azure-ai-auth-doctor')));
  });
});
