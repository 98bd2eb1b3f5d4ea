// "Check Entra ID access" with the account signed in to VS Code. The extension asks
// vscode.authentication for sessions of the built-in provider ids ('microsoft', and
// 'microsoft-sovereign-cloud' when `microsoft-sovereign-cloud.environment` names a sovereign cloud),
// tenant by `VSCODE_TENANT:<id>`. Here a real authentication provider under those ids, registered
// through the public API, gets its tokens from the emulator's token endpoint (the same one the fake
// `az` uses), so the whole path (auth service, consent, session per tenant, token claims, ARM and
// data plane over HTTP) runs as it does with a real sign-in. Public cloud, a second tenant, US
// Government, and a sign-in that does not complete (the test host refuses every modal dialog, as a
// person cancelling the consent) keeping the last report and offering Retry.
// Access to the account is granted once as a person does in the Accounts menu ("Grant access"),
// whose account picker is a quick pick the test accepts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { AccessReport } from '../../src/core/accessReport';
import { EmulatorAuthProvider } from '../harness/emulatorAuth';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
const OPENAI = 'https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions';
const HOME_TENANT = '72f988bf-0000-4000-8000-000000000001';
const SECOND_TENANT = '72f988bf-0000-4000-8000-0000000000b2';
const USER_ROLE = 'a97b65f3-24c7-4388-baec-2e87135dc908'; // Cognitive Services User
const TENANT_PREFIX = 'VSCODE_TENANT:';

async function emulator(path: string, body?: unknown): Promise<any> {
  const response = await fetch(
    new URL(path, EMULATOR),
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return response.json();
}

/**
 * Grants this extension access to the provider's account as a person does: the extension's
 * request shows up in the Accounts menu; its command opens the account picker; the person picks
 * the account. Polls (bounded) until VS Code hands out the session silently.
 */
async function grantAccess(provider: EmulatorAuthProvider): Promise<void> {
  provider.signedIn = true;
  const scopes = ['https://management.azure.com/.default'];
  let session = await vscode.authentication.getSession(provider.id, scopes, {});
  if (!session) void vscode.commands.executeCommand(`${provider.id}${EXTENSION_ID}Access`);
  for (let i = 0; !session && i < 100; i++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    session = await vscode.authentication.getSession(provider.id, scopes, { silent: true });
    if (!session) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(session, `access to the ${provider.id} account granted through the Accounts menu`);
  provider.created.length = 0;
  provider.asked.length = 0;
}

describe('VS Code account: the access check through a test authentication provider on the emulator', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let microsoft: EmulatorAuthProvider;
  let sovereign: EmulatorAuthProvider;

  before(async () => {
    assert.ok(EMULATOR, 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is set (the harness starts the emulator)');
    microsoft = new EmulatorAuthProvider('microsoft', String(EMULATOR));
    sovereign = new EmulatorAuthProvider('microsoft-sovereign-cloud', String(EMULATOR));
    await emulator('/_emulator/scenario', { name: 'all-good' });
    await grantAccess(microsoft);
    await grantAccess(sovereign);
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('microsoft-sovereign-cloud')
      .update('environment', undefined, vscode.ConfigurationTarget.Global);
    // The providers stay registered: later suites that sign in (security runs every command) meet
    // the emulator's sign-in instead of a real Microsoft one.
  });
  afterEach(() => vscode.commands.executeCommand('notifications.clearAll'));

  const checkAs = async (endpoint: string, extra: Record<string, unknown> = {}) =>
    vscode.commands.executeCommand<AccessReport | undefined>('azureAiAuthDoctor.checkAccess', {
      endpoint,
      identity: 'vscode',
      probe: false,
      codeScope: '',
      showReport: false,
      ...extra,
    });

  it('public cloud: the session of the microsoft provider, home tenant, and a clean check', async () => {
    await emulator('/_emulator/scenario', { name: 'all-good' });
    const report = await checkAs(OPENAI);
    assert.ok(report, 'a report');
    assert.equal(report.verdict.status, 'ok', report.verdict.explanation);
    assert.equal(report.identity?.kind, 'vscode');
    assert.equal(report.identity?.source, 'VS Code account (microsoft)');
    assert.equal(report.identity?.userPrincipalName, 'dev@contoso.onmicrosoft.com');
    assert.equal(report.identity?.tenantId, HOME_TENANT);
    assert.ok(
      microsoft.asked.some((s) => s.length === 1 && s[0] === 'https://management.azure.com/.default'),
      `an ARM token for the home tenant: ${JSON.stringify(microsoft.asked)}`,
    );
    assert.ok(
      microsoft.asked.some((s) => s.includes('https://cognitiveservices.azure.com/.default')),
      `a data-plane token was asked for: ${JSON.stringify(microsoft.asked)}`,
    );
    assert.equal(sovereign.asked.length, 0, 'the sovereign provider is not used');
  });

  it('a second tenant: the resource is found there with a VSCODE_TENANT session, silently', async () => {
    await emulator('/_emulator/scenario', {
      name: 'second-tenant',
      scenario: {
        tenants: [
          { tenantId: HOME_TENANT, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' },
          { tenantId: SECOND_TENANT, displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' },
        ],
        subscriptions: [
          { subscriptionId: '00000000-0000-4000-8000-00000000b001', displayName: 'Home', tenantId: HOME_TENANT },
          {
            subscriptionId: '00000000-0000-4000-8000-00000000b002',
            displayName: 'Fabrikam AI',
            tenantId: SECOND_TENANT,
          },
        ],
        accounts: [
          account('00000000-0000-4000-8000-00000000b002', 'fabrikam-ai', 'eastus'),
          account('00000000-0000-4000-8000-00000000b001', 'contoso-other', 'eastus'),
        ],
        roleAssignments: [{ role: USER_ROLE, at: 'account', ageMinutes: 1440 }],
      },
    });
    const before = microsoft.askedSignedOut;
    const report = await checkAs('https://fabrikam-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions');
    assert.ok(report);
    assert.equal(report.resource?.name, 'fabrikam-ai');
    assert.equal(report.resource?.tenantId, SECOND_TENANT);
    assert.equal(report.verdict.status, 'ok', report.verdict.explanation);
    assert.ok(
      microsoft.asked.some((s) => s.includes(`${TENANT_PREFIX}${SECOND_TENANT}`)),
      `a session for the second tenant: ${JSON.stringify(microsoft.asked)}`,
    );
    assert.equal(microsoft.askedSignedOut, before, 'no sign-in prompt for the second tenant');
  });

  it('US Government: microsoft-sovereign-cloud.environment switches to the sovereign provider and .us audiences', async () => {
    await vscode.workspace
      .getConfiguration('microsoft-sovereign-cloud')
      .update('environment', 'USGovernment', vscode.ConfigurationTarget.Global);
    try {
      await emulator('/_emulator/scenario', {
        name: 'us-government',
        scenario: { accounts: [account('00000000-0000-4000-8000-00000000a001', 'contoso-gov', 'usgovvirginia')] },
      });
      const report = await checkAs('https://contoso-gov.openai.azure.us/openai/deployments/gpt-4o/chat/completions');
      assert.ok(report);
      assert.equal(report.identity?.source, 'VS Code account (microsoft-sovereign-cloud)');
      assert.equal(report.resource?.name, 'contoso-gov');
      assert.equal(report.verdict.status, 'ok', report.verdict.explanation);
      assert.ok(
        sovereign.asked.some((s) => s.length === 1 && s[0] === 'https://management.usgovcloudapi.net/.default'),
        `a US Government ARM token: ${JSON.stringify(sovereign.asked)}`,
      );
      assert.ok(
        sovereign.asked.some((s) => s.includes('https://cognitiveservices.azure.us/.default')),
        `a US Government data-plane token: ${JSON.stringify(sovereign.asked)}`,
      );
    } finally {
      await vscode.workspace
        .getConfiguration('microsoft-sovereign-cloud')
        .update('environment', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a sign-in that does not complete keeps the last good report, asks once, and Retry checks again', async () => {
    await emulator('/_emulator/scenario', { name: 'all-good' });
    const good = await checkAs(OPENAI);
    assert.equal(good?.verdict.status, 'ok');
    const signedOut = new Promise<void>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'microsoft') {
          sub.dispose();
          resolve();
        }
      });
    });
    microsoft.signOut();
    await signedOut;
    const before = microsoft.askedSignedOut;
    const prompts = api.access.signInPrompts();
    const kept = await checkAs(OPENAI);
    assert.ok(microsoft.askedSignedOut > before, 'VS Code asked the provider for a session (the sign-in)');
    assert.equal(api.access.signInPrompts() - prompts, 1, 'the sign-in was asked for once');
    assert.equal(kept?.startedAt, good?.startedAt, 'the command returns the kept report');
    assert.equal(api.state.lastReport()?.startedAt, good?.startedAt, 'the panel keeps the last good report');
    assert.equal(api.state.notice()?.kind, 'sign-in-cancelled');
    assert.equal(api.panel.snapshot().notice?.kind, 'sign-in-cancelled', 'the panel shows it');
    const said = api.access.announcements().at(-1);
    assert.match(said?.message ?? '', /VS Code sign-in (cancelled|did not complete).*: the last access report is kept/);
    assert.deepEqual(said?.actions, ['Retry']);

    // Retry (the panel's button sends retryCheck) once signed in again.
    microsoft.signedIn = true;
    const fresh = new Promise<AccessReport>((resolve) => {
      const sub = api.state.onDidChangeReport((r) => {
        if (r.finishedAt && r.startedAt !== good?.startedAt) {
          sub.dispose();
          resolve(r);
        }
      });
    });
    const probe = vscode.workspace.getConfiguration('azureAiAuthDoctor');
    await probe.update('access.probe', 'never', vscode.ConfigurationTarget.Global);
    let again: AccessReport;
    try {
      await api.panel.receive({ type: 'retryCheck' });
      again = await fresh;
    } finally {
      await probe.update('access.probe', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(again.verdict.status, 'ok', again.verdict.explanation);
    assert.equal(api.state.notice(), undefined, 'the notice is gone after a good check');
  });
});

function account(subscriptionId: string, name: string, location: string) {
  return {
    subscriptionId,
    resourceGroup: 'rg-ai',
    name,
    kind: 'AIServices',
    location,
    customSubDomainName: name,
    disableLocalAuth: true,
    publicNetworkAccess: 'Enabled',
    networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
    deployments: [{ name: 'gpt-4o', model: 'gpt-4o', format: 'OpenAI', version: '2024-11-20' }],
  };
}
