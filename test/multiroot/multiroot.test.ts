// A multi-root workspace (test/fixtures/multiroot: folders alpha and beta, each with its own .env):
// each app.py is judged by its own folder's .env, the Findings view names the folder, and the
// access check of each folder's endpoint finds that folder's resource.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { AccessReport } from '../../src/core/accessReport';
import type { Finding } from '../../src/core/types';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
const USER_ROLE = 'a97b65f3-24c7-4388-baec-2e87135dc908'; // Cognitive Services User

function folderUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `workspace folder ${name}`);
  return folder.uri;
}

/** Resolves with the findings of uri once they satisfy the predicate (waits on analysis events). */
async function findingsWhere(api: ExtensionApi, uri: vscode.Uri, ok: (f: Finding[]) => boolean): Promise<Finding[]> {
  const now = () => api.state.allFindings().get(uri.toString()) ?? [];
  if (ok(now())) return now();
  return new Promise((resolve) => {
    const sub = api.state.onDidChangeFindings(() => {
      if (ok(now())) {
        sub.dispose();
        resolve(now());
      }
    });
  });
}

function account(name: string) {
  return {
    subscriptionId: '00000000-0000-4000-8000-00000000a001',
    resourceGroup: 'rg-ai',
    name,
    kind: 'AIServices',
    location: 'eastus',
    customSubDomainName: name,
    disableLocalAuth: true,
    publicNetworkAccess: 'Enabled',
    networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
    deployments: [{ name: 'gpt-4o', model: 'gpt-4o', format: 'OpenAI', version: '2024-11-20' }],
  };
}

describe('multi-root workspace: two folders, two env files', function () {
  this.timeout(90_000);
  let api: ExtensionApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await api.editor.envReady;
  });

  it('opens as two workspace folders', () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['alpha', 'beta'],
    );
  });

  it("each folder's app.py is judged by its own .env, and the Findings view names the folder", async () => {
    const endpoints: Record<string, string[]> = {};
    for (const name of ['alpha', 'beta']) {
      const uri = vscode.Uri.joinPath(folderUri(name), 'app.py');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const findings = await findingsWhere(api, uri, (f) => f.some((x) => !!x.endpoint));
      endpoints[name] = [...new Set(findings.map((f) => f.endpoint).filter((e): e is string => !!e))];
    }
    assert.deepEqual(endpoints.alpha, ['https://alpha-ai.services.ai.azure.com/models']);
    assert.deepEqual(endpoints.beta, ['https://beta-ai.services.ai.azure.com/models']);
    const files = api.editor.findingsTreeFiles();
    assert.ok(files.includes('alpha/app.py') && files.includes('beta/app.py'), JSON.stringify(files));
  });

  it("the access check of each folder's endpoint finds that folder's resource", async function () {
    assert.ok(EMULATOR, 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is set (the harness starts the emulator)');
    // alpha-ai is the scenario's first account: the role is assigned there only.
    await fetch(new URL('/_emulator/scenario', EMULATOR), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'multi-root',
        scenario: {
          accounts: [account('alpha-ai'), account('beta-ai')],
          roleAssignments: [{ role: USER_ROLE, at: 'account', ageMinutes: 1440 }],
        },
      }),
    });
    const reports: Record<string, AccessReport> = {};
    for (const name of ['alpha', 'beta']) {
      const uri = vscode.Uri.joinPath(folderUri(name), 'app.py');
      const endpoint = (api.state.allFindings().get(uri.toString()) ?? []).find((f) => f.endpoint)?.endpoint;
      assert.ok(endpoint, `a finding with an endpoint in ${name}`);
      const report = await vscode.commands.executeCommand<AccessReport>('azureAiAuthDoctor.checkAccess', {
        endpoint,
        identity: 'default-credential',
        probe: false,
        codeScope: '',
        showReport: false,
      });
      reports[name] = report;
    }
    assert.equal(reports.alpha.resource?.name, 'alpha-ai');
    assert.equal(reports.beta.resource?.name, 'beta-ai');
    assert.equal(reports.alpha.steps.find((s) => s.id === 'roles')?.status, 'passed');
    assert.equal(reports.beta.steps.find((s) => s.id === 'roles')?.status, 'failed');
  });
});
