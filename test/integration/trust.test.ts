// Workspace trust in the real extension host. What holds in every mode: the loaded manifest declares
// limited untrusted support, and text analysis (diagnostics) works. In an untrusted host, the access
// check and the role assignment refuse and the emulator sees no request at all. The default harness
// starts code-server with --disable-workspace-trust (the workspace is trusted), so the untrusted cases
// report themselves as pending there; the unit suite security-trust.test.ts checks the guards statically.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;

function fixture(name: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the integration host opens test/fixtures/workspace');
  return vscode.Uri.joinPath(root, 'trust', name);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return d.code === undefined ? undefined : typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves once `uri` has a diagnostic with `rule` (waits on onDidChangeDiagnostics). */
function diagnostic(uri: vscode.Uri, rule: string, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  return new Promise((resolve, reject) => {
    const find = () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === rule);
    const done = (d: vscode.Diagnostic) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(d);
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no ${rule} diagnostic on ${uri.path} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = find();
      if (d) done(d);
    });
    const already = find();
    if (already) done(already);
  });
}

async function emulatorRequests(): Promise<number | undefined> {
  if (!EMULATOR) return undefined;
  const state = await (await fetch(new URL('/_emulator/state', EMULATOR))).json();
  return typeof state.requestCount === 'number' ? state.requestCount : undefined;
}

describe('workspace trust', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    api = await ext.activate();
    console.log(`      workspace trusted in this host: ${vscode.workspace.isTrusted}`);
  });

  it('the loaded manifest declares limited untrusted support and restricts the endpoint overrides', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.ok(restricted.includes('azureAiAuthDoctor.access.armEndpoint'));
    assert.ok(restricted.includes('azureAiAuthDoctor.access.authorityHost'));
  });

  it('analyses text in any trust state (a diagnostic appears for a wrong endpoint)', async () => {
    const uri = fixture('app.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const d = await diagnostic(uri, 'openai-class-endpoint');
    assert.match(d.message, /AzureOpenAI/);
    assert.ok(api.state.allFindings().has(uri.toString()));
  });

  it('untrusted: the access check refuses and no request reaches Azure (the emulator)', async function () {
    if (vscode.workspace.isTrusted) {
      console.log(
        '      (the harness runs trusted: --disable-workspace-trust; guard covered by test/unit/security-trust.test.ts)',
      );
      this.skip();
    }
    const before = await emulatorRequests();
    const report = await vscode.commands.executeCommand('azureAiAuthDoctor.checkAccess', {
      endpoint: 'https://contoso-ai.openai.azure.com/',
      identity: 'default-credential',
      probe: true,
    });
    assert.equal(report, undefined, 'the check ran in an untrusted workspace');
    const outcome = await vscode.commands.executeCommand('azureAiAuthDoctor.assignRole', {
      confirm: () => Promise.resolve(true),
    });
    assert.equal(outcome, undefined, 'a role assignment ran in an untrusted workspace');
    assert.equal(await emulatorRequests(), before, 'requests reached the emulator from an untrusted workspace');
    assert.equal(api.isAzureBundleLoaded(), false, 'the Azure bundle was loaded in an untrusted workspace');
  });

  it('trusted: the same check does reach the emulator (the untrusted case above is not vacuous)', async function () {
    if (!vscode.workspace.isTrusted || !EMULATOR) this.skip();
    const before = (await emulatorRequests()) ?? 0;
    const report = await vscode.commands.executeCommand<{ verdict?: unknown }>('azureAiAuthDoctor.checkAccess', {
      endpoint: 'https://contoso-ai.openai.azure.com/',
      identity: 'default-credential',
      probe: false,
    });
    assert.ok(report && 'verdict' in report, 'the check returned a report');
    assert.ok(((await emulatorRequests()) ?? 0) > before, 'the check sent no request');
  });
});
