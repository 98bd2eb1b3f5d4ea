// Fix actions of an access report: the az CLI command and portal deep links (pure), and the one
// write action, creating the "Cognitive Services User" role assignment. The caller (the VS Code
// command) asks for a modal confirmation naming principal, role and scope before calling assignRole.
import { randomUUID } from 'node:crypto';
import type { AccessReport, ResourceInfo } from '../core/accessReport';
import type { Cloud } from '../core/types';
import type { IdentityProvider } from './identity';
import { authorizationClient } from './rbac';
import { ROLE_IDS } from './roles';
import { roleForDataAction, type KnownRole } from '../core/knowledge/roles';
import { ARM_BY_CLOUD, CancelledError, describeError, statusOf, type HttpContext } from './http';

export const ASSIGNABLE_ROLE = { id: ROLE_IDS.cognitiveServicesUser, name: 'Cognitive Services User' } as const;

/** The role the fix assigns for this report: Foundry User for the project data plane, else Cognitive Services User. */
export function assignableRoleFor(report: Pick<AccessReport, 'requiredDataAction'>): { id: string; name: string } {
  const role: KnownRole = roleForDataAction(report.requiredDataAction);
  return { id: role.id, name: role.formerName ? `${role.name} (formerly ${role.formerName})` : role.name };
}

const PORTAL: Record<Cloud, string> = {
  public: 'https://portal.azure.com',
  usgov: 'https://portal.azure.us',
  china: 'https://portal.azure.cn',
};

/** Keeps only characters an ARM id or GUID can contain, so nothing from a response reaches a shell unquoted. */
const safe = (value: string) => value.replace(/[^A-Za-z0-9/._()-]/g, '');

export function cliCommand(
  resource: ResourceInfo,
  principalId: string,
  principalType: string | undefined,
  roleId: string = ASSIGNABLE_ROLE.id,
): string {
  const type = principalType === 'ServicePrincipal' ? 'ServicePrincipal' : principalType === 'Group' ? 'Group' : 'User';
  return `az role assignment create --assignee-object-id "${safe(principalId)}" --assignee-principal-type ${type} --role "${safe(roleId)}" --scope "${safe(resource.id)}"`;
}

export function portalLink(resource: ResourceInfo, cloud: Cloud, blade: 'users' | 'networking'): string {
  const tenant = resource.tenantId ? `@${safe(resource.tenantId)}` : '';
  return `${PORTAL[cloud]}/#${tenant}/resource${safe(resource.id)}/${blade}`;
}

export interface AssignOutcome {
  ok: boolean;
  message: string;
  assignmentId?: string;
  /** 403: the signed-in identity may not create role assignments. */
  forbidden?: boolean;
  /** The directory did not know the principal yet (replication delay) after the bounded retries. */
  principalNotFound?: boolean;
}

export interface AssignOptions {
  identity: IdentityProvider;
  ctx: HttpContext;
  report: AccessReport;
  /** Waits between PrincipalNotFound retries (ms); bounded. */
  retryDelaysMs?: number[];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new CancelledError());
      },
      { once: true },
    );
  });
}

export async function assignRole(options: AssignOptions): Promise<AssignOutcome> {
  const { report, ctx } = options;
  const resource = report.resource;
  const principalId = report.identity?.objectId;
  if (!resource || !principalId)
    return { ok: false, message: 'The report has no resource or principal to assign a role to; run the check first.' };
  const principalType =
    report.identity?.principalType === 'ServicePrincipal'
      ? 'ServicePrincipal'
      : report.identity?.principalType === 'Group'
        ? 'Group'
        : 'User';
  const role = assignableRoleFor(report);
  const client = authorizationClient(options.identity, ctx, resource.subscriptionId, resource.tenantId);
  const delays = options.retryDelaysMs ?? [2000, 4000, 8000];
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await client.roleAssignments.create(resource.id.replace(/^\/+/, ''), randomUUID(), {
        roleDefinitionId: `/subscriptions/${resource.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
        principalId,
        principalType,
      });
      return {
        ok: true,
        assignmentId: created.id,
        message: `Assigned ${role.name} to ${report.identity?.userPrincipalName ?? principalId} on ${resource.name}. Wait about 5 minutes before the first call (propagation).`,
      };
    } catch (err) {
      if (err instanceof CancelledError) throw err;
      const status = statusOf(err);
      const code = (err as { code?: string }).code;
      if (status === 403) {
        return {
          ok: false,
          forbidden: true,
          message: `You cannot create role assignments on ${resource.name}: Microsoft.Authorization/roleAssignments/write is missing (Owner, User Access Administrator or Role Based Access Control Administrator have it). Ask an administrator to run: ${cliCommand(resource, principalId, principalType, role.id)}`,
        };
      }
      if (code === 'RoleAssignmentExists' || status === 409) {
        return {
          ok: true,
          message: `${role.name} is already assigned to this principal on ${resource.name}.`,
        };
      }
      if (code === 'PrincipalNotFound') {
        if (attempt < delays.length) {
          await sleep(delays[attempt], ctx.signal);
          continue;
        }
        return {
          ok: false,
          principalNotFound: true,
          message: `Azure does not know principal ${principalId} yet (PrincipalNotFound). A newly created identity can take a few minutes to replicate; try again shortly.`,
        };
      }
      return { ok: false, message: `Creating the role assignment failed: ${describeError(err)}` };
    }
  }
}

export { ARM_BY_CLOUD };
