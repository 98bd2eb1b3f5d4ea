// The troubleshooting panel's host in a real extension host: the explainError command, and the
// message handling a (possibly compromised) webview can reach. Hostile messages are rejected and
// logged; a message can only name what the host published (finding keys, report fixes, links), so
// it can never open an arbitrary file or URL, run a command, or trigger a write.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { AccessReport } from '../../src/core/accessReport';
import type { Finding } from '../../src/core/types';
import type { PanelExplanation } from '../../src/webview/protocol';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

function fixture(name: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the integration host opens test/fixtures/workspace');
  return vscode.Uri.joinPath(root, 'panel', name);
}

function syntheticFinding(file: string, line: number): Finding {
  return {
    rule: 'openai-class-endpoint',
    severity: 'error',
    messageId: 'test',
    data: {},
    message: `AzureOpenAI pointed at a /models endpoint ${HOSTILE}`,
    file,
    range: { start: { line, character: 4 }, end: { line, character: 18 } },
    related: [],
    fixes: [],
    docsUrl:
      'https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor/blob/main/docs/rules/openai-class-endpoint.md',
  };
}

/** Resolves when the active editor shows uri (waits on onDidChangeActiveTextEditor, no sleeps). */
function activeEditorFor(uri: vscode.Uri, timeoutMs = 10_000): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const matches = (editor: vscode.TextEditor | undefined) => editor?.document.uri.toString() === uri.toString();
    if (matches(vscode.window.activeTextEditor)) return resolve(vscode.window.activeTextEditor!);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${uri.toString()} did not become the active editor within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!matches(editor)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(editor!);
    });
  });
}

function report(fixes: AccessReport['fixes']): AccessReport {
  return {
    endpoint: 'https://contoso-ai.services.ai.azure.com/models',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    steps: [],
    resource: {
      id: '/subscriptions/00000000-0000-4000-8000-00000000a001/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai',
      name: HOSTILE,
      subscriptionId: '00000000-0000-4000-8000-00000000a001',
      resourceGroup: 'rg-ai',
      kind: 'AIServices',
      location: 'eastus',
      deployments: [],
    },
    assignments: [],
    denyAssignments: [],
    verdict: { status: 'problem', title: `No role ${HOSTILE}`, explanation: HOSTILE },
    fixes,
    checklist: [],
    gaps: [],
  };
}

describe('panel host: explainError and webview message handling', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('explainError explains text passed to it and shows the panel', async () => {
    await api();
    const result = await vscode.commands.executeCommand<PanelExplanation>(
      'azureAiAuthDoctor.explainError',
      '401 Principal does not have access to API/Operation',
    );
    assert.equal(result.result.scenario, 'principal-lacks-permission');
    const snapshot = (await api()).panel.snapshot();
    assert.equal(snapshot.explanation?.input, '401 Principal does not have access to API/Operation');
    assert.ok(snapshot.scenarios.filter((s) => s.origin === 'seed').length === 7, 'the seed table rows are published');
  });

  it('rejects and logs malformed messages without acting on them', async () => {
    const { panel } = await api();
    const before = panel.rejectedMessages();
    const hostile: unknown[] = [
      null,
      'ready',
      { type: 'executeCommand', command: 'workbench.action.terminal.new' },
      { type: 'ready', command: 'x' },
      { type: 'revealFinding', key: 42 },
      { type: 'applyFix', index: -1, kind: 'assign-role' },
      { type: 'openLink', url: 'command:workbench.action.terminal.new' },
      { type: 'openLink', url: 'file:///etc/passwd' },
      { type: 'explain', text: 'x'.repeat(20_001) },
    ];
    for (const message of hostile) await panel.receive(message);
    assert.equal(panel.rejectedMessages() - before, hostile.length);
  });

  it('refuses keys, fixes and links it never published', async () => {
    const { panel } = await api();
    const before = panel.rejectedMessages();
    const editorsBefore = vscode.window.visibleTextEditors.length;
    await panel.receive({ type: 'revealFinding', key: 'file:///etc/passwd#openai-class-endpoint@0:0-0:1' });
    await panel.receive({ type: 'runCheck', findingKey: 'file:///nowhere.py#token-scope@0:0-0:1' });
    await panel.receive({ type: 'applyFix', index: 5, kind: 'assign-role' });
    await panel.receive({ type: 'openLink', url: 'https://attacker.example/phish' });
    assert.equal(panel.rejectedMessages() - before, 4);
    assert.equal(vscode.window.visibleTextEditors.length, editorsBefore);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path === '/etc/passwd'));
  });

  it('reveals a published finding in the editor, cursor at its start', async () => {
    const { panel, state } = await api();
    const uri = fixture('app.py');
    state.setFindings(uri, [syntheticFinding(uri.fsPath, 8)]);
    const published = panel.snapshot().findings.flatMap((group) => group.findings);
    const shown = published.find((f) => f.key.startsWith(uri.toString()) && f.range.start.line === 8);
    assert.ok(shown, `the finding is published; got ${JSON.stringify(published.map((f) => f.key))}`);
    assert.equal(shown.message, `AzureOpenAI pointed at a /models endpoint ${HOSTILE}`, 'text is carried as data');
    const opened = activeEditorFor(uri);
    await panel.receive({ type: 'revealFinding', key: shown.key });
    const editor = await opened;
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [8, 4]);
    assert.deepEqual([editor.selection.anchor.line, editor.selection.anchor.character], [8, 18]);
  });

  it('applies only the fix the current report has, by index and kind (copy-cli)', async () => {
    const { panel, state } = await api();
    const previous = state.lastReport();
    const command =
      'az role assignment create --assignee 11111111-aaaa-4bbb-8ccc-000000000001 --role "Cognitive Services User"';
    await vscode.env.clipboard.writeText('unchanged');
    state.setReport(report([{ kind: 'copy-cli', title: 'Copy the Azure CLI command', cliCommand: command }]));
    try {
      await panel.receive({ type: 'applyFix', index: 0, kind: 'assign-role' }); // kind mismatch: stale click
      assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
      await panel.receive({ type: 'applyFix', index: 0, kind: 'copy-cli' });
      assert.equal(await vscode.env.clipboard.readText(), command);
      assert.equal(panel.snapshot().report?.resource?.name, HOSTILE, 'hostile names travel as data to the webview');
    } finally {
      if (previous) state.setReport(previous);
    }
  });
});
