// "Check Entra ID access", the orchestration: identity -> resource -> roles -> token -> probe ->
// verdict, publishing a partial AccessReport after every step so the panel shows it live.
// No vscode here: the extension passes an IdentityProvider and callbacks, tests call it directly.
import type { AccessReport, StepId, StepResult, StepStatus } from '../core/accessReport';
import { classifyEndpoint, SCOPES } from '../core/knowledge/endpoints';
import type { IdentityProvider } from './identity';
import { findResource } from './resource';
import { authorizationClient, evaluateRoles } from './rbac';
import { requiredDataAction, type RequiredAction } from './roles';
import { ROLE_IDS } from '../core/knowledge/roles';
import { cheapRead, chatRequest, probe } from './probe';
import { decodeClaims, sameAudience } from './jwt';
import { decide, checklist, type Facts } from './verdict';
import {
  ARM_BY_CLOUD,
  CancelledError,
  DEFAULT_TIMEOUT_MS,
  MANAGEMENT_SCOPE_BY_CLOUD,
  describeError,
  type HttpContext,
} from './http';

export interface CheckOptions {
  endpoint: string;
  identity: IdentityProvider;
  /** Evaluate another principal by object id (roles only; no token can be obtained for it). */
  objectId?: string;
  /** true: a chat completion may be sent; false: only the cheap read; undefined: ask confirmProbe. */
  probe?: boolean;
  confirmProbe?: (description: string) => Promise<boolean>;
  /** The scope the code requests, when the analysis found one (flagged when it does not fit). */
  codeScope?: string;
  /** The deployment the code calls (for /models and /openai/v1 it is in the body, not the URL). */
  deployment?: string;
  /** Restrict the resource search to these tenants (tenant picker); default: every tenant of the identity. */
  tenants?: string[];
  /** ARM endpoint override (emulator, Azure Stack); default: the endpoint's cloud. */
  armEndpoint?: string;
  /** Emulator only: where data-plane calls go instead of the real host. */
  dataPlaneBase?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Longest Retry-After honoured (seconds); longer waits are cut to this. */
  maxRetryAfterSeconds?: number;
  onUpdate?: (report: AccessReport) => void;
  log?: (level: 'info' | 'warn' | 'error', line: string) => void;
}

const TITLES: Record<StepId, string> = {
  identity: 'Identity',
  resource: 'Azure AI resource',
  roles: 'Role assignments',
  token: 'Data-plane token',
  probe: 'Probe the endpoint',
};

export function emptyReport(endpoint: string): AccessReport {
  return {
    endpoint,
    startedAt: new Date().toISOString(),
    steps: (Object.keys(TITLES) as StepId[]).map((id) => ({
      id,
      title: TITLES[id],
      status: 'pending',
      summary: '',
      details: [],
    })),
    assignments: [],
    denyAssignments: [],
    verdict: { status: 'incomplete', title: 'Checking…', explanation: '' },
    fixes: [],
    checklist: [],
    gaps: [],
  };
}

export async function runAccessCheck(options: CheckOptions): Promise<AccessReport> {
  const started = Date.now();
  const report = emptyReport(options.endpoint);
  const log = (level: 'info' | 'warn' | 'error', line: string) => options.log?.(level, line);
  const publish = () => options.onUpdate?.(structuredClone(report));
  const step = (id: StepId, status: StepStatus, summary: string, details: string[] = []): StepResult => {
    const s = report.steps.find((x) => x.id === id)!;
    s.status = status;
    s.summary = summary;
    s.details = details;
    log(status === 'failed' ? 'warn' : 'info', `[${id}] ${status}: ${summary}`);
    details.forEach((d) => log('info', `[${id}]   ${d}`));
    publish();
    return s;
  };
  const info = classifyEndpoint(options.endpoint);
  report.endpointInfo = info;
  const cloud = info?.cloud ?? 'public';
  const ctx: HttpContext = {
    armEndpoint: (options.armEndpoint || ARM_BY_CLOUD[cloud]).replace(/\/+$/, ''),
    cloud,
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds,
    requestCount: 0,
    dataPlaneBase: options.dataPlaneBase,
  };
  const facts: Facts = { info, identityOk: false, probeRan: false, chatRan: false };
  let subscriptionsSearched = 0;
  let accountsScanned = 0;
  const skipRest = (from: StepId[], why: string) => from.forEach((id) => step(id, 'skipped', why));

  const finish = () => {
    const { verdict, fixes } = decide(report, facts);
    report.verdict = verdict;
    report.fixes = fixes;
    report.checklist = checklist(report, facts);
    report.finishedAt = new Date().toISOString();
    report.stats = {
      durationMs: Date.now() - started,
      requests: ctx.requestCount,
      subscriptionsSearched,
      accountsScanned,
    };
    log(verdict.status === 'ok' ? 'info' : 'warn', `Verdict: ${verdict.title}. ${verdict.explanation}`);
    report.gaps.forEach((g) => log('warn', `Gap: ${g}`));
    log('info', `Check took ${report.stats.durationMs} ms, ${report.stats.requests} requests.`);
    publish();
    return report;
  };

  try {
    publish();
    if (!info) {
      skipRest(['identity', 'resource', 'roles', 'token', 'probe'], 'Not an Azure AI endpoint.');
      return finish();
    }

    // 1. Identity
    step('identity', 'running', 'Getting a management token…');
    let homeTenant: string | undefined;
    try {
      const token = await options.identity
        .credentialFor(undefined)
        .getToken(MANAGEMENT_SCOPE_BY_CLOUD[cloud], { abortSignal: ctx.signal });
      const claims = token ? decodeClaims(token.token) : undefined;
      if (!claims?.oid) throw new Error('The token carries no object id (oid).');
      homeTenant = claims.tid;
      const isApp =
        claims.idtyp === 'app' || (!claims.upn && !claims.preferredUsername && !!claims.appid && !claims.name);
      report.identity = options.objectId
        ? {
            kind: 'object-id',
            source: `object id typed in; Azure read as ${claims.upn ?? claims.oid} via ${options.identity.source()}`,
            objectId: options.objectId,
            tenantId: claims.tid,
            principalType: 'Unknown',
          }
        : {
            kind: options.identity.kind,
            source: options.identity.source(),
            displayName: claims.name,
            userPrincipalName: claims.upn ?? claims.preferredUsername,
            appId: isApp ? claims.appid : undefined,
            objectId: claims.oid,
            tenantId: claims.tid,
            principalType: isApp ? 'ServicePrincipal' : 'User',
          };
      facts.identityOk = true;
      const id = report.identity;
      step(
        'identity',
        'passed',
        `${id.userPrincipalName ?? id.displayName ?? id.appId ?? id.objectId} (object id ${id.objectId}, tenant ${id.tenantId}) via ${id.source}`,
      );
    } catch (err) {
      if (err instanceof CancelledError || ctx.signal.aborted) throw new CancelledError();
      step('identity', 'failed', `No identity: ${describeError(err)}`);
      report.gaps.push('Identity could not be established; nothing else was checked.');
      skipRest(['resource', 'roles', 'token', 'probe'], 'Needs an identity.');
      return finish();
    }

    // Warm the data-plane token while ARM is searched (the CLI takes about a second per token).
    const earlyScope = info.scopes[0];
    if (!options.objectId && earlyScope)
      void options.identity
        .credentialFor(homeTenant)
        .getToken(earlyScope, { abortSignal: ctx.signal })
        .catch(() => undefined);

    // 2. Resource
    step('resource', 'running', `Looking for the resource behind ${info.host}…`);
    const search = await findResource(
      options.identity,
      ctx,
      info,
      (l) => log('info', `[resource] ${l}`),
      options.tenants,
    );
    subscriptionsSearched = search.subscriptions.length;
    accountsScanned = search.accountsScanned;
    report.gaps.push(...search.gaps);
    const res = search.resource;
    if (res) {
      res.tenantId = search.tenantId ?? homeTenant;
      report.resource = res;
      const problems: string[] = [];
      if (!res.customSubDomainName)
        problems.push('No custom subdomain: Microsoft Entra ID needs one (API keys only on the regional endpoint).');
      if (res.publicNetworkAccess === 'Disabled')
        facts.networkBlocked =
          'publicNetworkAccess is Disabled: calls must come through a private endpoint ("Public access is disabled. Please configure private endpoint.").';
      else if (res.networkAcls?.defaultAction === 'Deny')
        facts.networkBlocked = `The firewall denies by default (networkAcls.defaultAction = Deny); allowed IP ranges: ${res.networkAcls.ipRules.join(', ') || 'none'}${res.networkAcls.virtualNetworkRules ? `, ${res.networkAcls.virtualNetworkRules} virtual network rule(s)` : ''}. Calls from other addresses get 403 "Access denied due to Virtual Network/Firewall rules."`;
      if (facts.networkBlocked) problems.push(facts.networkBlocked);
      const named = options.deployment ?? info.deployment;
      if (named && !res.deployments.some((d) => d.name.toLowerCase() === named.toLowerCase())) {
        facts.missingDeployment = named;
        problems.push(`No deployment named "${named}" (deployment names are not model names).`);
      }
      const details = [
        `id: ${res.id}`,
        `kind: ${res.kind}, location: ${res.location}`,
        `customSubDomainName: ${res.customSubDomainName ?? '(none)'}`,
        `disableLocalAuth: ${res.disableLocalAuth ?? false}`,
        `publicNetworkAccess: ${res.publicNetworkAccess ?? 'Enabled'}`,
        `networkAcls: ${res.networkAcls ? `defaultAction ${res.networkAcls.defaultAction ?? 'Allow'}, ${res.networkAcls.ipRules.length} IP rule(s), ${res.networkAcls.virtualNetworkRules} VNet rule(s)` : 'none'}`,
        `deployments: ${res.deployments.map((d) => `${d.name} (${d.model}, format ${d.format})`).join('; ') || 'none'}`,
        ...problems,
      ];
      step(
        'resource',
        problems.length ? (res.customSubDomainName ? 'warning' : 'failed') : 'passed',
        `${res.name} (${res.kind}, ${res.location}) in subscription ${res.subscriptionId}`,
        details,
      );
    } else {
      const where = `${search.subscriptions.length} subscription(s) in ${search.tenants.length || 1} tenant(s), ${search.accountsScanned} Azure AI account(s)`;
      step('resource', 'failed', `No resource matches ${info.resource ?? info.host}; searched ${where}.`, [
        'Check: the right tenant (DefaultAzureCredential may pick another tenant or account)',
        'Check: the identity has at least Reader on the resource (or its resource group/subscription)',
        'Check: the spelling of the endpoint (custom subdomain)',
        ...search.gaps,
      ]);
    }

    // 3. Roles (again after the probe when the service names another data action: its word wins)
    const isProject = info.kind === 'foundry-project' || info.kind === 'project-openai-v1';
    const projectIdentityNote = `The project's managed identity needs a role too: assign Foundry User (formerly Azure AI User, ${ROLE_IDS.azureAIUser}) on the Foundry resource to the project's managed identity, or hosted agents, evaluations and red teaming fail.`;
    if (isProject) (report.notes ??= []).push(projectIdentityNote);
    const evaluateRolesStep = async (required: RequiredAction) => {
      if (!res || !report.identity?.objectId) return undefined;
      step('roles', 'running', 'Reading role assignments…');
      report.requiredDataAction = required.action;
      const client = authorizationClient(options.identity, ctx, res.subscriptionId, res.tenantId);
      const roles = await evaluateRoles(client, ctx, res, report.identity.objectId, required, !options.objectId, (l) =>
        log('info', `[roles] ${l}`),
      );
      facts.roles = roles;
      report.assignments = roles.assignments;
      report.denyAssignments = roles.denyAssignments;
      report.gaps.push(...roles.gaps.filter((g) => !report.gaps.includes(g)));
      const details = [
        `needs ${required.action} (${required.label})`,
        ...roles.assignments.map(
          (a) =>
            `${a.roleName} at ${a.scope}${a.viaGroup ? ' (via group)' : ''}${a.inherited ? ' (inherited)' : ''}${a.ageMinutes !== undefined ? `, ${a.ageMinutes} min old` : ''}: ${a.note}`,
        ),
        ...roles.denyAssignments.map((d) => `deny: ${d}`),
        ...roles.notes,
        ...roles.gaps,
        ...(isProject ? [projectIdentityNote] : []),
      ];
      const status: StepStatus = roles.granted
        ? roles.youngestGrantMinutes !== undefined || roles.conditional
          ? 'warning'
          : 'passed'
        : roles.readable || roles.notes.some((n) => /do not include/.test(n))
          ? 'failed'
          : 'unknown';
      const summary = roles.granted
        ? roles.youngestGrantMinutes !== undefined
          ? `Granted by an assignment only ${roles.youngestGrantMinutes} minute(s) old: it may not have propagated (wait 5 minutes).`
          : roles.conditional
            ? 'Granted only under an ABAC condition.'
            : `A role grants ${required.action}.`
        : status === 'unknown'
          ? 'Role assignments could not be read.'
          : roles.onlyBelowScope
            ? 'The only granting assignment is at project scope: it does not reach the account endpoint.'
            : `No role grants ${required.action}.`;
      step('roles', status, summary, details);
      return roles;
    };
    if (res && report.identity?.objectId)
      await evaluateRolesStep(requiredDataAction(info, res.deployments, options.deployment));
    else step('roles', 'skipped', 'Needs the resource.');

    // 4. Token
    let probeToken: string | undefined;
    const scope =
      info.scopes[0] ??
      (cloud === 'public'
        ? SCOPES.cognitiveServices
        : cloud === 'usgov'
          ? SCOPES.cognitiveServicesUsGov
          : SCOPES.cognitiveServicesChina);
    if (options.objectId) {
      step('token', 'skipped', 'A token can only be obtained for your own identity, not for another object id.');
    } else {
      step('token', 'running', `Requesting a token for ${scope}…`);
      const tenant = res?.tenantId ?? homeTenant;
      try {
        const credential = options.identity.credentialFor(tenant);
        const token = await credential.getToken(scope, { abortSignal: ctx.signal });
        if (!token) throw new Error('no token returned');
        const claims = decodeClaims(token.token);
        report.token = {
          scope,
          audience: claims?.aud,
          tenantId: claims?.tid,
          objectId: claims?.oid,
          expiresOn: claims?.exp
            ? new Date(claims.exp * 1000).toISOString()
            : new Date(token.expiresOnTimestamp).toISOString(),
        };
        probeToken = token.token;
        const mismatches: string[] = [];
        if (options.codeScope && !info.scopes.some((s) => sameAudience(s, options.codeScope))) {
          mismatches.push(
            `The code requests a token for ${options.codeScope}, but ${info.host} accepts ${info.scopes.join(' or ') || 'no Entra token (custom subdomain needed)'}.`,
          );
          // Reproduce what the app sends: the token for the scope the code asks for.
          const appToken = await credential.getToken(options.codeScope, { abortSignal: ctx.signal }).catch(() => null);
          if (appToken) probeToken = appToken.token;
        }
        if (claims?.aud && !sameAudience(claims.aud, scope))
          mismatches.push(`The token's audience ${claims.aud} is not ${scope.replace(/\/\.default$/, '')}.`);
        // update §2.6: compare the token's tid with the tenant the resource's subscription belongs to
        if (claims?.tid && res?.tenantId && claims.tid.toLowerCase() !== res.tenantId.toLowerCase()) {
          facts.tenantMismatch = { tokenTenant: claims.tid, resourceTenant: res.tenantId };
          report.token.tenantMismatch = `Token tenant ${claims.tid} does not match resource tenant ${res.tenantId}.`;
          mismatches.push(report.token.tenantMismatch);
        }
        if (mismatches.length) {
          facts.tokenMismatch = mismatches.join(' ');
          report.token.mismatch = facts.tokenMismatch;
        }
        step(
          'token',
          mismatches.length ? 'failed' : 'passed',
          mismatches.length ? mismatches[0] : `Token for ${claims?.aud ?? scope}`,
          [
            `aud: ${claims?.aud ?? '?'}`,
            `tid: ${claims?.tid ?? '?'}`,
            `oid: ${claims?.oid ?? '?'}`,
            `exp: ${report.token.expiresOn}`,
            ...mismatches,
          ],
        );
      } catch (err) {
        if (err instanceof CancelledError || ctx.signal.aborted) throw new CancelledError();
        facts.tokenError = describeError(err);
        report.gaps.push(`No data-plane token: ${facts.tokenError}`);
        step('token', 'failed', `Could not get a token for ${scope}: ${facts.tokenError}`);
      }
    }

    // 5. Probe
    if (!probeToken) {
      step('probe', 'skipped', options.objectId ? 'Needs a token of the identity itself.' : 'Needs a token.');
    } else {
      step('probe', 'running', 'Calling the endpoint (cheap read)…');
      facts.probeRan = true;
      const read = await probe(ctx, cheapRead(info), probeToken);
      report.probe = read;
      let ran = `cheap read: ${read.message}`;
      if (read.status !== undefined && read.status < 400) {
        const deployments = res?.deployments ?? [];
        const required = report.requiredDataAction;
        const model =
          options.deployment ??
          info.deployment ??
          deployments.find((d) => (required?.includes('/MaaS/') ? d.format !== 'OpenAI' : d.format === 'OpenAI'))
            ?.name ??
          deployments[0]?.name;
        const chat = chatRequest(info, model);
        const allowed =
          options.probe ??
          (options.confirmProbe
            ? await options.confirmProbe(`${chat.label} to ${chat.url}${model ? ` (model ${model})` : ''}`)
            : false);
        if (allowed) {
          step('probe', 'running', `Sending one ${chat.label} (max_tokens 1)…`);
          facts.chatRan = true;
          report.probe = await probe(ctx, chat, probeToken);
          ran += `; ${chat.label}: ${report.probe.message}`;
        } else {
          ran += '; chat completion not sent (it can cost money).';
        }
      }
      const named = report.probe?.details?.dataAction;
      if (named && res && named.toLowerCase() !== report.requiredDataAction?.toLowerCase()) {
        log('info', `[probe] the service names the data action ${named}; evaluating the roles against it`);
        await evaluateRolesStep(requiredDataAction(info, res.deployments, options.deployment, named));
      }
      const p = report.probe;
      step('probe', p.status !== undefined && p.status < 400 ? 'passed' : 'failed', p.message, [
        ran,
        `url: ${p.url}`,
        ...(p.scenario ? [`scenario: ${p.scenario}`] : []),
      ]);
    }
    return finish();
  } catch (err) {
    const cancelled = err instanceof CancelledError || ctx.signal.aborted;
    for (const s of report.steps)
      if (s.status === 'running' || s.status === 'pending') {
        s.status = 'skipped';
        s.summary = cancelled ? 'Cancelled.' : 'Not run.';
      }
    report.gaps.push(
      cancelled ? 'The check was cancelled; the report is partial.' : `The check stopped: ${describeError(err)}`,
    );
    const r = finish();
    r.verdict = {
      status: 'incomplete',
      title: cancelled ? 'Cancelled' : 'Check failed',
      explanation: cancelled
        ? 'The check was cancelled; nothing after the last finished step was established.'
        : describeError(err),
    };
    r.fixes = [];
    publish();
    return r;
  }
}
