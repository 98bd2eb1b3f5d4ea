// The MCP server (`azure-ai-auth-doctor mcp`), spawned for real and driven by the MCP SDK's own
// client: which tools it lists (the access check only with --allow-access-check), analyse on a file,
// a folder, a selection and unsaved text, explain, and a clear error for every kind of bad input.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { requireCli } from './badinputSupport';
import { makeTree, snippet } from './cliSupport';
import { startMcp, type McpSession } from './mcpSupport';
import { withEmulator, type EmulatorEnv } from './emulatorHelpers';

describe('MCP server (azure-ai-auth-doctor mcp, SDK client over stdio)', function () {
  this.timeout(60_000);
  let root = '';
  let mcp: McpSession;

  before(async function () {
    requireCli();
    root = makeTree({
      'src/app.py': snippet('bad-azureopenai.py.txt'),
      'src/good.py': snippet('good-azureopenai.py.txt'),
      'README.md': 'nothing to see\n',
    });
    mcp = await startMcp([], root);
  });
  after(async () => {
    await mcp?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('identifies itself and lists analyzeFile and explainError, each with an object schema', async () => {
    assert.equal(mcp.client.getServerVersion()?.name, 'azure-ai-auth-doctor');
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['analyzeFile', 'explainError'],
    );
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object');
      assert.ok((tool.description ?? '').length > 50, tool.name);
      assert.equal(tool.annotations?.readOnlyHint, true);
    }
  });

  it('analyzeFile reports a file’s findings with their fixes, paths relative to the root', async () => {
    const r = await mcp.call('analyzeFile', { path: 'src/app.py' });
    assert.equal(r.isError, false, r.text);
    const result = JSON.parse(r.text);
    assert.equal(result.target, 'src/app.py');
    assert.equal(result.filesScanned, 1);
    const rules = result.findings.map((f: { rule: string }) => f.rule);
    assert.ok(rules.includes('openai-class-endpoint'), rules.join(', '));
    for (const f of result.findings) {
      assert.equal(f.file, 'src/app.py');
      assert.ok(f.line >= 1 && f.column >= 1 && f.message && f.docs.includes(`/docs/rules/${f.rule}.md`));
      assert.equal(f.fixes.filter((x: { preferred: boolean }) => x.preferred).length <= 1, true);
    }
    assert.ok(
      result.findings.some((f: { fixes: unknown[] }) => f.fixes.length > 0),
      'some finding has a fix',
    );
  });

  it('analyzeFile scans a folder (the good file adds nothing) and the root by "."', async () => {
    const folder = JSON.parse((await mcp.call('analyzeFile', { path: 'src' })).text);
    const file = JSON.parse((await mcp.call('analyzeFile', { path: 'src/app.py' })).text);
    assert.equal(folder.filesScanned, 2);
    assert.deepEqual(folder.findings, file.findings);
    const all = JSON.parse((await mcp.call('analyzeFile', { path: '.' })).text);
    assert.equal(all.findingCount, file.findingCount);
  });

  it('analyzeFile keeps only the findings that touch a selection', async () => {
    const file = JSON.parse((await mcp.call('analyzeFile', { path: 'src/app.py' })).text);
    const line = file.findings[0].line;
    const selected = JSON.parse((await mcp.call('analyzeFile', { path: 'src/app.py', startLine: line })).text);
    assert.ok(selected.findings.length >= 1);
    assert.ok(selected.findings.every((f: { line: number; endLine: number }) => f.line <= line && f.endLine >= line));
    const none = JSON.parse((await mcp.call('analyzeFile', { path: 'src/app.py', startLine: 1, endLine: 2 })).text);
    assert.deepEqual(none.findings, []);
  });

  it('analyzeFile analyses text handed in (an unsaved or new file) under its path', async () => {
    const r = JSON.parse(
      (await mcp.call('analyzeFile', { path: 'src/new_file.py', text: snippet('bad-azureopenai.py.txt') })).text,
    );
    assert.equal(r.target, 'src/new_file.py');
    assert.ok(r.findings.some((f: { rule: string; file: string }) => f.rule === 'openai-class-endpoint'));
    const fixed = JSON.parse(
      (await mcp.call('analyzeFile', { path: 'src/new_file.py', text: snippet('good-azureopenai.py.txt') })).text,
    );
    assert.deepEqual(fixed.findings, []);
  });

  it('explainError classifies an error into its scenario', async () => {
    const r = await mcp.call('explainError', {
      errorText:
        'Error code: 401 - {"error": {"code": "PermissionDenied", "message": "The principal `abc` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation."}}',
    });
    assert.equal(r.isError, false, r.text);
    const explanation = JSON.parse(r.text);
    assert.equal(explanation.scenario, 'principal-lacks-permission');
    assert.ok(explanation.solution.length > 20);
  });

  const BAD: Array<[string, unknown, RegExp]> = [
    ['analyzeFile', {}, /"path" is required/],
    ['analyzeFile', { path: 42 }, /"path" must be a string \(got number 42\)/],
    ['analyzeFile', { path: '' }, /"path" must not be empty/],
    ['analyzeFile', { path: 'src/app.py', startLine: 0 }, /"startLine" must be at least 1/],
    ['analyzeFile', { path: 'src/app.py', startLine: 1.5 }, /"startLine" must be an integer/],
    ['analyzeFile', { path: 'src/app.py', startLine: 5, endLine: 2 }, /"endLine" \(2\) is before "startLine" \(5\)/],
    ['analyzeFile', { path: 'src/app.py', extra: true }, /unknown property "extra"/],
    ['analyzeFile', { path: '../outside.py' }, /outside the workspace/],
    ['analyzeFile', { path: '/etc/passwd' }, /outside the workspace/],
    ['analyzeFile', { path: 'src/missing.py' }, /does not exist/],
    ['analyzeFile', { path: 'src', startLine: 1 }, /"path" is a folder/],
    ['analyzeFile', { path: 'notes.bin', text: 'x' }, /not a file type the analyser reads/],
    ['analyzeFile', { path: 'a.py', text: 'x'.repeat(2_000_001) }, /"text" must have at most 2000000 characters/],
    ['explainError', {}, /"errorText" is required/],
    ['explainError', { errorText: ['401'] }, /"errorText" must be a string \(got an array\)/],
    ['explainError', { errorText: '   ' }, /blank/],
    ['checkAccess', { endpoint: 'https://contoso.openai.azure.com' }, /--allow-access-check/],
    ['noSuchTool', {}, /unknown tool "noSuchTool"/],
  ];
  for (const [tool, args, expected] of BAD) {
    const shown = JSON.stringify(args).slice(0, 60);
    it(`${tool} ${shown}: an error result that says what is wrong`, async () => {
      const r = await mcp.call(tool, args);
      assert.equal(r.isError, true, r.text);
      assert.match(r.text, expected);
    });
  }

  it('the server keeps serving after bad input', async () => {
    const r = await mcp.call('explainError', { errorText: '404 DeploymentNotFound' });
    assert.equal(r.isError, false, r.text);
  });

  describe('with --allow-access-check (against the Azure emulator)', () => {
    let env: EmulatorEnv;
    let checking: McpSession;
    before(async function () {
      assert.ok(mcp, 'the MCP server started');
      env = await withEmulator('lacks-role');
      checking = await startMcp(['--allow-access-check', '--root', join(root, 'src')], root, {
        PATH: process.env.PATH!,
        AZURE_AI_AUTH_DOCTOR_EMULATOR_URL: env.emulator.url,
      });
    });
    after(async () => {
      await checking?.close();
      await env?.restore();
    });

    it('lists checkAccess (default-credential identity only) and resolves paths against --root', async () => {
      const { tools } = await checking.client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ['analyzeFile', 'explainError', 'checkAccess'],
      );
      const schema = tools[2].inputSchema as unknown as { properties: { identity: { enum: string[] } } };
      assert.deepEqual(schema.properties.identity.enum, ['default-credential']);
      const r = JSON.parse((await checking.call('analyzeFile', { path: 'app.py' })).text);
      assert.equal(r.target, 'app.py');
    });

    it('checkAccess runs the read-only check and names the missing role as a fix', async () => {
      const state = async (): Promise<{ roleAssignments: number }> =>
        (await fetch(`${env.emulator.url}/_emulator/state`)).json() as Promise<{ roleAssignments: number }>;
      const before = await state();
      const r = await checking.call('checkAccess', {
        endpoint: 'https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions',
      });
      assert.equal(r.isError, false, r.text);
      const result = JSON.parse(r.text);
      assert.equal(result.verdict.status, 'problem', r.text.slice(0, 500));
      assert.ok(
        result.fixes.some((f: { kind: string }) => f.kind === 'assign-role'),
        JSON.stringify(result.fixes),
      );
      assert.match(result.note, /no role was assigned/);
      assert.equal((await state()).roleAssignments, before.roleAssignments, 'no role assignment was created');
    });

    it('checkAccess refuses bad input before calling Azure', async () => {
      for (const [args, expected] of [
        [{}, /"endpoint" is required/],
        [{ endpoint: 'https://contoso.openai.azure.com', identity: 'vscode' }, /must be one of "default-credential"/],
        [{ endpoint: 'x' }, /at least 8 characters/],
        [{ endpoint: 'contoso.openai.azure.com' }, /must be an https URL/],
        [{ endpoint: 'http://contoso.openai.azure.com' }, /must be an https URL \(got http:\)/],
      ] as const) {
        const r = await checking.call('checkAccess', args);
        assert.equal(r.isError, true, r.text);
        assert.match(r.text, expected);
      }
    });
  });
});
