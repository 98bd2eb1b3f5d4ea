// Foundation checks in the real extension host: the extension activates when a fixture opens,
// every contributed command is registered, a diagnostic appears for an obviously wrong endpoint,
// and activation stays cheap (no @azure/* code loaded). Measures activation time.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';

function fixture(name: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the integration host opens test/fixtures/workspace');
  return vscode.Uri.joinPath(root, 'foundation', name);
}

function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded in the host`);
  return ext;
}

/** Waits until the extension reports itself active, without forcing its activation. */
async function activated(ext: vscode.Extension<ExtensionApi>, timeoutMs = 20_000): Promise<ExtensionApi> {
  const deadline = Date.now() + timeoutMs;
  while (!ext.isActive) {
    if (Date.now() > deadline) throw new Error(`${EXTENSION_ID} did not activate within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ext.exports;
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves with uri's diagnostics once one carries ruleId; waits on onDidChangeDiagnostics. */
function diagnosticWithCode(uri: vscode.Uri, ruleId: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const matches = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === ruleId);
    const timer = setTimeout(() => {
      listener.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`);
      reject(
        new Error(
          `no '${ruleId}' diagnostic on ${path.basename(uri.fsPath)} within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`,
        ),
      );
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const found = matches();
      if (found.length > 0) {
        clearTimeout(timer);
        listener.dispose();
        resolve(found);
      }
    });
    const already = matches();
    if (already.length > 0) {
      clearTimeout(timer);
      listener.dispose();
      resolve(already);
    }
  });
}

describe('foundation: the extension in a real VS Code', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('activates when a fixture .env file is opened', async () => {
    const document = await vscode.workspace.openTextDocument(fixture('.env'));
    await vscode.window.showTextDocument(document);
    const api = await activated(extension());
    assert.equal(typeof api.activationMs, 'number');
  });

  it('activates when a fixture Python file is opened', async () => {
    const document = await vscode.workspace.openTextDocument(fixture('wrong_endpoint.py'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    await activated(extension());
  });

  it('registers every command contributed in package.json', async () => {
    await activated(extension());
    const contributed: Array<{ command: string }> = extension().packageJSON.contributes.commands;
    assert.ok(contributed.length >= 3, 'package.json contributes the commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every contributed command has a handler');
  });

  it("onboarding: the walkthrough has the seed's five steps, each button runs a registered command; welcome content for an empty window, no findings and signed out", async () => {
    await activated(extension());
    const contributes = extension().packageJSON.contributes;
    const steps: Array<{ title: string; description: string }> = contributes.walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => s.title.slice(0, 2)),
      ['1.', '2.', '3.', '4.', '5.'],
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${step.title}: one button`);
      assert.ok(registered.has(links[0]), `${step.title}: ${links[0]} is registered`);
    }
    const welcome: Array<{ view: string; when: string; contents: string }> = contributes.viewsWelcome;
    const whens = welcome.filter((w) => w.view === 'azureAiAuthDoctor.findings').map((w) => w.when);
    assert.ok(whens.includes('workbenchState == empty'), 'an empty window');
    assert.ok(
      whens.some((w) => /!azureAiAuthDoctor\.vscodeSignedOut/.test(w)),
      'no findings (signed in or never asked)',
    );
    assert.ok(
      whens.some((w) => /(^|&& )azureAiAuthDoctor\.vscodeSignedOut/.test(w)),
      'signed out of the VS Code account',
    );
    for (const entry of welcome)
      for (const [, id] of entry.contents.matchAll(/\]\(command:([\w.]+)/g))
        if (id.startsWith('azureAiAuthDoctor.')) assert.ok(registered.has(id), `welcome button ${id} is registered`);
  });

  it('activates cheaply: reports its activation time and loads no @azure/* code', async () => {
    const api = await activated(extension());
    console.log(`    activation time in the real host: ${api.activationMs.toFixed(2)} ms`);
    assert.ok(api.activationMs < 500, `activate() took ${api.activationMs} ms`);
    assert.equal(api.isAzureBundleLoaded(), false, 'dist/azure.js is loaded only when an access check runs');
  });

  it("reports 'openai-class-endpoint' for AzureOpenAI on a /models endpoint", async () => {
    const uri = fixture('wrong_endpoint.py');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const found = await diagnosticWithCode(uri, 'openai-class-endpoint');
    const lines = document.getText().split('\n');
    const constructionLine = lines.findIndex((line) => line.includes('AzureOpenAI('));
    const endpointLine = lines.findIndex((line) => line.includes('services.ai.azure.com/models'));
    assert.ok(
      found.some((d) => d.range.start.line >= constructionLine && d.range.start.line <= endpointLine),
      `the diagnostic points at the AzureOpenAI construction (lines ${constructionLine + 1}-${endpointLine + 1}); got ${found.map((d) => d.range.start.line + 1)}`,
    );
  });
});
