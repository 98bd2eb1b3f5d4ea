// Step 3: the identity's role assignments that reach the resource (assignedTo(): transitive through
// groups, at/above/below the scope), their role definitions (read at runtime, cached), deny
// assignments, and the verdict on the data action the call needs. When role assignments cannot
// be read (403), it names the missing permission and falls back to the caller's own permissions.
import { AuthorizationManagementClient, type RoleDefinition } from '@azure/arm-authorization';
import type { IdentityProvider } from './identity';
import type { ResourceInfo, RoleAssignmentInfo } from '../core/accessReport';
import { adaptPipeline, classicArmOptions, describeError, statusOf, CancelledError, type HttpContext } from './http';
import { ROLE_IDS, roleGrants, whyNotGranted, actionMatches, type PermissionSet, type RequiredAction } from './roles';
import { roleDisplayName } from '../core/knowledge/roles';

export const PROPAGATION_MINUTES = 5;

export interface RolesOutcome {
  assignments: RoleAssignmentInfo[];
  denyAssignments: string[];
  /** Role assignments could be read. */
  readable: boolean;
  /** Some assignment (or, after a 403, the caller's effective permissions) grants the action. */
  granted: boolean;
  /** Granted only by assignments younger than 5 minutes (youngest age in minutes). */
  youngestGrantMinutes?: number;
  /** A granting assignment carries an ABAC condition. */
  conditional: boolean;
  deniedBy?: string;
  /** Every granting assignment sits below the account (project scope). */
  onlyBelowScope: boolean;
  gaps: string[];
  notes: string[];
}

const definitionCache = new Map<string, Promise<RoleDefinition>>();

export function authorizationClient(
  identity: IdentityProvider,
  ctx: HttpContext,
  subscriptionId: string,
  tenantId?: string,
): AuthorizationManagementClient {
  const credential = identity.credentialFor(tenantId);
  const client = new AuthorizationManagementClient(credential, subscriptionId, classicArmOptions(ctx));
  adaptPipeline(client.pipeline, credential, ctx);
  return client;
}

const guidOf = (roleDefinitionId: string) => roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
const noSlash = (scope: string) => scope.replace(/^\/+/, '');

export function scopeReaches(scope: string, target: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const t = target.toLowerCase();
  return s === '' || s === '/' || t === s || t.startsWith(`${s}/`);
}

function resolveDefinition(
  client: AuthorizationManagementClient,
  ctx: HttpContext,
  roleDefinitionId: string,
): Promise<RoleDefinition> {
  const key = `${ctx.armEndpoint}|${guidOf(roleDefinitionId)}`;
  let pending = definitionCache.get(key);
  if (!pending) {
    pending = client.roleDefinitions.getById(roleDefinitionId);
    pending.catch(() => definitionCache.delete(key));
    definitionCache.set(key, pending);
  }
  return pending;
}

export function clearRoleDefinitionCache(): void {
  definitionCache.clear();
}

export async function evaluateRoles(
  client: AuthorizationManagementClient,
  ctx: HttpContext,
  resource: ResourceInfo,
  principalId: string,
  required: RequiredAction,
  callerIsPrincipal: boolean,
  log: (line: string) => void,
): Promise<RolesOutcome> {
  const out: RolesOutcome = {
    assignments: [],
    denyAssignments: [],
    readable: true,
    granted: false,
    conditional: false,
    onlyBelowScope: false,
    gaps: [],
    notes: [],
  };
  const now = Date.now();
  const raw: {
    id: string;
    roleDefinitionId: string;
    scope: string;
    principalId: string;
    principalType?: string;
    createdOn?: Date;
    condition?: string;
  }[] = [];
  try {
    for await (const a of client.roleAssignments.listForScope(noSlash(resource.id), {
      filter: `assignedTo('${principalId}')`,
    })) {
      raw.push({
        id: a.id ?? '',
        roleDefinitionId: a.roleDefinitionId ?? '',
        scope: a.scope ?? '',
        principalId: a.principalId ?? '',
        principalType: a.principalType,
        createdOn: a.createdOn,
        condition: a.condition ?? undefined,
      });
    }
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    out.readable = false;
    const status = statusOf(err);
    out.gaps.push(
      status === 403
        ? `Cannot read role assignments: the signed-in identity lacks Microsoft.Authorization/roleAssignments/read on ${resource.name} (HTTP 403).`
        : `Cannot read role assignments on ${resource.name} (${describeError(err)}).`,
    );
    if (callerIsPrincipal) await fallbackToPermissions(client, resource, required, out, log);
    else
      out.notes.push(
        'The effective-permissions fallback only works for the signed-in identity itself, not for another object id.',
      );
    return out;
  }
  log(`Role assignments reaching ${resource.name} for ${principalId}: ${raw.length}`);

  const definitions = await Promise.all(
    raw.map((a) =>
      resolveDefinition(client, ctx, a.roleDefinitionId).catch((err) => {
        if (err instanceof CancelledError) throw err;
        out.gaps.push(`Could not read role definition ${guidOf(a.roleDefinitionId)} (${describeError(err)}).`);
        return undefined;
      }),
    ),
  );
  raw.forEach((a, i) => {
    const def = definitions[i];
    const permissions: PermissionSet[] = (def?.permissions ?? []).map((p) => ({
      dataActions: p.dataActions ?? [],
      notDataActions: p.notDataActions ?? [],
    }));
    // By GUID, with the former name: "Foundry User (formerly Azure AI User)" whichever name ARM returns.
    const roleName = roleDisplayName(guidOf(a.roleDefinitionId), def?.roleName ?? undefined);
    const reaches = scopeReaches(a.scope, resource.id);
    const grantsAction = !!def && roleGrants(permissions, required.action);
    const ageMinutes = a.createdOn
      ? Math.max(0, Math.floor((now - new Date(a.createdOn).getTime()) / 60_000))
      : undefined;
    let note: string;
    if (!def) note = 'Role definition could not be read.';
    else if (!grantsAction) note = whyNotGranted(guidOf(a.roleDefinitionId), roleName, permissions, required.action);
    else if (!reaches)
      note = `${roleName} is assigned at ${a.scope.split('/').slice(-2).join(' ')} below the account: a grant at project scope does not reach the account endpoint.`;
    else if (ageMinutes !== undefined && ageMinutes < PROPAGATION_MINUTES)
      note = `${roleName} grants ${required.action}, but it was assigned ${ageMinutes} minute(s) ago: role assignments can take up to 5 minutes to propagate.`;
    else note = `${roleName} grants ${required.action}.`;
    if (a.condition) note += ' This assignment has an ABAC condition; access depends on it.';
    out.assignments.push({
      id: a.id,
      roleName,
      roleDefinitionId: a.roleDefinitionId,
      scope: a.scope,
      principalId: a.principalId,
      principalType: a.principalType,
      inherited: reaches && a.scope.toLowerCase() !== resource.id.toLowerCase(),
      viaGroup: a.principalId.toLowerCase() !== principalId.toLowerCase(),
      createdOn: a.createdOn ? new Date(a.createdOn).toISOString() : undefined,
      ageMinutes,
      condition: a.condition,
      dataActions: permissions.flatMap((p) => p.dataActions ?? []),
      notDataActions: permissions.flatMap((p) => p.notDataActions ?? []),
      grantsRequired: grantsAction && reaches,
      note,
    });
  });

  // Deny assignments win over any grant.
  try {
    for await (const d of client.denyAssignments.listForScope(noSlash(resource.id), {
      filter: `principalId eq '${principalId}'`,
    })) {
      const blocks = (d.permissions ?? []).some(
        (p) =>
          (p.dataActions ?? []).some((x) => actionMatches(x, required.action)) &&
          !(p.notDataActions ?? []).some((x) => actionMatches(x, required.action)),
      );
      const label = `${d.denyAssignmentName ?? d.name ?? 'deny assignment'} at ${d.scope ?? '?'}${blocks ? ` (denies ${required.action})` : ''}`;
      out.denyAssignments.push(label);
      if (blocks) out.deniedBy = label;
    }
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    out.gaps.push(`Could not read deny assignments (${describeError(err)}).`);
  }

  const granting = out.assignments.filter((a) => a.grantsRequired);
  const settled = granting.filter((a) => a.ageMinutes === undefined || a.ageMinutes >= PROPAGATION_MINUTES);
  out.granted = granting.length > 0 && !out.deniedBy;
  out.conditional = granting.length > 0 && granting.every((a) => !!a.condition);
  if (out.granted && settled.length === 0)
    out.youngestGrantMinutes = Math.min(...granting.map((a) => a.ageMinutes ?? 0));
  out.onlyBelowScope =
    !out.granted &&
    out.assignments.some(
      (a) =>
        !scopeReaches(a.scope, resource.id) &&
        a.dataActions.length > 0 &&
        a.dataActions.some((p) => actionMatches(p, required.action)),
    );
  return out;
}

async function fallbackToPermissions(
  client: AuthorizationManagementClient,
  resource: ResourceInfo,
  required: RequiredAction,
  out: RolesOutcome,
  log: (line: string) => void,
): Promise<void> {
  try {
    const permissions: PermissionSet[] = [];
    for await (const p of client.permissions.listForResource(
      resource.resourceGroup,
      'Microsoft.CognitiveServices',
      '',
      'accounts',
      resource.name,
    )) {
      permissions.push({ dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] });
    }
    out.granted = roleGrants(permissions, required.action);
    out.notes.push(
      out.granted
        ? `Your effective permissions on ${resource.name} (permissions.listForResource) include ${required.action}; role names, scopes and ages could not be read.`
        : `Your effective permissions on ${resource.name} (permissions.listForResource) do not include ${required.action}.`,
    );
    log(`Fallback: effective permissions grant the action: ${out.granted}`);
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    out.gaps.push(`Could not read your effective permissions either (${describeError(err)}).`);
  }
}

export { ROLE_IDS };
