// Workspace trust in the real extension host. What holds in every mode: the loaded manifest declares
// limited untrusted support, and text analysis (diagnostics) works. The integration layer runs this
// suite twice (run-integration.mjs): in the default host (--disable-workspace-trust: trusted), where
// the access check does reach the emulator, and in a host started with workspace trust on
// (AAD_WORKSPACE_TRUST=untrusted), where the access check and the role assignment refuse and the
// emulator sees no request at all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
const UNTRUSTED = process.env.AAD_WORKSPACE_TRUST === 'untrusted';

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

/** Requests the emulator has served (its admin routes, such as this one, are not counted). */
async function emulatorRequests(): Promise<number> {
  assert.ok(EMULATOR, 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is set (the harness starts the emulator)');
  const state = await (await fetch(new URL('/_emulator/state', EMULATOR))).json();
  assert.equal(typeof state.requestCount, 'number', 'the emulator reports its request count');
  return state.requestCount as number;
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

  it(`the host runs ${UNTRUSTED ? 'untrusted (workspace trust on)' : 'trusted (--disable-workspace-trust)'}`, () => {
    assert.equal(vscode.workspace.isTrusted, !UNTRUSTED);
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

  if (UNTRUSTED) {
    it('untrusted: the access check refuses and no request reaches Azure (the emulator)', async () => {
      const before = await emulatorRequests();
      assert.equal(before, 0, 'nothing in this untrusted host has reached the emulator yet');
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
  } else {
    it('trusted: the same check does reach the emulator (the untrusted run is not vacuous)', async () => {
      const before = await emulatorRequests();
      const report = await vscode.commands.executeCommand<{ verdict?: unknown }>('azureAiAuthDoctor.checkAccess', {
        endpoint: 'https://contoso-ai.openai.azure.com/',
        identity: 'default-credential',
        probe: false,
      });
      assert.ok(report && 'verdict' in report, 'the check returned a report');
      assert.ok((await emulatorRequests()) > before, 'the check sent no request');
    });
  }
});
