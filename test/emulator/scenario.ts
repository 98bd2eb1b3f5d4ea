// Scenarios are data: JSON files in ./scenarios, each merged over base.json. This module loads one
// and expands it into the emulator's world (accounts, role assignments with ages, generated tenants).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import builtInRoles from './roleDefinitions.json';

export interface TenantData {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  /** When set, token requests for this tenant fail with this AADSTS text. */
  failTokens?: string;
}
export interface CallerData {
  objectId: string;
  displayName: string;
  userPrincipalName?: string;
  principalType: 'User' | 'ServicePrincipal';
  groups: string[];
}
export interface DeploymentData {
  name: string;
  model: string;
  format: string;
  version?: string;
}
export interface AccountData {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  kind: string;
  location: string;
  customSubDomainName?: string;
  disableLocalAuth?: boolean;
  publicNetworkAccess?: string;
  networkAcls?: { defaultAction: string; ipRules: string[]; virtualNetworkRules: string[] };
  deployments: DeploymentData[];
  projects?: string[];
}
export interface AssignmentSpec {
  role: string;
  /** account | resourceGroup | subscription | project:<name>, relative to the scenario's first account. */
  at: string;
  ageMinutes: number;
  principal?: string;
  principalType?: string;
  condition?: string;
}
export interface FaultSpec {
  /** Regular expression tested against the request path (without query). */
  path: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  times: number;
}
export interface ScenarioFile {
  description?: string;
  tenants: TenantData[];
  caller: CallerData;
  subscriptions: { subscriptionId: string; displayName: string; tenantId: string }[];
  accounts: AccountData[];
  roleAssignments: AssignmentSpec[];
  denyAssignments: { dataActions: string[]; principal?: string; at: string }[];
  propagationMinutes: number;
  tokenLifetimeSeconds: number;
  pageSize: number;
  callerCanReadRoleAssignments: boolean;
  callerCanAssignRoles: boolean;
  principalNotFoundOnCreate: number;
  faults: FaultSpec[];
  /**
   * Tenant put in data-plane tokens instead of the requested one: the identity that signs the app's calls
   * lives in another tenant than the resource (update §2.6, tenant mismatch).
   */
  dataPlaneTokenTenant?: string;
  generate?: { subscriptions: number; accountsPerSubscription: number; roleAssignments: number; targetLast?: boolean };
}

export interface RoleDefinitionData {
  name: string;
  roleName: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleAssignmentData {
  id: string;
  name: string;
  scope: string;
  roleDefinitionGuid: string;
  principalId: string;
  principalType: string;
  createdOn: number;
  condition?: string;
}

export interface DenyAssignmentData {
  id: string;
  scope: string;
  principalId: string;
  dataActions: string[];
}

/** A scenario file resolved: generated tenants expanded, accounts given ids, assignments and roles made concrete. */
export interface World extends Omit<
  ScenarioFile,
  'description' | 'accounts' | 'roleAssignments' | 'denyAssignments' | 'generate'
> {
  name: string;
  description: string;
  accounts: (AccountData & { id: string })[];
  roleAssignments: RoleAssignmentData[];
  denyAssignments: DenyAssignmentData[];
  roles: RoleDefinitionData[];
}

export const BUILT_IN_ROLES: RoleDefinitionData[] = (builtInRoles as { roles: RoleDefinitionData[] }).roles;

export function scenariosDir(): string {
  const candidates = [
    process.env.AZURE_AI_AUTH_DOCTOR_SCENARIOS,
    join(__dirname, 'scenarios'),
    resolve(__dirname, '../../../test/emulator/scenarios'),
    resolve(process.cwd(), 'test/emulator/scenarios'),
  ];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'base.json'))) return dir;
  throw new Error('emulator: scenarios directory not found (set AZURE_AI_AUTH_DOCTOR_SCENARIOS)');
}

export function listScenarios(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.json') && f !== 'base.json')
    .map((f) => f.slice(0, -5))
    .sort();
}

export function readScenario(name: string): ScenarioFile & { description: string } {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`emulator: bad scenario name ${JSON.stringify(name)}`);
  const dir = scenariosDir();
  const base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'));
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) throw new Error(`emulator: unknown scenario ${name} (known: ${listScenarios().join(', ')})`);
  return { ...base, ...JSON.parse(readFileSync(file, 'utf8')) };
}

export function accountId(a: { subscriptionId: string; resourceGroup: string; name: string }): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${a.name}`;
}

/** Deterministic GUID-shaped id from a counter (generated data must be stable between runs). */
export function guid(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

function scopeFor(at: string, target: AccountData & { id: string }): string {
  if (at === 'account') return target.id;
  if (at === 'resourceGroup') return `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}`;
  if (at === 'subscription') return `/subscriptions/${target.subscriptionId}`;
  if (at.startsWith('project:')) return `${target.id}/projects/${at.slice(8)}`;
  if (at.startsWith('/')) return at;
  throw new Error(`emulator: bad assignment scope ${at}`);
}

export function buildWorld(name: string, file: ScenarioFile & { description?: string }, now = Date.now()): World {
  const subscriptions = [...file.subscriptions];
  let accounts = file.accounts.map((a) => ({ ...a, id: accountId(a) }));
  const target = accounts[0];
  const roleAssignments: RoleAssignmentData[] = [];
  let counter = 1;
  const addAssignment = (
    scope: string,
    role: string,
    principalId: string,
    principalType: string,
    ageMinutes: number,
    condition?: string,
  ) => {
    const name = guid(0xa5510000, counter++);
    roleAssignments.push({
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      scope,
      roleDefinitionGuid: role,
      principalId,
      principalType,
      createdOn: now - ageMinutes * 60_000,
      condition,
    });
  };
  if (file.generate) {
    // Filler subscriptions and accounts around the target; the target's subscription keeps its place (first or last).
    const g = file.generate;
    const tenantId = file.tenants[0].tenantId;
    const filler: typeof accounts = [];
    for (let s = 1; s < g.subscriptions; s++) {
      const subscriptionId = guid(0x50b00000, s);
      subscriptions.push({ subscriptionId, displayName: `Filler subscription ${s}`, tenantId });
      for (let i = 0; i < g.accountsPerSubscription; i++) {
        const acc = {
          subscriptionId,
          resourceGroup: `rg-${s}`,
          name: `filler-${s}-${i}`,
          kind: i % 3 === 0 ? 'OpenAI' : 'AIServices',
          location: 'eastus',
          customSubDomainName: `filler-${s}-${i}`,
          disableLocalAuth: false,
          publicNetworkAccess: 'Enabled',
          networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
          deployments: [{ name: 'gpt-4o-mini', model: 'gpt-4o-mini', format: 'OpenAI', version: '2024-07-18' }],
        };
        filler.push({ ...acc, id: accountId(acc) });
      }
    }
    for (let i = 1; i < g.accountsPerSubscription; i++) {
      const acc = {
        ...target,
        name: `${target.name}-sibling-${i}`,
        customSubDomainName: `${target.name}-sibling-${i}`,
        projects: [],
      };
      filler.push({ ...acc, id: accountId(acc) });
    }
    accounts = g.targetLast ? [...filler, ...accounts] : [...accounts, ...filler];
    if (g.targetLast) subscriptions.push(subscriptions.shift()!);
    for (let i = 0; i < g.roleAssignments; i++) {
      const acc = filler[i % filler.length];
      addAssignment(acc.id, BUILT_IN_ROLES[i % BUILT_IN_ROLES.length].name, guid(0x0b1e0000, i), 'User', 600);
    }
  }
  for (const spec of file.roleAssignments) {
    addAssignment(
      scopeFor(spec.at, target),
      spec.role,
      spec.principal ?? file.caller.objectId,
      spec.principalType ?? file.caller.principalType,
      spec.ageMinutes,
      spec.condition,
    );
  }
  const denyAssignments = (file.denyAssignments ?? []).map((d, i) => ({
    id: `${scopeFor(d.at, target)}/providers/Microsoft.Authorization/denyAssignments/${guid(0xde000000, i + 1)}`,
    scope: scopeFor(d.at, target),
    principalId: d.principal ?? file.caller.objectId,
    dataActions: d.dataActions,
  }));
  return {
    name,
    description: file.description ?? '',
    tenants: file.tenants,
    caller: file.caller,
    subscriptions,
    accounts,
    roleAssignments,
    denyAssignments,
    roles: BUILT_IN_ROLES,
    propagationMinutes: file.propagationMinutes,
    tokenLifetimeSeconds: file.tokenLifetimeSeconds,
    pageSize: file.pageSize,
    callerCanReadRoleAssignments: file.callerCanReadRoleAssignments,
    callerCanAssignRoles: file.callerCanAssignRoles,
    principalNotFoundOnCreate: file.principalNotFoundOnCreate,
    faults: file.faults.map((f) => ({ ...f })),
    ...(file.dataPlaneTokenTenant ? { dataPlaneTokenTenant: file.dataPlaneTokenTenant } : {}),
  };
}

export function loadWorld(name: string): World {
  return buildWorld(name, readScenario(name));
}
