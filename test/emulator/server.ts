// A local Azure emulator on loopback (node:http): ARM (subscriptions, tenants, Cognitive Services
// accounts and deployments, role assignments/definitions, deny assignments, permissions), a token
// endpoint for the fake `az`, and the AI data plane answering with the exact error bodies of the
// facts file §6 according to the caller's token and the scenario's real role assignments.
// The real SDK clients talk to it over HTTP; nothing in the extension knows it is not Azure.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  accountId,
  buildWorld,
  listScenarios,
  loadWorld,
  readScenario,
  type World,
  type RoleAssignmentData,
  type FaultSpec,
} from './scenario';
import { issueToken, normaliseAudience, readToken, type EmulatorClaims } from './tokens';
import { handleDataPlane } from './dataPlane';

export interface Emulator {
  url: string;
  close(): Promise<void>;
  /** The live world (tests may inspect it). */
  world(): World;
  setScenario(name: string): World;
  stats(): EmulatorStats;
  resetStats(): void;
}

export interface EmulatorStats {
  requestCount: number;
  byRoute: Record<string, number>;
  recent: { method: string; path: string; status: number }[];
  issuedTokens: number;
}

// Public cloud and US Government (one emulator stands in for the ARM of either cloud).
export const ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.core.windows.net',
  'https://management.usgovcloudapi.net',
  'https://management.core.usgovcloudapi.net',
];

export interface Ctx {
  world: World;
  base: string;
  issued: string[];
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}

const armError = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { error: { code, message } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function page<T>(ctx: Ctx, url: URL, items: T[]): { value: T[]; nextLink?: string } {
  const skip = Math.max(0, Number(url.searchParams.get('$skiptoken') ?? 0) || 0);
  const size = ctx.world.pageSize;
  const value = items.slice(skip, skip + size);
  if (skip + size >= items.length) return { value };
  const next = new URL(url.pathname + url.search, ctx.base);
  next.searchParams.set('$skiptoken', String(skip + size));
  return { value, nextLink: next.toString() };
}

const lower = (s: string) => s.toLowerCase();
/** scope reaches target: equal, or an ancestor path of it. */
export function scopeReaches(scope: string, target: string): boolean {
  const s = lower(scope).replace(/\/+$/, '');
  const t = lower(target);
  return s === '' || t === s || t.startsWith(`${s}/`);
}

export function matchesAction(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

function roleDefinitionBody(world: World, guid: string, scope: string) {
  const role = world.roles.find((r) => lower(r.name) === lower(guid));
  if (!role) return undefined;
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
    name: role.name,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: `${role.roleName} (emulated built-in role)`,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: role.actions,
          notActions: role.notActions,
          dataActions: role.dataActions,
          notDataActions: role.notDataActions,
        },
      ],
    },
  };
}

function assignmentBody(a: RoleAssignmentData) {
  return {
    id: a.id,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/subscriptions/${a.scope.split('/')[2] ?? ''}/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionGuid}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition ?? null,
      conditionVersion: a.condition ? '2.0' : null,
      createdOn: new Date(a.createdOn).toISOString(),
      updatedOn: new Date(a.createdOn).toISOString(),
      createdBy: null,
      updatedBy: null,
      description: null,
    },
  };
}

/** Principal ids that stand for `oid` (itself plus its groups, for assignedTo()). */
export function principalIdsOf(world: World, oid: string): string[] {
  return lower(oid) === lower(world.caller.objectId) ? [oid, ...world.caller.groups].map(lower) : [lower(oid)];
}

function accountBody(a: World['accounts'][number]) {
  const endpoint = a.customSubDomainName
    ? `https://${a.customSubDomainName}.cognitiveservices.azure.com/`
    : `https://${a.location}.api.cognitive.microsoft.com/`;
  const endpoints: Record<string, string> = a.customSubDomainName
    ? {
        'OpenAI Language Model Instance API': `https://${a.customSubDomainName}.openai.azure.com/`,
        'Azure AI Model Inference API': `https://${a.customSubDomainName}.services.ai.azure.com/`,
        'Token Service Endpoint': `https://${a.location}.api.cognitive.microsoft.com/`,
      }
    : {};
  return {
    id: a.id,
    name: a.name,
    type: 'Microsoft.CognitiveServices/accounts',
    etag: `"${a.name}-etag"`,
    kind: a.kind,
    location: a.location,
    sku: { name: 'S0' },
    identity: { type: 'None' },
    properties: {
      provisioningState: 'Succeeded',
      endpoint,
      endpoints,
      customSubDomainName: a.customSubDomainName,
      disableLocalAuth: a.disableLocalAuth ?? false,
      publicNetworkAccess: a.publicNetworkAccess ?? 'Enabled',
      networkAcls: a.networkAcls
        ? {
            defaultAction: a.networkAcls.defaultAction,
            ipRules: a.networkAcls.ipRules.map((value) => ({ value })),
            virtualNetworkRules: a.networkAcls.virtualNetworkRules.map((id) => ({ id })),
          }
        : undefined,
      allowProjectManagement: a.kind === 'AIServices',
    },
  };
}

function deploymentBody(a: World['accounts'][number], d: World['accounts'][number]['deployments'][number]) {
  return {
    id: `${a.id}/deployments/${d.name}`,
    name: d.name,
    type: 'Microsoft.CognitiveServices/accounts/deployments',
    sku: { name: 'GlobalStandard', capacity: 10 },
    properties: { model: { format: d.format, name: d.model, version: d.version }, provisioningState: 'Succeeded' },
  };
}

/** Applies the first matching fault with uses left; returns true when it answered the request. */
async function applyFault(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const fault = ctx.world.faults.find(
    (f: FaultSpec) => f.times > 0 && new RegExp(f.path, 'i').test(path) && (!f.method || f.method === req.method),
  );
  if (!fault) return false;
  fault.times--;
  if (fault.delayMs) {
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), fault.delayMs);
      res.on('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (closed) return true;
  }
  if (!fault.status) return false;
  if (fault.status === 429) {
    send(
      res,
      429,
      { error: { code: 'TooManyRequests', message: 'The request is being throttled.' } },
      { 'retry-after': String(fault.retryAfter ?? 1) },
    );
  } else {
    send(res, fault.status, {
      error: {
        code: fault.status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
        message: 'An internal error occurred.',
      },
    });
  }
  return true;
}

function armCaller(ctx: Ctx, req: IncomingMessage, res: ServerResponse): EmulatorClaims | undefined {
  const claims = readToken(req.headers.authorization);
  if (!claims) {
    armError(
      res,
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing or invalid.",
    );
    return undefined;
  }
  if (
    !ARM_AUDIENCES.includes(normaliseAudience(claims.aud)) &&
    normaliseAudience(claims.aud) !== normaliseAudience(ctx.base)
  ) {
    armError(
      res,
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`,
    );
    return undefined;
  }
  if (claims.exp * 1000 < Date.now()) {
    armError(
      res,
      401,
      'ExpiredAuthenticationToken',
      'The access token expiry UTC time is earlier than current UTC time.',
    );
    return undefined;
  }
  return claims;
}

async function handleArm(ctx: Ctx, req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<string> {
  const { world } = ctx;
  const method = req.method ?? 'GET';
  const caller = armCaller(ctx, req, res);
  if (!caller) return 'arm-unauthenticated';
  let m: RegExpExecArray | null;

  if (/^\/tenants$/i.test(path)) {
    send(
      res,
      200,
      page(
        ctx,
        url,
        world.tenants.map((t) => ({
          id: `/tenants/${t.tenantId}`,
          tenantId: t.tenantId,
          tenantCategory: 'Home',
          displayName: t.displayName,
          defaultDomain: t.defaultDomain,
          domains: [t.defaultDomain],
        })),
      ),
    );
    return 'tenants';
  }
  if (/^\/subscriptions$/i.test(path)) {
    const subs = world.subscriptions.filter((s) => lower(s.tenantId) === lower(caller.tid));
    send(
      res,
      200,
      page(
        ctx,
        url,
        subs.map((s) => ({
          id: `/subscriptions/${s.subscriptionId}`,
          subscriptionId: s.subscriptionId,
          tenantId: s.tenantId,
          displayName: s.displayName,
          state: 'Enabled',
          authorizationSource: 'RoleBased',
          managedByTenants: [],
          subscriptionPolicies: {
            locationPlacementId: 'Public_2014-09-01',
            quotaId: 'PayAsYouGo_2014-09-01',
            spendingLimit: 'Off',
          },
        })),
      ),
    );
    return 'subscriptions';
  }
  if ((m = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts$/i.exec(path))) {
    const sub = lower(m[1]);
    send(res, 200, page(ctx, url, world.accounts.filter((a) => lower(a.subscriptionId) === sub).map(accountBody)));
    return 'accounts-list';
  }
  if (
    (m =
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)\/providers\/Microsoft\.Authorization\/permissions$/i.exec(
        path,
      ))
  ) {
    const id = accountId({ subscriptionId: m[1], resourceGroup: m[2], name: m[3] });
    const perms = world.roleAssignments
      .filter((a) => principalIdsOf(world, caller.oid).includes(lower(a.principalId)) && scopeReaches(a.scope, id))
      .map((a) => world.roles.find((r) => lower(r.name) === lower(a.roleDefinitionGuid)))
      .filter((r): r is NonNullable<typeof r> => !!r)
      .map((r) => ({
        actions: r.actions,
        notActions: r.notActions,
        dataActions: r.dataActions,
        notDataActions: r.notDataActions,
      }));
    send(res, 200, page(ctx, url, perms));
    return 'permissions';
  }
  if (
    (m =
      /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+)(\/deployments)?$/i.exec(
        path,
      ))
  ) {
    const account = world.accounts.find((a) => lower(a.id) === lower(m![1]));
    if (!account) {
      armError(
        res,
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.CognitiveServices/accounts/${m[1].split('/').pop()}' under resource group '${m[1].split('/')[4]}' was not found.`,
      );
      return 'account-missing';
    }
    if (m[2]) {
      send(
        res,
        200,
        page(
          ctx,
          url,
          account.deployments.map((d) => deploymentBody(account, d)),
        ),
      );
      return 'deployments';
    }
    send(res, 200, accountBody(account));
    return 'account';
  }
  if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments$/i.exec(path))) {
    const scope = m[1];
    if (!world.callerCanReadRoleAssignments) {
      armError(
        res,
        403,
        'AuthorizationFailed',
        `The client '${caller.upn ?? caller.oid}' with object id '${caller.oid}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
      return 'role-assignments-forbidden';
    }
    const filter = url.searchParams.get('$filter') ?? '';
    let list = world.roleAssignments.filter((a) => scopeReaches(a.scope, scope) || scopeReaches(scope, a.scope));
    let f: RegExpExecArray | null;
    if ((f = /assignedTo\('([^']+)'\)/i.exec(filter))) {
      const ids = principalIdsOf(world, f[1]);
      list = list.filter((a) => ids.includes(lower(a.principalId)));
    } else if ((f = /principalId\s+eq\s+'([^']+)'/i.exec(filter))) {
      const id = lower(f[1]);
      list = list.filter((a) => lower(a.principalId) === id);
    }
    if (/atScope\(\)/i.test(filter)) list = list.filter((a) => scopeReaches(a.scope, scope));
    send(res, 200, page(ctx, url, list.map(assignmentBody)));
    return 'role-assignments';
  }
  if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/([^/]+)$/i.exec(path))) {
    const [, scope, name] = m;
    if (method === 'PUT') {
      if (!world.callerCanAssignRoles) {
        armError(
          res,
          403,
          'AuthorizationFailed',
          `The client '${caller.upn ?? caller.oid}' with object id '${caller.oid}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${scope}/providers/Microsoft.Authorization/roleAssignments/${name}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
        );
        return 'role-assignment-create-forbidden';
      }
      const body = JSON.parse((await readBody(req)) || '{}');
      const props = body?.properties ?? {};
      if (world.principalNotFoundOnCreate > 0) {
        world.principalNotFoundOnCreate--;
        armError(
          res,
          400,
          'PrincipalNotFound',
          `Principal ${String(props.principalId).replace(/-/g, '')} does not exist in the directory ${caller.tid}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
        );
        return 'role-assignment-principal-not-found';
      }
      const guid = /roleDefinitions\/([^/]+)$/i.exec(String(props.roleDefinitionId ?? ''))?.[1];
      if (!guid || !world.roles.some((r) => lower(r.name) === lower(guid))) {
        armError(res, 400, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID does not exist.');
        return 'role-assignment-bad-role';
      }
      const existing = world.roleAssignments.find((a) => lower(a.name) === lower(name));
      if (existing) {
        send(res, 200, assignmentBody(existing));
        return 'role-assignment-exists';
      }
      const created: RoleAssignmentData = {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        scope,
        roleDefinitionGuid: guid,
        principalId: String(props.principalId),
        principalType: String(props.principalType ?? 'User'),
        createdOn: Date.now(),
        condition: props.condition ?? undefined,
      };
      world.roleAssignments.push(created);
      send(res, 201, assignmentBody(created));
      return 'role-assignment-create';
    }
    const found = world.roleAssignments.find((a) => lower(a.name) === lower(name));
    if (!found) {
      armError(res, 404, 'RoleAssignmentNotFound', 'The role assignment does not exist.');
      return 'role-assignment-missing';
    }
    send(res, 200, assignmentBody(found));
    return 'role-assignment';
  }
  if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i.exec(path))) {
    const body = roleDefinitionBody(world, m[2], m[1]);
    if (!body) {
      armError(res, 404, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID does not exist.');
      return 'role-definition-missing';
    }
    send(res, 200, body);
    return 'role-definition';
  }
  if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions$/i.exec(path))) {
    send(
      res,
      200,
      page(
        ctx,
        url,
        world.roles.map((r) => roleDefinitionBody(world, r.name, m![1])),
      ),
    );
    return 'role-definitions';
  }
  if ((m = /^(.*)\/providers\/Microsoft\.Authorization\/denyAssignments$/i.exec(path))) {
    const scope = m[1];
    const ids = principalIdsOf(world, caller.oid);
    const filter = url.searchParams.get('$filter') ?? '';
    const who = /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
    const wanted = who ? principalIdsOf(world, who) : ids;
    const list = world.denyAssignments
      .filter(
        (d) =>
          scopeReaches(d.scope, scope) &&
          (wanted.includes(lower(d.principalId)) || d.principalId === '00000000-0000-0000-0000-000000000000'),
      )
      .map((d) => ({
        id: d.id,
        name: d.id.split('/').pop(),
        type: 'Microsoft.Authorization/denyAssignments',
        properties: {
          denyAssignmentName: 'Emulated deny assignment',
          description: 'Deny assignment from the scenario',
          permissions: [{ actions: [], notActions: [], dataActions: d.dataActions, notDataActions: [] }],
          scope: d.scope,
          doNotApplyToChildScopes: false,
          principals: [{ id: d.principalId, type: 'User' }],
          excludePrincipals: [],
          isSystemProtected: true,
        },
      }));
    send(res, 200, page(ctx, url, list));
    return 'deny-assignments';
  }
  if ((m = /^\/subscriptions\/([^/]+)$/i.exec(path))) {
    const s = world.subscriptions.find((x) => lower(x.subscriptionId) === lower(m![1]));
    if (!s) {
      armError(res, 404, 'SubscriptionNotFound', `The subscription '${m[1]}' could not be found.`);
      return 'subscription-missing';
    }
    send(res, 200, {
      id: `/subscriptions/${s.subscriptionId}`,
      subscriptionId: s.subscriptionId,
      tenantId: s.tenantId,
      displayName: s.displayName,
      state: 'Enabled',
    });
    return 'subscription';
  }
  armError(res, 404, 'NoRegisteredProviderFound', `The emulator has no route for ${method} ${path}.`);
  return 'unknown';
}

async function handleAdmin(
  ctx: Ctx,
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  path: string,
): Promise<string> {
  const method = req.method ?? 'GET';
  const readJson = async () => JSON.parse((await readBody(req)) || '{}');
  if (path === '/_emulator/token') {
    // The fake `az account get-access-token` asks here. tenant defaults to the home tenant.
    const resource = url.searchParams.get('resource') ?? '';
    const tenantId = url.searchParams.get('tenant') || ctx.world.tenants[0].tenantId;
    const tenant = ctx.world.tenants.find((t) => lower(t.tenantId) === lower(tenantId));
    if (!tenant) {
      send(res, 400, { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${tenantId}' not found.` });
      return 'token-bad-tenant';
    }
    if (tenant.failTokens) {
      send(res, 400, { error: 'interaction_required', error_description: tenant.failTokens });
      return 'token-tenant-fails';
    }
    const c = ctx.world.caller;
    const { token, claims } = issueToken(
      {
        aud: resource,
        tid:
          ctx.world.dataPlaneTokenTenant && !/management\./i.test(resource)
            ? ctx.world.dataPlaneTokenTenant
            : tenant.tenantId,
        oid: c.objectId,
        name: c.displayName,
        upn: c.userPrincipalName,
        appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
        scp: 'user_impersonation',
        idtyp: c.principalType === 'User' ? 'user' : 'app',
      },
      ctx.world.tokenLifetimeSeconds,
    );
    ctx.issued.push(token);
    if (ctx.issued.length > 2000) ctx.issued.shift();
    send(res, 200, {
      accessToken: token,
      expiresOn: new Date(claims.exp * 1000).toISOString(),
      expires_on: claims.exp,
      subscription: ctx.world.subscriptions[0]?.subscriptionId,
      tenant: tenant.tenantId,
      tokenType: 'Bearer',
    });
    return 'token';
  }
  if (path === '/_emulator/scenario' && method === 'POST') {
    const body = await readJson();
    const world = body.scenario
      ? (ctx.world = buildWorld(String(body.name ?? 'inline'), { ...readScenario('all-good'), ...body.scenario }))
      : emulator.setScenario(String(body.name));
    emulator.resetStats();
    send(res, 200, {
      name: world.name,
      description: world.description,
      caller: world.caller,
      accounts: world.accounts.slice(0, 20).map((a) => ({ id: a.id, name: a.name })),
    });
    return 'admin';
  }
  if (path === '/_emulator/scenarios') {
    send(res, 200, { scenarios: listScenarios() });
    return 'admin';
  }
  if (path === '/_emulator/state') {
    send(res, 200, {
      scenario: ctx.world.name,
      ...emulator.stats(),
      roleAssignments: ctx.world.roleAssignments.length,
    });
    return 'admin';
  }
  if (path === '/_emulator/reset-stats' && method === 'POST') {
    emulator.resetStats();
    send(res, 200, { ok: true });
    return 'admin';
  }
  if (path === '/_emulator/advance' && method === 'POST') {
    // Moves the clock of every role assignment back (lets tests pass the 5-minute propagation window).
    const minutes = Number((await readJson()).minutes ?? 0);
    for (const a of ctx.world.roleAssignments) a.createdOn -= minutes * 60_000;
    send(res, 200, { ok: true });
    return 'admin';
  }
  if (path === '/_emulator/faults' && method === 'POST') {
    ctx.world.faults = ((await readJson()).faults ?? []) as FaultSpec[];
    send(res, 200, { ok: true });
    return 'admin';
  }
  if (path === '/_emulator/tokens') {
    send(res, 200, { tokens: ctx.issued });
    return 'admin';
  }
  send(res, 404, { error: { code: 'NotFound', message: `no admin route ${path}` } });
  return 'admin';
}

export async function startEmulator(options: { port?: number; scenario?: string } = {}): Promise<Emulator> {
  const ctx: Ctx = { world: loadWorld(options.scenario ?? 'all-good'), base: '', issued: [] };
  let stats: EmulatorStats = { requestCount: 0, byRoute: {}, recent: [], issuedTokens: 0 };
  const emulator: Emulator = {
    url: '',
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    world: () => ctx.world,
    setScenario(name: string) {
      ctx.world = loadWorld(name);
      emulator.resetStats();
      return ctx.world;
    },
    stats: () => ({ ...stats, issuedTokens: ctx.issued.length }),
    resetStats() {
      stats = { requestCount: 0, byRoute: {}, recent: [], issuedTokens: 0 };
    },
  };
  const server = createServer(async (req, res) => {
    let route = 'error';
    const url = new URL(req.url ?? '/', ctx.base);
    const path = url.pathname.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
    try {
      if (path.startsWith('/_emulator/')) {
        route = await handleAdmin(ctx, emulator, req, res, url, path);
        return;
      }
      if (await applyFault(ctx, req, res, path)) {
        route = 'fault';
        return;
      }
      if (path.startsWith('/dataplane/')) route = await handleDataPlane(ctx, req, res, url, path, readBody);
      else route = await handleArm(ctx, req, res, url, path);
    } catch (err) {
      if (!res.headersSent)
        send(res, 500, { error: { code: 'EmulatorError', message: String((err as Error).message) } });
    } finally {
      if (route !== 'admin') {
        stats.requestCount++;
        stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
        stats.recent.push({ method: req.method ?? 'GET', path, status: res.statusCode });
        if (stats.recent.length > 500) stats.recent.shift();
      }
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  ctx.base = `http://127.0.0.1:${port}`;
  emulator.url = ctx.base;
  return emulator;
}
