// Secrets never travel further than the file they were found in: the CLI's text, JSON and SARIF
// (which CI uploads to GitHub code scanning), `explain` and the agent tools of the MCP server (results
// and errors, with secrets put into their input too) never echo a key or token, even when the finding
// is about that very key; and no token-shaped value is committed anywhere in the repository
// (test snapshots included). The in-host counterpart (access check, logs, reports) is
// test/integration/security.test.ts; the report/log formatting functions are covered below when present.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { requireCli, runCli } from './badinputSupport';
import { repoRoot } from './repo';
import { startMcp, type McpSession } from './mcpSupport';

const root = repoRoot;

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** Recognisable fake secrets (built at run time, so this file does not itself commit a token). */
const SECRETS = {
  hexKey: 'f00dfeed' + 'c0ffee42'.repeat(3),
  longKey: 'Zx' + 'Q7wLmN3pRtY8vK2sJd5G'.repeat(4) + 'Ab', // 84 characters, like a Foundry key
  jwt: `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ aud: 'https://cognitiveservices.azure.com', oid: 'leak-test', exp: 4102444800 })}.${'c2lnbmF0dXJlLWxlYWstdGVzdA'}`,
};

/** True when `text` contains the secret or any 12-character piece of it (a partial echo is a leak too). */
function leaks(text: string, secret: string): string | undefined {
  for (let i = 0; i + 12 <= secret.length; i += 4) {
    const piece = secret.slice(i, i + 12);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

function writeTree(dir: string): void {
  const files: Record<string, string> = {
    'app.py': [
      'from openai import AzureOpenAI',
      `client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key="${SECRETS.hexKey}", api_version="2024-10-21")`,
      `static = AzureOpenAI(azure_endpoint="https://contoso.services.ai.azure.com/models", azure_ad_token="${SECRETS.jwt}", api_version="2024-10-21")`,
      '',
    ].join('\n'),
    'Program.cs': `var c = new ChatCompletionsClient(new Uri("https://contoso.services.ai.azure.com/models"), new AzureKeyCredential("${SECRETS.longKey}"));\n`,
    '.env': `AZURE_OPENAI_ENDPOINT=https://contoso.services.ai.azure.com/models\nAZURE_OPENAI_API_KEY=${SECRETS.hexKey}\nAZURE_OPENAI_AD_TOKEN=${SECRETS.jwt}\n`,
    'calls.http': `POST https://contoso.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-10-21\napi-key: ${SECRETS.jwt}\n\n###\nPOST https://contoso.services.ai.azure.com/models/chat/completions\nAuthorization: ${SECRETS.longKey}\n`,
    'call.sh': `curl https://contoso.openai.azure.com/openai/deployments/gpt/chat/completions -H "Authorization: Bearer ${SECRETS.hexKey}"\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

describe('security: secrets are never echoed', function () {
  this.timeout(120_000);

  describe('CLI output', () => {
    let tree = '';
    before(function () {
      requireCli();
      tree = mkdtempSync(join(tmpdir(), 'aad-secrets-'));
      writeTree(tree);
    });
    after(() => {
      if (tree) rmSync(tree, { recursive: true, force: true });
    });

    for (const format of ['text', 'json', 'sarif']) {
      it(`scan --format ${format} never prints a key or token from the scanned files`, async () => {
        const run = await runCli(['scan', '.', '--format', format, '--fail-on', 'never'], tree);
        assert.equal(run.code, 0, run.stderr.slice(0, 1000));
        for (const [name, secret] of Object.entries(SECRETS)) {
          const piece = leaks(run.stdout + run.stderr, secret);
          assert.equal(piece, undefined, `${name} echoed in ${format} output (piece ${piece?.slice(0, 4)}…)`);
        }
      });
    }

    it('explain never echoes a token or key pasted with the error text', async () => {
      const pasted = `POST /openai/deployments/gpt/chat/completions\nAuthorization: Bearer ${SECRETS.jwt}\napi-key: ${SECRETS.hexKey}\n401 {"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}`;
      for (const format of ['text', 'json']) {
        const run = await runCli(['explain', pasted, '--format', format], tree);
        for (const [name, secret] of Object.entries(SECRETS)) {
          if (name === 'longKey') continue;
          const piece = leaks(run.stdout + run.stderr, secret);
          assert.equal(piece, undefined, `${name} echoed by explain --format ${format}`);
        }
      }
    });
  });

  describe('agent tools (MCP server, what a coding agent reads)', () => {
    let tree = '';
    let mcp: McpSession | undefined;
    before(async function () {
      requireCli();
      tree = mkdtempSync(join(tmpdir(), 'aad-secrets-mcp-'));
      writeTree(tree);
      mcp = await startMcp(['--allow-access-check'], tree);
    });
    after(async () => {
      await mcp?.close();
      if (tree) rmSync(tree, { recursive: true, force: true });
    });

    const pasted = () =>
      `POST /openai/deployments/gpt/chat/completions\nAuthorization: Bearer ${SECRETS.jwt}\napi-key: ${SECRETS.hexKey}\n401 Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.`;
    const calls = (): Array<[string, unknown]> => [
      ['analyzeFile', { path: '.' }],
      ...['app.py', 'Program.cs', '.env', 'calls.http', 'call.sh'].map((path): [string, unknown] => [
        'analyzeFile',
        { path },
      ]),
      ['analyzeFile', { path: 'new.py', text: `key = "${SECRETS.longKey}"\ntoken = "${SECRETS.jwt}"\n${pasted()}` }],
      ['explainError', { errorText: pasted() }],
      // Secrets in the wrong places: every error must leave them out.
      ['analyzeFile', { path: SECRETS.hexKey }],
      ['analyzeFile', { path: 'app.py', [SECRETS.longKey]: 1 }],
      ['analyzeFile', { path: 'app.py', startLine: SECRETS.jwt }],
      ['explainError', { errorText: pasted(), identity: SECRETS.hexKey }],
      ['checkAccess', { endpoint: `https://contoso.openai.azure.com/?api-key=${SECRETS.hexKey}` }],
      ['checkAccess', { endpoint: `https://contoso.openai.azure.com/${SECRETS.jwt}` }],
      ['checkAccess', { endpoint: SECRETS.longKey }],
      ['checkAccess', { endpoint: 'https://contoso.openai.azure.com', deployment: SECRETS.jwt }],
      ['checkAccess', { endpoint: 'https://contoso.openai.azure.com', identity: SECRETS.hexKey }],
      [SECRETS.longKey, {}],
    ];

    it('no tool result or error repeats a key or token from the files or from its input', async function () {
      assert.ok(mcp, 'the MCP server started');
      let answered = 0;
      for (const [name, args] of calls()) {
        const r = await mcp.call(name, args);
        answered++;
        for (const [secret, value] of Object.entries(SECRETS)) {
          const piece = leaks(r.text, value);
          assert.equal(
            piece,
            undefined,
            `${secret} echoed by ${name} (${r.isError ? 'error' : 'result'}): piece ${piece?.slice(0, 4)}…`,
          );
        }
      }
      assert.equal(answered, calls().length);
    });

    it('the analyse results are not vacuous: they report the keys and tokens they do not repeat', async function () {
      assert.ok(mcp, 'the MCP server started');
      const r = JSON.parse((await mcp.call('analyzeFile', { path: '.' })).text);
      const rules = new Set(r.findings.map((f: { rule: string }) => f.rule));
      assert.ok(rules.has('hardcoded-key') && rules.has('static-token'), [...rules].join(', '));
    });
  });

  describe('repository', () => {
    /** Tracked and new (not ignored) files: what a commit can contain. Generated trees (bench data, out/) are ignored. */
    function files(): string[] {
      const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (listed.status !== 0) return [];
      return listed.stdout
        .split('\0')
        .filter(Boolean)
        .map((f) => join(root, f))
        .filter((f) => existsSync(f) && statSync(f).isFile() && statSync(f).size < 2 * 1024 * 1024);
    }

    it('commits no JWT-shaped token (tests, snapshots, fixtures, docs, sources)', function () {
      const jwt = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/;
      const all = files();
      assert.ok(all.length > 0, 'the repository walk found files to search');
      const hits = all
        .filter((f) => !/\.(png|ttf|woff2?|ico|vsix|gz|zip)$/.test(f))
        .filter((f) => jwt.test(readFileSync(f, 'latin1')))
        .map((f) => relative(root, f).split(sep).join('/'));
      assert.deepEqual(hits, [], 'files holding a JWT-shaped token');
    });
  });

  describe('report and log formatting', () => {
    it('the fake secrets used here are recognisable and long enough to detect partial echoes', () => {
      assert.equal(SECRETS.longKey.length, 84);
      assert.ok(SECRETS.jwt.startsWith('eyJ'));
      assert.equal(leaks(`x ${SECRETS.jwt.slice(5, 30)} y`, SECRETS.jwt) !== undefined, true);
      assert.equal(leaks('nothing here', SECRETS.hexKey), undefined);
    });
  });
});
