// The language-model tools in the real extension host, called the way chat and agents call them:
// vscode.lm.invokeTool. analyzeFile (file, folder, selection, an unsaved editor), explainError, bad
// input for each tool, and checkAccess: the read-only check against the emulator, which assigns no role.
// Its confirmation (prepareInvocation's confirmationMessages, text from src/tools/access.ts, unit-tested
// in agent-tools.test.ts) is a workbench dialog that VS Code itself answers "yes" in extension-test
// hosts (DialogService skips dialogs when extensionTestsLocationURI is set), so it is not clicked here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
const TOOLS = {
  analyzeFile: 'azureAiAuthDoctor_analyzeFile',
  explainError: 'azureAiAuthDoctor_explainError',
  checkAccess: 'azureAiAuthDoctor_checkAccess',
};

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

async function invokeError(name: string, input: object): Promise<string> {
  try {
    await invoke(name, input);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`${name} ${JSON.stringify(input)} was expected to fail`);
}

async function emulator(path: string, body?: unknown): Promise<any> {
  const response = await fetch(new URL(path, EMULATOR), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

describe('language-model tools (vscode.lm.invokeTool)', function () {
  this.timeout(120_000);
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  it('registers the three contributed tools with their schemas', () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes
      .languageModelTools as Array<{
      name: string;
      inputSchema: object;
    }>;
    for (const name of Object.values(TOOLS)) {
      const tool = vscode.lm.tools.find((t) => t.name === name);
      assert.ok(tool, `${name} is registered (${vscode.lm.tools.map((t) => t.name).join(', ')})`);
      assert.deepEqual(tool.inputSchema, contributed.find((c) => c.name === name)!.inputSchema);
    }
  });

  it('analyzeFile: a file, with its fixes (the endpoint comes from the folder’s .env)', async () => {
    const result = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'editor/app.py' }));
    assert.equal(result.target, 'editor/app.py');
    assert.ok(result.findings.length > 0, JSON.stringify(result));
    for (const f of result.findings) {
      assert.equal(f.file, 'editor/app.py');
      assert.ok(f.rule && f.message && f.line >= 1);
    }
    assert.ok(result.findings.some((f: { fixes: unknown[] }) => f.fixes.length > 0));
    const absolute = JSON.parse(
      await invoke(TOOLS.analyzeFile, { path: vscode.Uri.joinPath(folder(), 'editor', 'app.py').fsPath }),
    );
    assert.deepEqual(absolute.findings, result.findings);
  });

  it('analyzeFile: a folder and a selection', async () => {
    const file = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'editor/app.py' }));
    const folderResult = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'editor' }));
    assert.ok(folderResult.filesScanned > 1);
    assert.ok(folderResult.findings.some((f: { file: string }) => f.file === 'editor/app.py'));
    const line = file.findings[0].line;
    const selected = JSON.parse(
      await invoke(TOOLS.analyzeFile, { path: 'editor/app.py', startLine: line, endLine: line }),
    );
    assert.ok(selected.findings.length > 0 && selected.findings.length <= file.findings.length);
    const outside = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'editor/app.py', startLine: 1, endLine: 2 }));
    assert.deepEqual(outside.findings, []);
  });

  it('analyzeFile: an open editor’s unsaved text, not the disk', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'agent-tools-scratch', 'unsaved.py');
    const original = 'from openai import AzureOpenAI\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(original));
    const key = '0123456789abcdef' + '0123456789abcdef';
    let document: vscode.TextDocument | undefined;
    try {
      document = await vscode.workspace.openTextDocument(uri);
      const before = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'agent-tools-scratch/unsaved.py' }));
      assert.deepEqual(before.findings, []);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(
        uri,
        new vscode.Position(1, 0),
        `client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com", api_key="${key}", api_version="2024-10-21")\n`,
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(document.isDirty);
      const after = JSON.parse(await invoke(TOOLS.analyzeFile, { path: 'agent-tools-scratch/unsaved.py' }));
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(), original, 'still unsaved on disk');
      assert.ok(
        after.findings.some((f: { rule: string }) => f.rule === 'hardcoded-key'),
        JSON.stringify(after.findings.map((f: { rule: string }) => f.rule)),
      );
      assert.ok(!JSON.stringify(after).includes(key.slice(0, 12)), 'the key is not echoed');
    } finally {
      if (document) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'agent-tools-scratch'), { recursive: true });
    }
  });

  it('explainError: the scenario, root cause and fix', async () => {
    const result = JSON.parse(
      await invoke(TOOLS.explainError, { errorText: '404 Resource not found (DeploymentNotFound)' }),
    );
    assert.ok(result.title && result.rootCause && result.solution);
  });

  const BAD: Array<[string, object, RegExp]> = [
    [TOOLS.analyzeFile, {}, /Invalid input for azureAiAuthDoctor_analyzeFile: "path" is required/],
    [TOOLS.analyzeFile, { path: 7 }, /"path" must be a string/],
    [TOOLS.analyzeFile, { path: 'editor/app.py', startLine: -1 }, /"startLine" must be at least 1/],
    [TOOLS.analyzeFile, { path: '../../..' }, /outside the workspace/],
    [TOOLS.analyzeFile, { path: 'editor/app.py', colour: 'red' }, /unknown property "colour"/],
    [TOOLS.explainError, { errorText: 401 }, /"errorText" must be a string/],
    [TOOLS.checkAccess, {}, /"endpoint" is required/],
    [
      TOOLS.checkAccess,
      { endpoint: 'https://contoso.openai.azure.com', identity: 'root' },
      /"identity" must be one of/,
    ],
  ];
  for (const [name, input, expected] of BAD) {
    it(`${name} ${JSON.stringify(input)}: fails with a clear message`, async () => {
      assert.match(await invokeError(name, input), expected);
    });
  }
});

const accessTool = describe('language-model tools: checkAccess (the read-only check)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  const endpoint = 'https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions';
  before(async function () {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    if (!EMULATOR) {
      console.log('      (AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is not set: checkAccess tool tests skipped)');
      this.skip();
    }
    await emulator('/_emulator/scenario', { name: 'lacks-role' });
  });

  it('runs the read-only check: the verdict and the fix, and no role assigned', async () => {
    const assignments = (await emulator('/_emulator/state')).roleAssignments;
    const result = JSON.parse(await invoke(TOOLS.checkAccess, { endpoint, identity: 'default-credential' }));
    assert.equal(result.verdict.status, 'problem', JSON.stringify(result.verdict));
    assert.ok(result.fixes.some((f: { kind: string }) => f.kind === 'assign-role'));
    assert.equal(api.state.lastReport()?.endpoint, endpoint, 'the check ran through the extension’s command');
    assert.notEqual(api.state.lastReport()?.probe?.url.includes('/chat/completions'), true, 'no chat completion sent');
    assert.equal((await emulator('/_emulator/state')).roleAssignments, assignments, 'no role assignment was created');
    assert.ok(!/eyJhbGci/.test(JSON.stringify(result)), 'no token in the result');
  });
});

// The check loads dist/azure.js; the suites that assert it is not loaded yet (access, foundation) must
// run first, so this suite moves itself to the end of the run (as access.test.ts does with its checks).
before(function () {
  const root = accessTool.parent;
  const i = root ? root.suites.indexOf(accessTool) : -1;
  if (root && i >= 0) {
    root.suites.splice(i, 1);
    root.suites.push(accessTool);
  }
});
