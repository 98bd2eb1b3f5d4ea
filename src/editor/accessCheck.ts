// "Check Entra ID access" on the VS Code side: picks the endpoint and the identity, shows progress
// (cancellable), publishes the live report to sharedState, logs to the "Azure AI Auth Doctor" log
// channel and offers the fixes. Every @azure/* line lives in dist/azure.js, required here only
// when a check or a fix runs, so nothing Azure is parsed at activation (isAzureBundleLoaded()).
import * as vscode from 'vscode';
import { loopbackEmulatorUrl } from '../tools/emulator';
import type * as AzureBundle from '../azure/index';
import { bundle, isBundleLoaded } from './lazyBundles';
import type { AccessReport, FixAction } from '../core/accessReport';
import { classifyEndpoint } from '../core/knowledge/endpoints';
import { sharedState } from '../state';
import {
  formatClock,
  formatCountdown,
  isCancelledSignIn,
  notificationActionLabel,
  primaryFix,
  probeDecision,
  propagationEnd,
  PROPAGATION_MS,
  verdictMessage,
} from './accessPolicy';
import { probeMode } from './settings';

type Bundle = typeof AzureBundle;
type IdentityChoice = 'vscode' | 'default-credential' | { objectId: string };

/** Arguments for programmatic use (CodeLens, hover, panel, tests). */
export interface CheckAccessArgs {
  endpoint?: string;
  identity?: IdentityChoice;
  /** true: send one chat completion without asking; false: never; absent: ask (modal). */
  probe?: boolean;
  /** The scope the code requests (flagged when it does not fit the endpoint); absent: from the findings; '': none. */
  codeScope?: string;
  /** The deployment the code calls (/models and /openai/v1 carry it in the body). */
  deployment?: string;
  /** Restrict the resource search to these tenants (the tenant picker's choice). */
  tenants?: string[];
  /** In-process callers (tests) may answer the probe dialog themselves. */
  confirmProbe?: (description: string) => Promise<boolean>;
  /** false: do not open the report tab when the check ends (default: open it). */
  showReport?: boolean;
}

/** What the end-of-check notification said (the integration tests read it; toasts may be hidden). */
export interface Announcement {
  message: string;
  actions: string[];
  severity: 'info' | 'warning';
}

export interface AccessCheckApi {
  announcements(): readonly Announcement[];
  /** How many times the VS Code sign-in was asked for (getSession with createIfNone). */
  signInPrompts(): number;
  onDidAnnounce: vscode.Event<Announcement>;
}

/** In-process callers (tests) may answer the modal themselves; a webview message can never carry a function. */
export interface AssignRoleArgs {
  report?: AccessReport;
  confirm?: (detail: string) => Promise<boolean>;
  /** How long the propagation countdown runs before the automatic re-check (default 5 minutes). */
  propagationMs?: number;
}

const LOG_NAME = 'Azure AI Auth Doctor';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let running: AbortController | undefined;
let lastIdentity: AzureBundle.IdentityProvider | undefined;
/** Tenants the user picked in the tenant picker: the VS Code account may prompt a sign-in for them. */
const pickedTenants = new Set<string>();
/**
 * The VS Code sign-in of the current check: once it did not complete (cancelled, consent declined),
 * it is not asked for again in that check, and the last good report stays.
 */
const signIn: { declined: boolean; reason?: string; prompts: number } = { declined: false, prompts: 0 };
const announced: Announcement[] = [];
const announceEmitter = new vscode.EventEmitter<Announcement>();

export function isAzureBundleLoaded(): boolean {
  return isBundleLoaded('azure');
}

/** ARM endpoint: the setting, else the emulator in tests/demo, else the cloud's (decided by the bundle). */
function armEndpoint(): string | undefined {
  const setting = vscode.workspace.getConfiguration('azureAiAuthDoctor').get<string>('access.armEndpoint', '').trim();
  return setting || loopbackEmulatorUrl();
}

function authProviderId(): string {
  const env = vscode.workspace.getConfiguration('microsoft-sovereign-cloud').get<string>('environment', '');
  return env === 'ChinaCloud' || env === 'USGovernment' || env === 'custom' ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/** The ARM scope of the cloud VS Code signs in to (`microsoft-sovereign-cloud.environment`). */
function managementScope(): string {
  const env = vscode.workspace.getConfiguration('microsoft-sovereign-cloud').get<string>('environment', '');
  if (env === 'USGovernment') return 'https://management.usgovcloudapi.net/.default';
  if (env === 'ChinaCloud') return 'https://management.chinacloudapi.cn/.default';
  return 'https://management.azure.com/.default';
}

/** The VS Code account through the built-in Microsoft auth provider; tenant by VSCODE_TENANT:<id> (facts §8). */
function vscodeIdentity(azure: Bundle): AzureBundle.IdentityProvider {
  const providerId = authProviderId();
  const tokens = new azure.TokenCache(async (tenantId, scopes) => {
    const request = tenantId ? [...scopes, `VSCODE_TENANT:${tenantId}`] : scopes;
    // The home tenant may prompt a sign-in; other tenants are searched silently (a tenant that needs
    // a sign-in becomes a gap in the report instead of a stream of dialogs), unless picked explicitly.
    const interactive = (!tenantId || pickedTenants.has(tenantId.toLowerCase())) && !signIn.declined;
    let session: vscode.AuthenticationSession | undefined;
    if (interactive) signIn.prompts++;
    try {
      session = interactive
        ? await vscode.authentication.getSession(providerId, request, { createIfNone: true })
        : await vscode.authentication.getSession(providerId, request, { silent: true });
    } catch (err) {
      if (!interactive) throw err;
      // The person was asked and the sign-in did not complete: not a finding about access.
      signIn.declined = true;
      signIn.reason = isCancelledSignIn(err) ? undefined : (err as Error).message?.split('\n')[0].slice(0, 200);
      void vscode.commands.executeCommand('setContext', 'azureAiAuthDoctor.vscodeSignedOut', true);
      throw new Error('The VS Code sign-in did not complete.', { cause: err });
    }
    if (!session)
      throw new Error(
        signIn.declined
          ? 'The VS Code sign-in did not complete.'
          : `Not signed in to tenant ${tenantId ?? '(home)'} in VS Code (pick it in the tenant picker to sign in).`,
      );
    void vscode.commands.executeCommand('setContext', 'azureAiAuthDoctor.vscodeSignedOut', false);
    const exp = azure.decodeClaims(session.accessToken)?.exp;
    return { token: session.accessToken, expiresOnTimestamp: exp ? exp * 1000 : Date.now() + 5 * 60_000 };
  });
  return {
    kind: 'vscode',
    source: () => `VS Code account (${providerId})`,
    credentialFor: (t) => tokens.credentialFor(t),
  };
}

/**
 * Identities are kept for the session so their cached tokens (until expiry) serve the next check
 * too. The VS Code account is kept per auth provider: switching `microsoft-sovereign-cloud.environment`
 * switches to the other provider's sessions.
 */
const identities = new Map<string, AzureBundle.IdentityProvider>();

function identityFor(azure: Bundle, choice: IdentityChoice): AzureBundle.IdentityProvider {
  // A new DefaultAzureCredential per check: a token it cached would outlive what the user changed since
  // (`az login --tenant ...`, the fix a tenant mismatch offers). The VS Code account follows its sessions.
  if (choice !== 'vscode') return azure.defaultCredentialIdentity();
  const key = `vscode:${authProviderId()}`;
  let identity = identities.get(key);
  if (!identity) {
    identity = vscodeIdentity(azure);
    identities.set(key, identity);
  }
  return identity;
}

function defaultIdentity(azure: Bundle): AzureBundle.IdentityProvider {
  return identityFor(azure, 'default-credential');
}

// ---------------------------------------------------------------------------------------------
// Picking the endpoint and the identity
// ---------------------------------------------------------------------------------------------

const URL_IN_TEXT = /https?:\/\/[^\s'"`<>)\]},;]+/g;

function endpointAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const line = editor.document.lineAt(editor.selection.active.line).text;
  const column = editor.selection.active.character;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    if (m.index <= column && column <= m.index + m[0].length && classifyEndpoint(m[0])) return m[0];
  }
  return undefined;
}

async function endpointCandidates(): Promise<{ label: string; description: string }[]> {
  const seen = new Map<string, string>();
  const add = (url: string, where: string) => {
    const info = classifyEndpoint(url);
    if (info && info.kind !== 'openai-public' && !seen.has(info.url)) seen.set(info.url, where);
  };
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const findings = sharedState.allFindings();
  for (const f of (active && findings.get(active)) || []) if (f.endpoint) add(f.endpoint, 'this file');
  for (const [, list] of findings)
    for (const f of list) if (f.endpoint) add(f.endpoint, vscode.workspace.asRelativePath(f.file));
  const files = await vscode.workspace.findFiles(
    '**/{.env,.env.*,appsettings*.json,local.settings.json}',
    '**/node_modules/**',
    30,
  );
  for (const uri of files) {
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri))
        .toString('utf8')
        .slice(0, 200_000);
      for (const m of text.matchAll(URL_IN_TEXT)) add(m[0], vscode.workspace.asRelativePath(uri));
    } catch {
      // unreadable file: skip
    }
  }
  return [...seen].map(([label, description]) => ({ label, description }));
}

async function pickEndpoint(): Promise<string | undefined> {
  const atCursor = endpointAtCursor();
  if (atCursor) return atCursor;
  const typeIn = { label: '$(edit) Type an endpoint…', description: '' };
  const items = [...(await endpointCandidates()), typeIn];
  const picked =
    items.length === 1
      ? typeIn
      : await vscode.window.showQuickPick(items, {
          title: 'Check Entra ID access: which endpoint?',
          matchOnDescription: true,
        });
  if (!picked) return undefined;
  if (picked !== typeIn) return picked.label;
  return vscode.window.showInputBox({
    title: 'Azure AI or Azure OpenAI endpoint',
    placeHolder:
      'https://<resource>.openai.azure.com/openai/v1/ or https://<resource>.services.ai.azure.com/api/projects/<project>',
    validateInput: (v) => (classifyEndpoint(v.trim()) ? undefined : 'Not an Azure AI endpoint URL'),
  });
}

async function pickIdentity(): Promise<IdentityChoice | undefined> {
  const items: (vscode.QuickPickItem & { value: 'vscode' | 'default-credential' | 'object-id' })[] = [
    {
      label: '$(terminal) What DefaultAzureCredential picks',
      description: 'environment service principal, Azure CLI, Azure Developer CLI',
      value: 'default-credential',
    },
    { label: '$(account) The account signed in to VS Code', description: authProviderId(), value: 'vscode' },
    {
      label: '$(person) Another principal by object id…',
      description: 'roles only (a token can only be obtained for yourself)',
      value: 'object-id',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Check Entra ID access: whose access?' });
  if (!picked) return undefined;
  if (picked.value !== 'object-id') return picked.value;
  const oid = await vscode.window.showInputBox({
    title: 'Object id of the user, group or service principal',
    validateInput: (v) => (GUID.test(v.trim()) ? undefined : 'A GUID, e.g. 00000000-0000-0000-0000-000000000000'),
  });
  return oid ? { objectId: oid.trim() } : undefined;
}

/** Tenant picker for the VS Code account: all tenants (default) or one. null: the user dismissed it. */
async function pickTenant(
  azure: Bundle,
  identity: AzureBundle.IdentityProvider,
  endpoint: string,
  log: vscode.LogOutputChannel,
): Promise<string[] | undefined | null> {
  const cloud = classifyEndpoint(endpoint)?.cloud ?? 'public';
  let found: AzureBundle.TenantRef[];
  try {
    found = await azure.listTenants(identity, {
      armEndpoint: (armEndpoint() || azure.ARM_BY_CLOUD[cloud]).replace(/\/+$/, ''),
      cloud,
      signal: new AbortController().signal,
      timeoutMs: azure.DEFAULT_TIMEOUT_MS,
      requestCount: 0,
    });
  } catch (err) {
    log.warn(`Could not list tenants for the picker: ${(err as Error).message?.split('\n')[0]}`);
    return undefined;
  }
  if (found.length < 2) return undefined;
  const all = {
    label: '$(globe) All tenants',
    description: `${found.length} tenants; one failing tenant never hides the others`,
    tenantIds: undefined as string[] | undefined,
  };
  const items = [
    all,
    ...found.map((t) => ({
      label: t.displayName ?? t.tenantId,
      description: `${t.defaultDomain ?? ''} ${t.tenantId}`.trim(),
      tenantIds: [t.tenantId],
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Check Entra ID access: which tenant?' });
  picked?.tenantIds?.forEach((t) => pickedTenants.add(t.toLowerCase()));
  return picked ? picked.tenantIds : null;
}

/** The scope the code requests for this endpoint, when a scope finding names one. */
function codeScopeFromFindings(endpoint: string): string | undefined {
  const info = classifyEndpoint(endpoint);
  const accepted = new Set(info?.scopes ?? []);
  for (const [, list] of sharedState.allFindings()) {
    for (const f of list) {
      if (f.rule !== 'token-scope' && f.rule !== 'inference-default-scope') continue;
      // Only a finding about this very endpoint (same host and path) says what this code requests.
      const about = f.endpoint ? classifyEndpoint(f.endpoint) : undefined;
      if (
        !about ||
        !info ||
        about.host.toLowerCase() !== info.host.toLowerCase() ||
        about.path.replace(/\/+$/, '') !== info.path.replace(/\/+$/, '')
      )
        continue;
      // the rules put the scope the code requests in data.scope
      const scope = typeof f.data?.scope === 'string' ? f.data.scope : undefined;
      if (scope && !accepted.has(scope)) return scope;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

async function checkAccess(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  args: CheckAccessArgs = {},
): Promise<AccessReport | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'Azure AI Auth Doctor: the access check calls Azure with your credentials, so it only runs in a trusted workspace. Trust this workspace first.',
    );
    return undefined;
  }
  if (running) {
    void vscode.window.showInformationMessage('Azure AI Auth Doctor: a check is already running.');
    return undefined;
  }
  const endpoint = (typeof args.endpoint === 'string' ? args.endpoint : await pickEndpoint())?.trim();
  if (!endpoint) return undefined;
  const choice = args.identity ?? (await pickIdentity());
  if (!choice) return undefined;
  if (
    typeof choice === 'object'
      ? !GUID.test(String(choice.objectId ?? ''))
      : choice !== 'vscode' && choice !== 'default-credential'
  ) {
    void vscode.window.showErrorMessage(
      "Azure AI Auth Doctor: identity must be 'vscode', 'default-credential' or { objectId: <GUID> }.",
    );
    return undefined;
  }
  const azure = bundle('azure');
  const identity = typeof choice === 'object' ? defaultIdentity(azure) : identityFor(azure, choice);
  const previous = sharedState.lastReport();
  signIn.declined = false;
  signIn.reason = undefined;
  sharedState.setNotice(undefined);
  const emulator = loopbackEmulatorUrl();
  let tenants = Array.isArray(args.tenants)
    ? args.tenants.filter((t) => typeof t === 'string' && GUID.test(t))
    : undefined;
  tenants?.forEach((t) => pickedTenants.add(t.toLowerCase()));
  if (choice === 'vscode' && !tenants && args.identity === undefined) {
    const picked = await pickTenant(azure, identity, endpoint, log);
    if (picked === null) return undefined;
    tenants = picked;
  }
  if (signIn.declined) return keepLastReport(context, log, args, previous);
  const controller = new AbortController();
  running = controller;
  log.info(
    `Check Entra ID access: ${endpoint} (identity: ${typeof choice === 'object' ? `object id ${choice.objectId}` : choice})`,
  );
  try {
    const mode = probeMode();
    let latest: AccessReport | undefined;
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking Entra ID access', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return azure.runAccessCheck({
          endpoint,
          identity,
          objectId: typeof choice === 'object' ? choice.objectId : undefined,
          probe: typeof args.probe === 'boolean' ? args.probe : undefined,
          confirmProbe: async (what) => {
            const decision = probeDecision(mode, undefined, latest);
            if (decision !== 'ask') {
              log.info(`Probe: ${decision === 'send' ? 'sending' : 'not sending'} the chat completion (${mode}).`);
              return decision === 'send';
            }
            return args.confirmProbe ? args.confirmProbe(what) : askProbe(what);
          },
          // Absent: what a scope finding about this endpoint says the code requests; '' means none.
          codeScope: args.codeScope === undefined ? codeScopeFromFindings(endpoint) : args.codeScope || undefined,
          deployment: args.deployment,
          tenants,
          armEndpoint: armEndpoint(),
          dataPlaneBase: emulator || undefined,
          signal: controller.signal,
          onUpdate: (partial) => {
            latest = partial;
            sharedState.setReport(partial);
            const step = partial.steps.find((s) => s.status === 'running');
            if (step) progress.report({ message: `${step.title}: ${step.summary}` });
          },
          log: (level, line) => log[level](line),
        });
      },
    );
    if (choice === 'vscode' && signIn.declined) return keepLastReport(context, log, args, previous);
    lastIdentity = identity;
    if (args.showReport !== false)
      await vscode.commands.executeCommand('azureAiAuthDoctor.showAccessReport', { preserveFocus: true });
    void announce(context, log, report);
    return report;
  } finally {
    running = undefined;
  }
}

/** The probe dialog: the chat completion can cost money; Cancel still runs every free check. */
async function askProbe(what: string): Promise<boolean> {
  const send = 'Send';
  const always = "Always send (don't ask again)";
  const never = "Never send (don't ask again)";
  const pick = await vscode.window.showWarningMessage(
    `Send ${what}?`,
    {
      modal: true,
      detail:
        'A chat completion (max_tokens 1) can cost money. Cancel still runs the free checks: identity, resource, role assignments, token and a cheap read. Change this later in the setting azureAiAuthDoctor.access.probe.',
    },
    send,
    always,
    never,
  );
  if (pick === always || pick === never)
    await vscode.workspace
      .getConfiguration('azureAiAuthDoctor')
      .update('access.probe', pick === always ? 'always' : 'never', vscode.ConfigurationTarget.Global);
  return pick === send || pick === always;
}

/**
 * A cancelled VS Code sign-in is not a finding about access: the last good report stays (the
 * partial one is dropped) and a notification offers Retry. The sign-in was asked for once.
 */
function keepLastReport(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  args: CheckAccessArgs,
  previous: AccessReport | undefined,
): AccessReport | undefined {
  const what = signIn.reason ? `VS Code sign-in did not complete (${signIn.reason})` : 'VS Code sign-in cancelled';
  log.info(`${what}; the last report is kept.`);
  if (previous) sharedState.setReport(previous);
  const message = previous ? `${what}: the last access report is kept.` : `${what}: nothing was checked.`;
  sharedState.setNotice({ kind: 'sign-in-cancelled', message });
  const retry = 'Retry';
  record({ message, actions: [retry], severity: 'warning' });
  void vscode.window.showWarningMessage(`Azure AI Auth Doctor: ${message}`, retry).then((pick) => {
    if (pick === retry) void retrySignIn(context, log, args);
  });
  return previous;
}

function retrySignIn(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  args: CheckAccessArgs,
): Promise<AccessReport | undefined> {
  signIn.declined = false;
  const endpoint = args.endpoint ?? sharedState.lastReport()?.endpoint;
  return checkAccess(context, log, { ...args, endpoint, identity: 'vscode' });
}

function record(announcement: Announcement): void {
  announced.push(announcement);
  if (announced.length > 50) announced.shift();
  announceEmitter.fire(announcement);
}

// ---------------------------------------------------------------------------------------------
// Propagation: after Assign (or for a young assignment), count down and check again by itself
// ---------------------------------------------------------------------------------------------

let countdown: AbortController | undefined;

function identityOf(report: AccessReport): IdentityChoice {
  if (report.identity?.kind === 'vscode') return 'vscode';
  if (report.identity?.kind === 'object-id' && report.identity.objectId) return { objectId: report.identity.objectId };
  return 'default-credential';
}

/** Shows "assigned at HH:MM, propagating" with the time left, cancellable; re-checks at the end. */
function startCountdown(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  report: AccessReport,
  reason: 'assigned' | 'waiting',
  assignedAt: number,
  until: number,
): Promise<AccessReport | undefined> {
  countdown?.abort();
  const controller = new AbortController();
  countdown = controller;
  sharedState.setPropagation({ assignedAt, until, endpoint: report.endpoint, reason });
  void vscode.commands.executeCommand('setContext', 'azureAiAuthDoctor.recheckPending', true);
  const title =
    reason === 'assigned'
      ? `Role assigned at ${formatClock(assignedAt)}, propagating (about 5 min)`
      : 'Waiting for the role assignment to propagate';
  log.info(`${title}; checking again at ${formatClock(until)}.`);
  const done = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) =>
      new Promise<boolean>((resolve) => {
        const finish = (completed: boolean) => {
          clearInterval(timer);
          resolve(completed);
        };
        const tick = () => {
          const left = until - Date.now();
          if (left <= 0) finish(true);
          else progress.report({ message: `checking again in ${formatCountdown(left)}` });
        };
        const timer = setInterval(tick, 1000);
        token.onCancellationRequested(() => finish(false));
        controller.signal.addEventListener('abort', () => finish(false));
        tick();
      }),
  );
  return Promise.resolve(done).then(async (completed) => {
    if (countdown !== controller) return undefined; // replaced by a newer countdown
    countdown = undefined;
    sharedState.setPropagation(undefined);
    void vscode.commands.executeCommand('setContext', 'azureAiAuthDoctor.recheckPending', false);
    if (!completed) {
      log.info('Automatic re-check cancelled.');
      return undefined;
    }
    return checkAccess(context, log, {
      endpoint: report.endpoint,
      identity: identityOf(report),
      probe: probeMode() === 'always' ? undefined : false,
      tenants: report.resource?.tenantId ? [report.resource.tenantId] : undefined,
    });
  });
}

/** A non-blocking notification with the verdict and the first fixes. */
async function announce(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  report: AccessReport,
): Promise<void> {
  const primary = primaryFix(report);
  const show = 'Show report';
  const actions = primary ? [notificationActionLabel(primary.fix), show] : [show];
  const message = verdictMessage(report, primary?.fix);
  const severity = report.verdict.status === 'ok' ? 'info' : 'warning';
  record({ message, actions, severity });
  const pick =
    severity === 'info'
      ? await vscode.window.showInformationMessage(message, ...actions)
      : await vscode.window.showWarningMessage(message, ...actions);
  if (pick === show) await vscode.commands.executeCommand('azureAiAuthDoctor.showAccessReport');
  else if (pick && primary) await applyFix(context, log, report, primary.fix);
}

async function copySummary(
  context: vscode.ExtensionContext,
  report = sharedState.lastReport(),
): Promise<string | undefined> {
  if (!report) {
    void vscode.window.showInformationMessage('Azure AI Auth Doctor: run "Check Entra ID access" first.');
    return undefined;
  }
  const markdown = bundle('azure').reportToMarkdown(report);
  await vscode.env.clipboard.writeText(markdown);
  void vscode.window.showInformationMessage('Azure AI Auth Doctor: access report copied as Markdown.');
  return markdown;
}

async function applyFix(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  report: AccessReport,
  fix: FixAction,
): Promise<unknown> {
  switch (fix.kind) {
    case 'assign-role':
      return assignRole(context, log, { report });
    case 'copy-cli':
      if (fix.cliCommand) await vscode.env.clipboard.writeText(fix.cliCommand);
      void vscode.window.showInformationMessage('Azure AI Auth Doctor: az CLI command copied.');
      return fix.cliCommand;
    case 'open-iam':
      if (fix.url?.startsWith('https://')) await vscode.env.openExternal(vscode.Uri.parse(fix.url, true));
      return fix.url;
    case 'wait': {
      const until = propagationEnd(report);
      if (until === undefined)
        return checkAccess(context, log, { endpoint: report.endpoint, identity: identityOf(report) });
      return startCountdown(context, log, report, 'waiting', until - PROPAGATION_MS, until);
    }
    case 'change-scope':
    case 'change-endpoint':
      void vscode.window.showInformationMessage(`${fix.title}${fix.detail ? `: ${fix.detail}` : ''}`);
      return undefined;
  }
}

async function assignRole(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  arg?: AccessReport | AssignRoleArgs,
): Promise<AzureBundle.AssignOutcome | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Azure AI Auth Doctor: assigning a role needs a trusted workspace.');
    return undefined;
  }
  const args: AssignRoleArgs = arg && 'steps' in arg ? { report: arg } : (arg ?? {});
  const report = args.report ?? sharedState.lastReport();
  const resource = report?.resource;
  const principal = report?.identity?.objectId;
  if (!report || !resource || !principal) {
    void vscode.window.showWarningMessage(
      'Azure AI Auth Doctor: run "Check Entra ID access" first; the report names the principal and the resource.',
    );
    return undefined;
  }
  const azure = bundle('azure');
  const who = report.identity?.userPrincipalName ?? report.identity?.displayName ?? principal;
  const detail = [
    `Principal: ${who} (${principal}, ${report.identity?.principalType ?? 'User'})`,
    `Role: ${azure.assignableRoleFor(report).name} (${azure.assignableRoleFor(report).id})`,
    `Scope: ${resource.id}`,
    '',
    'Role assignments take up to 5 minutes to propagate.',
  ].join('\n');
  const confirmed = args.confirm
    ? await args.confirm(detail)
    : (await vscode.window.showWarningMessage(
        `Create this role assignment?`,
        { modal: true, detail },
        'Assign role',
      )) === 'Assign role';
  if (!confirmed) {
    log.info('Role assignment cancelled by the user.');
    return undefined;
  }
  const identity = lastIdentity ?? defaultIdentity(azure);
  const controller = new AbortController();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Assigning Cognitive Services User', cancellable: true },
    (_p, token) => {
      token.onCancellationRequested(() => controller.abort());
      const info = classifyEndpoint(report.endpoint);
      return azure.assignRole({
        identity,
        report,
        ctx: {
          armEndpoint: (armEndpoint() || azure.ARM_BY_CLOUD[info?.cloud ?? 'public']).replace(/\/+$/, ''),
          cloud: info?.cloud ?? 'public',
          signal: controller.signal,
          timeoutMs: azure.DEFAULT_TIMEOUT_MS,
          requestCount: 0,
        },
      });
    },
  );
  log[outcome.ok ? 'info' : 'warn'](`Assign role: ${outcome.message}`);
  if (outcome.ok) {
    const assignedAt = Date.now();
    void startCountdown(
      context,
      log,
      report,
      'assigned',
      assignedAt,
      assignedAt + (args.propagationMs ?? PROPAGATION_MS),
    );
  } else {
    void vscode.window.showErrorMessage(`Azure AI Auth Doctor: ${outcome.message}`);
  }
  return outcome;
}

export function registerAccessCheck(context: vscode.ExtensionContext): AccessCheckApi {
  const log = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  context.subscriptions.push(
    log,
    announceEmitter,
    { dispose: () => countdown?.abort() },
    // Signing out (or into another account) in VS Code drops the tokens cached for that provider.
    vscode.authentication.onDidChangeSessions((event) => identities.delete(`vscode:${event.provider.id}`)),
    vscode.commands.registerCommand('azureAiAuthDoctor.openProbeSetting', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'azureAiAuthDoctor.access.probe'),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.cancelRecheck', () => {
      const pending = !!countdown;
      countdown?.abort();
      return pending;
    }),
    vscode.commands.registerCommand('azureAiAuthDoctor.signIn', async () => {
      signIn.declined = false;
      try {
        await vscode.authentication.getSession(authProviderId(), [managementScope()], { createIfNone: true });
        void vscode.commands.executeCommand('setContext', 'azureAiAuthDoctor.vscodeSignedOut', false);
        return true;
      } catch (err) {
        log.info(`Sign-in: ${(err as Error).message}`);
        return false;
      }
    }),
    vscode.commands.registerCommand('azureAiAuthDoctor.checkAccess', (args?: CheckAccessArgs) =>
      checkAccess(context, log, args && typeof args === 'object' ? args : {}),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.cancelAccessCheck', () => {
      running?.abort();
      return !!running;
    }),
    vscode.commands.registerCommand('azureAiAuthDoctor.assignRole', (arg?: AccessReport | AssignRoleArgs) =>
      assignRole(context, log, arg),
    ),
    vscode.commands.registerCommand('azureAiAuthDoctor.applyAccessFix', (arg?: { index?: number; kind?: string }) => {
      const report = sharedState.lastReport();
      const fix = typeof arg?.index === 'number' ? report?.fixes[arg.index] : undefined;
      if (!report || !fix || (arg?.kind && arg.kind !== fix.kind)) return undefined;
      return applyFix(context, log, report, fix);
    }),
    vscode.commands.registerCommand('azureAiAuthDoctor.copyAccessSummary', () => copySummary(context)),
  );
  return { announcements: () => announced, onDidAnnounce: announceEmitter.event, signInPrompts: () => signIn.prompts };
}
