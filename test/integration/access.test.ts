// "Check Entra ID access" end to end in the real extension host: the command, the lazily loaded
// dist/azure.js, the real @azure/* SDK clients over HTTP against the emulator, and the real
// AzureCliCredential whose `az` is the emulator's stand-in (test/emulator/bin, on PATH). One test
// per seed-table scenario asserting the verdict and the offered fix, the assign-role fix followed
// by a passing re-check, the December 2026 scenarios (project endpoint, missing agents data action, tenant
// mismatch), and the Azure faults (429, 500, paging, 403 on role assignments, cancel).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { AccessReport } from '../../src/core/accessReport';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const EMULATOR = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
const OPENAI = 'https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions';
const MODELS = 'https://contoso-ai.services.ai.azure.com/models';

async function emulator(path: string, body?: unknown): Promise<any> {
  const response = await fetch(
    new URL(path, EMULATOR),
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return response.json();
}

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

async function check(scenario: string, endpoint: string, extra: Record<string, unknown> = {}): Promise<AccessReport> {
  await emulator('/_emulator/scenario', { name: scenario });
  const report = await vscode.commands.executeCommand<AccessReport | undefined>('azureAiAuthDoctor.checkAccess', {
    endpoint,
    identity: 'default-credential',
    probe: true,
    codeScope: '',
    ...extra,
  });
  assert.ok(report, 'the command returns the AccessReport');
  return report;
}

const kinds = (r: AccessReport) => r.fixes.map((f) => f.kind);
const step = (r: AccessReport, id: string) => r.steps.find((s) => s.id === id)!;

const lazyLoading = describe('access check: lazy Azure bundle', () => {
  it('activation loads neither dist/azure.js nor any @azure/* module', async () => {
    const extension = await api();
    assert.equal(extension.isAzureBundleLoaded(), false);
    const loaded = Object.keys(require.cache).filter((k) =>
      /[\\/]dist[\\/]azure\.js$|[\\/]node_modules[\\/]@azure[\\/]/.test(k),
    );
    assert.deepEqual(loaded, [], 'no Azure module in the extension host module cache');
  });
});

const accessCheck = describe('access check: the command against the emulator', function () {
  this.timeout(120_000);
  let extension: ExtensionApi;

  before(async () => {
    assert.ok(EMULATOR, 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is set (the harness starts the emulator)');
    extension = await api();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('azureAiAuthDoctor.cancelRecheck');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('everything right: ok verdict, dist/azure.js now loaded, report published to the panel state', async () => {
    const seen: AccessReport[] = [];
    const sub = extension.state.onDidChangeReport((r) => seen.push(r));
    const r = await check('all-good', OPENAI);
    sub.dispose();
    assert.equal(r.verdict.status, 'ok', r.verdict.explanation);
    assert.equal(extension.isAzureBundleLoaded(), true);
    assert.equal(r.identity?.source, 'AzureCliCredential');
    assert.deepEqual(
      r.checklist.map((c) => c.status),
      ['passed', 'passed', 'passed', 'passed', 'passed'],
    );
    assert.ok(
      seen.some((s) => s.steps.some((x) => x.status === 'running')),
      'partial reports were published live',
    );
    assert.deepEqual(extension.state.lastReport()?.verdict, r.verdict);
    console.log(`      all-good: ${r.stats?.durationMs} ms, ${r.stats?.requests} requests`);
  });

  it('principal lacks the role: PermissionDenied, "Assign Cognitive Services User" fix', async () => {
    const r = await check('lacks-role', OPENAI);
    assert.equal(r.verdict.scenario, 'principal-lacks-permission');
    assert.equal(r.probe?.status, 401);
    assert.deepEqual(kinds(r), ['assign-role', 'copy-cli', 'open-iam']);
    assert.equal(r.fixes[0].title, 'Assign Cognitive Services User to dev@contoso.onmicrosoft.com on contoso-ai');
  });

  it('only Owner/Contributor: no data actions', async () => {
    const r = await check('owner-contributor-only', OPENAI);
    assert.equal(r.verdict.scenario, 'principal-lacks-permission');
    assert.match(r.assignments.map((a) => a.note).join(' '), /Owner carries no data actions/);
    assert.equal(kinds(r)[0], 'assign-role');
  });

  it('only OpenAI User on a non-OpenAI deployment: grants only access to OpenAI models', async () => {
    const r = await check('openai-user-non-openai', MODELS, { deployment: 'DeepSeek-R1' });
    assert.equal(r.verdict.scenario, 'principal-lacks-permission');
    assert.match(r.assignments[0].note, /grants only access to OpenAI models/);
    assert.equal(kinds(r)[0], 'assign-role');
  });

  it('assignment 2 minutes old: may not have propagated, wait', async () => {
    const r = await check('assignment-2-minutes', OPENAI);
    assert.match(r.verdict.title, /2 minute\(s\) old/);
    assert.equal(kinds(r)[0], 'wait');
  });

  it('wrong audience: flagged and reproduced, change-scope fix', async () => {
    const r = await check('wrong-audience', MODELS, {
      codeScope: 'https://ml.azure.com/.default',
      deployment: 'DeepSeek-R1',
    });
    assert.equal(r.verdict.scenario, 'token-invalid-or-wrong-audience');
    assert.match(r.token?.mismatch ?? '', /ml\.azure\.com/);
    assert.deepEqual(kinds(r), ['change-scope']);
  });

  it('wrong endpoint: 404 DeploymentNotFound, change-endpoint fix', async () => {
    const r = await check(
      'wrong-endpoint-404',
      'https://contoso-ai.openai.azure.com/openai/deployments/gpt4o/chat/completions',
    );
    assert.equal(r.verdict.scenario, 'deployment-not-found');
    assert.deepEqual(kinds(r), ['change-endpoint']);
  });

  it('no custom subdomain: 400, custom-subdomain verdict', async () => {
    const r = await check('no-custom-subdomain', 'https://westeurope.api.cognitive.microsoft.com/');
    assert.equal(r.verdict.scenario, 'custom-subdomain-required');
    assert.equal(kinds(r)[0], 'change-endpoint');
  });

  it('network denied: 403 firewall, open Networking fix', async () => {
    const r = await check('network-denied', OPENAI);
    assert.equal(r.verdict.scenario, 'network-denied');
    assert.match(r.fixes[0].url ?? '', /\/networking$/);
  });

  describe('December 2026 scenarios (update §1b, §1d, §1e)', () => {
    const PROJECT = 'https://contoso-ai.services.ai.azure.com/api/projects/proj-1';
    const PROJECT_V1 = `${PROJECT}/openai/v1`;
    const AGENTS_READ = 'Microsoft.CognitiveServices/accounts/AIServices/agents/read';

    it("project endpoint: Foundry User (formerly Azure AI User) grants the agents action; ai.azure.com token; the project's managed identity note", async () => {
      const r = await check('project-endpoint', PROJECT);
      assert.equal(r.verdict.status, 'ok', r.verdict.explanation);
      assert.equal(r.requiredDataAction, AGENTS_READ);
      assert.equal(r.assignments[0].roleName, 'Foundry User (formerly Azure AI User)');
      assert.ok(r.assignments[0].grantsRequired);
      assert.equal(r.token?.audience, 'https://ai.azure.com');
      assert.equal(r.probe?.status, 200);
      assert.ok(
        r.notes?.some((n) => /project's managed identity needs a role too/.test(n)),
        JSON.stringify(r.notes),
      );
      assert.deepEqual(extension.state.lastReport()?.verdict, r.verdict, 'the panel shows this report');
    });

    it("project's /openai/v1 chat: agents/write needed, probed on the project path", async () => {
      const r = await check('project-endpoint', PROJECT_V1, { deployment: 'gpt-4o' });
      assert.equal(r.requiredDataAction, 'Microsoft.CognitiveServices/accounts/AIServices/agents/write');
      assert.equal(r.verdict.status, 'ok', r.verdict.explanation);
      assert.match(r.probe?.url ?? '', /\/api\/projects\/proj-1\/openai\/v1\/chat\/completions$/);
    });

    it('missing agents data action: the detailed 401 is parsed, roles judged against agents/read, Foundry User offered', async () => {
      const r = await check('missing-agents-action', PROJECT);
      assert.equal(r.probe?.status, 401);
      assert.deepEqual(r.probe?.details, {
        principal: 'dev@contoso.onmicrosoft.com',
        dataAction: AGENTS_READ,
        operation: 'GET /api/projects/{projectName}/openai/v1/models',
      });
      assert.equal(r.verdict.scenario, 'principal-lacks-permission');
      assert.equal(r.requiredDataAction, AGENTS_READ);
      assert.ok(r.assignments.length > 0 && r.assignments.every((a) => !a.grantsRequired));
      assert.match(r.assignments.map((a) => a.note).join(' '), /Azure AI Developer has no Foundry agents data action/);
      assert.deepEqual(kinds(r).slice(0, 2), ['assign-role', 'copy-cli']);
      assert.match(
        r.fixes[0].title,
        /^Assign Foundry User \(formerly Azure AI User\) to dev@contoso\.onmicrosoft\.com/,
      );
      assert.match(r.fixes[1].cliCommand ?? '', /--role "53ca6127-db72-4b80-b1b0-d745d6d5456d"/);
    });

    it('tenant mismatch: the token tid differs from the resource tenant, the 400 is explained, az login --tenant offered', async () => {
      const r = await check('tenant-mismatch', OPENAI);
      assert.equal(r.token?.tenantId, '72f988bf-0000-4000-8000-0000000000b2');
      assert.match(
        r.token?.tenantMismatch ?? '',
        /does not match resource tenant 72f988bf-0000-4000-8000-000000000001/,
      );
      assert.equal(step(r, 'token').status, 'failed');
      assert.equal(r.probe?.status, 400);
      assert.equal(r.verdict.scenario, 'tenant-mismatch');
      assert.equal(r.fixes[0].cliCommand, 'az login --tenant "72f988bf-0000-4000-8000-000000000001"');
    });
  });

  it('another principal by object id: roles only; a malformed identity is refused', async () => {
    const r = await check('lacks-role', OPENAI, { identity: { objectId: '33333333-cccc-4ddd-8eee-000000000003' } });
    assert.equal(r.identity?.kind, 'object-id');
    assert.equal(step(r, 'token').status, 'skipped');
    assert.equal(r.verdict.scenario, 'principal-lacks-permission');
    const refused = await vscode.commands.executeCommand('azureAiAuthDoctor.checkAccess', {
      endpoint: OPENAI,
      identity: { objectId: 'not-a-guid' },
      probe: false,
    });
    assert.equal(refused, undefined);
  });

  it('assign-role fix: modal confirmation names principal, role and scope; PUT; a re-check passes', async () => {
    const before = await check('assign-fix', OPENAI);
    assert.equal(before.verdict.scenario, 'principal-lacks-permission');
    let shown = '';
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; message: string } | undefined>(
      'azureAiAuthDoctor.assignRole',
      {
        report: before,
        confirm: (detail: string) => {
          shown = detail;
          return Promise.resolve(true);
        },
      },
    );
    assert.ok(outcome?.ok, outcome?.message);
    assert.match(shown, /Principal: dev@contoso\.onmicrosoft\.com \(11111111-aaaa-4bbb-8ccc-000000000001, User\)/);
    assert.match(shown, /Role: Cognitive Services User \(a97b65f3-24c7-4388-baec-2e87135dc908\)/);
    assert.match(shown, /Scope: \/subscriptions\/.*\/accounts\/contoso-ai/);
    const state = await emulator('/_emulator/state');
    assert.ok(state.byRoute['role-assignment-create'] === 1, JSON.stringify(state.byRoute));
    await emulator('/_emulator/advance', { minutes: 10 });
    const after = await vscode.commands.executeCommand<AccessReport>('azureAiAuthDoctor.checkAccess', {
      endpoint: OPENAI,
      identity: 'default-credential',
      probe: true,
      codeScope: '',
    });
    assert.equal(after.verdict.status, 'ok', after.verdict.explanation);
  });

  it('assign-role fix: declining the confirmation creates nothing', async () => {
    const before = await check('assign-fix', OPENAI);
    const outcome = await vscode.commands.executeCommand('azureAiAuthDoctor.assignRole', {
      report: before,
      confirm: () => Promise.resolve(false),
    });
    assert.equal(outcome, undefined);
    const state = await emulator('/_emulator/state');
    assert.equal(state.byRoute['role-assignment-create'] ?? 0, 0);
  });

  it('fault: 429 with Retry-After is honoured', async () => {
    const r = await check('fault-429', OPENAI);
    assert.equal(r.verdict.status, 'ok');
    assert.equal((await emulator('/_emulator/state')).byRoute.fault, 2);
  });

  it('fault: 500 is retried', async () => {
    const r = await check('fault-500', OPENAI);
    assert.equal(r.verdict.status, 'ok');
    assert.ok((await emulator('/_emulator/state')).byRoute.fault >= 2);
  });

  it('fault: nextLink paging', async () => {
    const r = await check('paging', OPENAI);
    assert.equal(r.verdict.status, 'ok');
    assert.equal(r.stats?.subscriptionsSearched, 4);
  });

  it('fault: 403 on role assignments gives a partial report naming the missing permission', async () => {
    const r = await check('fault-roleassignments-403', OPENAI, { probe: false });
    assert.ok(r.gaps.some((g) => g.includes('Microsoft.Authorization/roleAssignments/read')));
    assert.equal(r.checklist[1].status, 'failed');
  });

  it('fault: cancelling stops the check and leaves no step running', async () => {
    await emulator('/_emulator/scenario', { name: 'fault-slow' });
    const searching = new Promise<void>((resolve) => {
      const sub = extension.state.onDidChangeReport((r) => {
        if (r.steps[1]?.status === 'running') {
          sub.dispose();
          resolve();
        }
      });
    });
    const started = Date.now();
    const pending = vscode.commands.executeCommand<AccessReport>('azureAiAuthDoctor.checkAccess', {
      endpoint: OPENAI,
      identity: 'default-credential',
      probe: false,
      codeScope: '',
    });
    await searching;
    assert.equal(await vscode.commands.executeCommand('azureAiAuthDoctor.cancelAccessCheck'), true);
    const r = await pending;
    assert.ok(Date.now() - started < 20_000);
    assert.equal(r.verdict.title, 'Cancelled');
    assert.ok(r.steps.every((s) => s.status !== 'running' && s.status !== 'pending'));
    assert.equal(extension.state.lastReport()?.verdict.title, 'Cancelled');
  });

  it('large tenant (50 subscriptions, 500 accounts, 200 role assignments): target found, bounded requests', async () => {
    const r = await check('large-tenant', OPENAI, { probe: false });
    const stats = r.stats;
    console.log(
      `      large tenant in the extension host: ${stats?.durationMs} ms, ${stats?.requests} requests, ${stats?.subscriptionsSearched} subscriptions, ${stats?.accountsScanned} accounts`,
    );
    assert.equal(r.verdict.status, 'ok', r.verdict.explanation);
    assert.equal(r.resource?.name, 'contoso-ai', 'the target account is found');
    assert.ok(stats, 'the report carries its stats');
    assert.equal(stats.subscriptionsSearched, 50, 'every subscription is listed');
    // Subscriptions are searched concurrently and the search stops at the first match, so how many
    // filler accounts were listed before that depends on timing. What holds in every order: the
    // target's own subscription (10 accounts, the target last) was listed, and nothing beyond 500.
    assert.ok(stats.accountsScanned >= 10 && stats.accountsScanned <= 500, `${stats.accountsScanned} accounts scanned`);
    // One page per list (pages of 100): tenants, subscriptions, at most 50 account lists, the
    // target's deployments, 2 role-assignment pages, role definitions, tokens. Never one per account.
    assert.ok(stats.requests <= 80, `${stats.requests} requests`);
  });

  it('copies a Markdown summary without any token', async () => {
    await check('lacks-role', OPENAI);
    const markdown = await vscode.commands.executeCommand<string>('azureAiAuthDoctor.copyAccessSummary');
    assert.match(markdown, /# Entra ID access check/);
    assert.equal(await vscode.env.clipboard.readText(), markdown);
    const tokens: string[] = (await emulator('/_emulator/tokens')).tokens;
    for (const t of tokens) assert.equal(markdown.includes(t.split('.')[1]), false);
  });
});

// Mocha runs root suites in file order and this file sorts first. The lazy-loading assertion must
// run before any check (here and in the foundation suite, same host), while the checks load the
// bundle: so, once every file is loaded, the check suites move themselves to the end of the run.
before(function () {
  // The credential seam: the fake `az` (test/emulator/bin) must be on the extension host's PATH.
  // The harness puts it on code-server's PATH, but VS Code may rebuild the extension host's PATH
  // from the login shell, so the suite (which runs in the extension host process) adds it again.
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (ext && EMULATOR) {
    const bin = path.join(ext.extensionPath, 'test', 'emulator', 'bin');
    const parts = (process.env.PATH ?? '').split(path.delimiter);
    if (!parts.includes(bin)) {
      console.log(`      (adding ${bin} to the extension host PATH; it was not there)`);
      process.env.PATH = [bin, ...parts].join(path.delimiter);
    }
  }
  const root = accessCheck.parent;
  if (!root) return;
  // Every suite that runs a check (this file's and account.test.ts's, all titled "access check: …").
  const checks = root.suites.filter((suite) => suite !== lazyLoading && suite.title.startsWith('access check:'));
  for (const suite of checks) root.suites.splice(root.suites.indexOf(suite), 1);
  root.suites.push(...checks);
  // The VS Code account suite registers the 'microsoft' providers: after the lazy-loading checks (its
  // checks load dist/azure.js), before the security suite runs every command (its sign-in then meets
  // the emulator's provider, not a real Microsoft sign-in).
  const account = root.suites.find((suite) => suite.title.startsWith('VS Code account:'));
  if (account && root.suites.includes(lazyLoading)) {
    root.suites.splice(root.suites.indexOf(account), 1);
    root.suites.splice(root.suites.indexOf(lazyLoading) + 1, 0, account);
  }
});

describe('access check: the verdict comes to the user, the probe setting, state after actions', function () {
  this.timeout(120_000);
  let extension: ExtensionApi;
  const settings = () => vscode.workspace.getConfiguration('azureAiAuthDoctor');

  before(async () => {
    assert.ok(EMULATOR, 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is set (the harness starts the emulator)');
    extension = await api();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('azureAiAuthDoctor.cancelRecheck');
    await settings().update('access.probe', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('a finished check opens the report tab and announces the verdict with one primary action', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What the report tab had painted when the notification went out: the tab must not trail it
    // (in the demo it once still said "No access check yet" under the verdict notification).
    const announced = new Promise<{
      message: string;
      actions: string[];
      tab: ReturnType<ExtensionApi['panel']['reportTabRendered']>;
    }>((resolve) => {
      const sub = extension.access.onDidAnnounce((a) => {
        sub.dispose();
        resolve({ ...a, tab: extension.panel.reportTabRendered() });
      });
    });
    await emulator('/_emulator/scenario', { name: 'lacks-role' });
    const report = await vscode.commands.executeCommand<AccessReport>('azureAiAuthDoctor.checkAccess', {
      endpoint: OPENAI,
      identity: 'default-credential',
      probe: false,
      codeScope: '',
    });
    const said = await announced;
    const assign = report.fixes.find((f) => f.kind === 'assign-role');
    assert.ok(assign, 'an assign-role fix');
    assert.equal(said.message, `Entra ID access: ${report.verdict.title}. Fix: ${assign.title}.`);
    // Buttons short enough not to be cut off; the message names the role, principal and resource.
    assert.deepEqual(said.actions, ['Assign role…', 'Show report'], 'the primary action leads, then Show report');
    assert.ok(extension.panel.reportTabOpen(), 'the report tab is open');
    assert.equal(
      said.tab?.status,
      report.verdict.status,
      'the report tab shows the verdict before the notification announces it',
    );
    const reportTab = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('azureAiAuthDoctor.report'),
        );
    if (!reportTab())
      await new Promise<void>((resolve) => {
        const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
          if (reportTab()) {
            sub.dispose();
            resolve();
          }
        });
      });
    assert.equal(reportTab()?.label, 'Entra ID access report');
  });

  it("probe 'never': the chat completion is not sent and nobody is asked", async () => {
    await settings().update('access.probe', 'never', vscode.ConfigurationTarget.Global);
    let asked = 0;
    const r = await check('all-good', OPENAI, {
      probe: undefined,
      showReport: false,
      confirmProbe: () => {
        asked++;
        return Promise.resolve(true);
      },
    });
    assert.equal(asked, 0);
    assert.match(step(r, 'probe').details.join(' '), /chat completion not sent/);
  });

  it("probe 'ask': asked once when roles grant the call, never when they already prove a denial", async () => {
    let asked = 0;
    const confirmProbe = () => {
      asked++;
      return Promise.resolve(false);
    };
    await check('all-good', OPENAI, { probe: undefined, showReport: false, confirmProbe });
    assert.equal(asked, 1, 'asked when the roles grant the call');
    const denied = await check('lacks-role', OPENAI, { probe: undefined, showReport: false, confirmProbe });
    assert.equal(step(denied, 'roles').status, 'failed');
    assert.equal(asked, 1, 'not asked: the role assignments already prove the denial');
    assert.equal(denied.verdict.scenario, 'principal-lacks-permission');
  });

  it("probe 'always': sent without asking", async () => {
    await settings().update('access.probe', 'always', vscode.ConfigurationTarget.Global);
    const r = await check('all-good', OPENAI, {
      probe: undefined,
      showReport: false,
      confirmProbe: () => Promise.resolve(false),
    });
    assert.doesNotMatch(step(r, 'probe').details.join(' '), /not sent/);
  });

  it('after Assign: "assigned at HH:MM, propagating", then an automatic re-check', async () => {
    const before = await check('assign-fix', OPENAI, { showReport: false });
    const rechecked = new Promise<AccessReport>((resolve) => {
      const sub = extension.state.onDidChangeReport((r) => {
        if (r.finishedAt && r.startedAt !== before.startedAt) {
          sub.dispose();
          resolve(r);
        }
      });
    });
    const outcome = await vscode.commands.executeCommand<{ ok: boolean } | undefined>('azureAiAuthDoctor.assignRole', {
      report: before,
      confirm: () => Promise.resolve(true),
      propagationMs: 1500,
    });
    assert.ok(outcome?.ok);
    const propagation = extension.state.propagation();
    assert.equal(propagation?.reason, 'assigned');
    assert.equal(extension.panel.snapshot().propagation?.reason, 'assigned', 'the panel counts down');
    const after = await rechecked;
    assert.equal(step(after, 'roles').status === 'failed', false, 'the re-check sees the new assignment');
    assert.equal(extension.state.propagation(), undefined, 'the countdown is over');
  });

  it('Wait shows the time left and can be cancelled (no re-check then)', async () => {
    const young = await check('assignment-2-minutes', OPENAI, { showReport: false });
    const index = young.fixes.findIndex((f) => f.kind === 'wait');
    assert.ok(index >= 0, 'a wait fix');
    const started = new Promise<void>((resolve) => {
      const sub = extension.state.onDidChangeCheckStatus(() => {
        if (extension.state.propagation()) {
          sub.dispose();
          resolve();
        }
      });
    });
    const pending = vscode.commands.executeCommand('azureAiAuthDoctor.applyAccessFix', { index, kind: 'wait' });
    await started;
    const propagation = extension.state.propagation();
    assert.equal(propagation?.reason, 'waiting');
    const left = (propagation?.until ?? 0) - Date.now();
    assert.ok(left > 60_000 && left <= 3 * 60_000 + 1000, `about 3 minutes left: ${left} ms`);
    let checks = 0;
    const sub = extension.state.onDidChangeReport(() => checks++);
    assert.equal(await vscode.commands.executeCommand('azureAiAuthDoctor.cancelRecheck'), true);
    assert.equal(await pending, undefined, 'cancelled: no re-check');
    sub.dispose();
    assert.equal(checks, 0);
    assert.equal(extension.state.propagation(), undefined);
  });
});
