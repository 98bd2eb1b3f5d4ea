// Turns what the steps established into the verdict (in the seed's words), the fix actions and the
// seed's five-step checklist. Pure: the same facts always give the same report, so it is unit-tested.
import type { AccessReport, ChecklistItem, FixAction, Verdict } from '../core/accessReport';
import type { EndpointInfo } from '../core/types';
import type { RolesOutcome } from './rbac';
import { assignableRoleFor, cliCommand, portalLink } from './fixes';

export interface Facts {
  info?: EndpointInfo;
  identityOk: boolean;
  roles?: RolesOutcome;
  /** A deployment the code names that the resource does not have. */
  missingDeployment?: string;
  networkBlocked?: string;
  tokenMismatch?: string;
  /** The token's tid is not the resource's tenant (update §1e, §2.6). */
  tenantMismatch?: { tokenTenant: string; resourceTenant: string };
  /** Token acquisition failed (reason). */
  tokenError?: string;
  probeRan: boolean;
  chatRan: boolean;
}

const who = (r: AccessReport) =>
  r.identity?.userPrincipalName ??
  r.identity?.displayName ??
  r.identity?.appId ??
  r.identity?.objectId ??
  'the identity';

function roleFixes(r: AccessReport, facts: Facts): FixAction[] {
  const res = r.resource;
  const oid = r.identity?.objectId;
  if (!res || !oid) return [];
  const cloud = facts.info?.cloud ?? 'public';
  const where = facts.roles?.onlyBelowScope
    ? ' (at the account: a project-scope grant does not reach the account endpoint)'
    : '';
  const role = assignableRoleFor(r);
  return [
    {
      kind: 'assign-role',
      title: `Assign ${role.name} to ${who(r)} on ${res.name}`,
      detail: `Creates a role assignment: principal ${oid}, role ${role.name} (${role.id}), scope ${res.id}${where}. Then wait at least 5 minutes before the first call.`,
    },
    {
      kind: 'copy-cli',
      title: 'Copy az CLI command',
      cliCommand: cliCommand(res, oid, r.identity?.principalType, role.id),
    },
    { kind: 'open-iam', title: 'Open Access control (IAM) in the portal', url: portalLink(res, cloud, 'users') },
  ];
}

export function decide(r: AccessReport, facts: Facts): { verdict: Verdict; fixes: FixAction[] } {
  const res = r.resource;
  const cloud = facts.info?.cloud ?? 'public';
  const iam = res
    ? [
        {
          kind: 'open-iam' as const,
          title: 'Open Access control (IAM) in the portal',
          url: portalLink(res, cloud, 'users'),
        },
      ]
    : [];
  const probe = r.probe;
  const probeScenario = probe?.scenario ?? undefined;

  if (!facts.info) {
    return {
      verdict: {
        status: 'problem',
        scenario: 'not-found',
        title: 'Not an Azure AI endpoint',
        explanation: `${r.endpoint} does not look like an Azure OpenAI or Azure AI endpoint.`,
      },
      fixes: [],
    };
  }
  if (!facts.identityOk) {
    return {
      verdict: {
        status: 'incomplete',
        title: 'No identity',
        explanation:
          'No credential produced a token, so nothing could be checked. Sign in (az login, azd auth login, or the VS Code account) and retry.',
      },
      fixes: [],
    };
  }
  if (
    facts.info.kind === 'regional' ||
    (res && !res.customSubDomainName) ||
    probeScenario === 'custom-subdomain-required'
  ) {
    return {
      verdict: {
        status: 'problem',
        scenario: 'custom-subdomain-required',
        title: 'Custom subdomain required for Microsoft Entra ID',
        explanation: `${res ? `${res.name} has no custom subdomain` : 'This is a regional endpoint'}: token authentication needs https://<custom-subdomain>.cognitiveservices.azure.com (400 "Please provide a custom subdomain for token authentication, otherwise API key is required.").`,
      },
      fixes: [
        {
          kind: 'change-endpoint',
          title: 'Create a custom subdomain and use its endpoint',
          detail:
            'Set a custom subdomain on the resource (this cannot be undone), then call https://<subdomain>.cognitiveservices.azure.com (or .openai.azure.com).',
        },
        ...iam,
      ],
    };
  }
  const lacks = (title: string, explanation: string): { verdict: Verdict; fixes: FixAction[] } => {
    const young = facts.roles?.youngestGrantMinutes;
    if (facts.roles?.granted && young !== undefined) {
      return {
        verdict: {
          status: 'problem',
          scenario: 'principal-lacks-permission',
          title: `Role assignment is ${young} minute(s) old: it may not have propagated`,
          explanation: `${who(r)} has a role granting ${r.requiredDataAction}, assigned ${young} minute(s) ago. Wait at least 5 minutes before making the first call.`,
        },
        fixes: [
          {
            kind: 'wait',
            title: `Wait ${Math.max(1, 5 - young)} more minute(s), then check again`,
            detail: 'Role assignments can take up to five minutes to propagate.',
          },
          ...iam,
        ],
      };
    }
    return {
      verdict: { status: 'problem', scenario: 'principal-lacks-permission', title, explanation },
      fixes: roleFixes(r, facts),
    };
  };
  const rolesWhy = () => {
    const notes = (r.assignments ?? []).map((a) => a.note);
    if (notes.length === 0) return `${who(r)} has no role assignment that reaches ${res?.name ?? 'the resource'}.`;
    return notes.join(' ');
  };

  const tenant = facts.tenantMismatch;
  if (tenant || probeScenario === 'tenant-mismatch') {
    const resourceTenant = tenant?.resourceTenant ?? res?.tenantId ?? '<resource tenant>';
    return {
      verdict: {
        status: 'problem',
        scenario: 'tenant-mismatch',
        title: 'The token comes from another tenant than the resource',
        explanation: `${tenant ? `The token's tenant (tid) is ${tenant.tokenTenant}, but ${res?.name ?? 'the resource'} belongs to tenant ${resourceTenant}` : (probe?.message ?? 'Token tenant does not match resource tenant')}: the service answers 400 "Token tenant … does not match resource tenant." Sign in to the resource's tenant (az, azd and the service principal may each use a different one).`,
      },
      fixes: [
        {
          kind: 'copy-cli',
          title: `Sign in to tenant ${resourceTenant}`,
          cliCommand: `az login --tenant "${resourceTenant.replace(/[^A-Za-z0-9.-]/g, '')}"`,
          detail: 'For a service principal or DefaultAzureCredential, set AZURE_TENANT_ID to the same tenant.',
        },
        ...iam,
      ],
    };
  }
  if (probe && probe.status !== undefined && probe.status >= 400) {
    switch (probeScenario) {
      case 'principal-lacks-permission':
        return lacks(
          'Principal does not have access to API/Operation',
          `401 PermissionDenied: the token is valid, but ${who(r)} lacks ${r.requiredDataAction ?? 'the data action'}. ${rolesWhy()} Assign ${assignableRoleFor(r).name} on the resource${/\/MaaS\//.test(r.requiredDataAction ?? '') ? ' (Cognitive Services OpenAI User grants only access to OpenAI models)' : ''}, then wait at least 5 minutes before the first call.`,
        );
      case 'token-invalid-or-wrong-audience':
        return {
          verdict: {
            status: 'problem',
            scenario: 'token-invalid-or-wrong-audience',
            title: 'Token audience is incorrect (401 Unauthorized)',
            explanation:
              `${probe.message}. ${facts.tokenMismatch ?? ''} Request the token with scope ${facts.info.scopes[0] ?? 'https://cognitiveservices.azure.com/.default'}.`.trim(),
          },
          fixes: [
            {
              kind: 'change-scope',
              title: `Use the token scope ${facts.info.scopes[0] ?? 'https://cognitiveservices.azure.com/.default'}`,
              detail: facts.tokenMismatch,
            },
          ],
        };
      case 'deployment-not-found':
      case 'not-found':
        return {
          verdict: {
            status: 'problem',
            scenario: probeScenario,
            title: probeScenario === 'deployment-not-found' ? 'Deployment not found (404)' : 'Endpoint not found (404)',
            explanation: `${probe.message}. ${facts.missingDeployment ? `The resource has no deployment named "${facts.missingDeployment}"; its deployments are: ${(res?.deployments ?? []).map((d) => d.name).join(', ') || 'none'}.` : 'The endpoint URL does not fit the SDK, or the deployment does not exist.'}`,
          },
          fixes: [
            {
              kind: 'change-endpoint',
              title: 'Fix the endpoint or deployment name',
              detail: `Deployments: ${(res?.deployments ?? []).map((d) => `${d.name} (${d.model}, ${d.format})`).join(', ') || 'none found'}.`,
            },
          ],
        };
      case 'network-denied':
      case 'public-access-disabled':
        return {
          verdict: {
            status: 'problem',
            scenario: probeScenario,
            title:
              probeScenario === 'network-denied'
                ? 'Blocked by the resource firewall (403)'
                : 'Public network access is disabled (403)',
            explanation: `${probe.message}. ${facts.networkBlocked ?? ''}`.trim(),
          },
          fixes: res
            ? [
                {
                  kind: 'open-iam',
                  title: 'Open Networking in the portal',
                  url: portalLink(res, cloud, 'networking'),
                  detail: 'Add your IP to the firewall, or call through the private endpoint.',
                },
              ]
            : [],
        };
      default:
        return {
          verdict: {
            status: 'problem',
            scenario: probeScenario,
            title: `The endpoint answered ${probe.status}`,
            explanation: probe.message,
          },
          fixes: iam,
        };
    }
  }
  if (!res) {
    return {
      verdict: {
        status: r.gaps.length ? 'incomplete' : 'problem',
        scenario: 'not-found',
        title: 'Resource not found',
        explanation: `No Azure AI resource with custom subdomain "${facts.info.resource ?? facts.info.host}" was found. Check the tenant (DefaultAzureCredential may have picked another one), that the identity has Reader access to the resource, and the spelling of the endpoint.`,
      },
      fixes: [],
    };
  }
  if (facts.networkBlocked && !(probe?.status && probe.status < 400)) {
    return {
      verdict: {
        status: 'problem',
        scenario: res.publicNetworkAccess === 'Disabled' ? 'public-access-disabled' : 'network-denied',
        title: 'The resource network settings block public calls',
        explanation: facts.networkBlocked,
      },
      fixes: [{ kind: 'open-iam', title: 'Open Networking in the portal', url: portalLink(res, cloud, 'networking') }],
    };
  }
  if (facts.tokenMismatch) {
    return {
      verdict: {
        status: 'problem',
        scenario: 'token-invalid-or-wrong-audience',
        title: 'The code requests a token for the wrong audience',
        explanation: facts.tokenMismatch,
      },
      fixes: [
        { kind: 'change-scope', title: `Use the token scope ${facts.info.scopes[0]}`, detail: facts.tokenMismatch },
      ],
    };
  }
  const roles = facts.roles;
  const chatOk = facts.chatRan && probe?.status !== undefined && probe.status < 400;
  if (roles && !chatOk) {
    if (roles.deniedBy) return lacks('A deny assignment blocks the call', `Deny assignment: ${roles.deniedBy}.`);
    if (roles.readable || roles.notes.length) {
      if (!roles.granted && (roles.readable || roles.notes.some((n) => /do not include/.test(n)))) {
        return lacks(
          roles.onlyBelowScope
            ? 'Role assigned at project scope does not reach the account'
            : 'No role grants the data action',
          `${who(r)} lacks ${r.requiredDataAction}. ${rolesWhy()}`,
        );
      }
      if (roles.granted && roles.youngestGrantMinutes !== undefined) return lacks('', '');
    } else {
      return {
        verdict: { status: 'incomplete', title: 'Roles could not be checked', explanation: r.gaps.join(' ') },
        fixes: iam,
      };
    }
  }
  if (facts.missingDeployment) {
    return {
      verdict: {
        status: 'problem',
        scenario: 'deployment-not-found',
        title: `Deployment "${facts.missingDeployment}" not found`,
        explanation: `The resource has no deployment named "${facts.missingDeployment}" (calls answer 404 DeploymentNotFound). Deployments: ${res.deployments.map((d) => d.name).join(', ') || 'none'}.`,
      },
      fixes: [
        {
          kind: 'change-endpoint',
          title: 'Use an existing deployment name',
          detail: `Deployments: ${res.deployments.map((d) => `${d.name} (${d.model})`).join(', ')}`,
        },
      ],
    };
  }
  if (roles?.conditional && !chatOk) {
    return {
      verdict: {
        status: 'problem',
        scenario: 'principal-lacks-permission',
        title: 'Access depends on an ABAC condition',
        explanation: `The only granting assignment has a condition; whether this call is allowed depends on it. ${rolesWhy()}`,
      },
      fixes: iam,
    };
  }
  const unproven = !facts.chatRan
    ? ' (no chat completion was sent; the cheap read and the role evaluation passed)'
    : '';
  return {
    verdict: {
      status: 'ok',
      title: 'Access looks right',
      explanation: `${who(r)} can call ${r.endpoint} with Microsoft Entra ID${unproven}.`,
    },
    fixes: [],
  };
}

export function checklist(r: AccessReport, facts: Facts): ChecklistItem[] {
  const roles = facts.roles;
  const res = r.resource;
  const item = (
    step: ChecklistItem['step'],
    title: string,
    status: ChecklistItem['status'],
    reason: string,
  ): ChecklistItem => ({ step, title, status, reason });
  const young = roles?.youngestGrantMinutes;
  return [
    item(
      1,
      'Locate the Azure AI Services resource you are using',
      res ? 'passed' : facts.identityOk && facts.info ? (r.gaps.length ? 'unknown' : 'failed') : 'unknown',
      res ? `${res.name} (${res.kind}, ${res.location})` : 'Not found in the subscriptions the identity can read.',
    ),
    item(
      2,
      'Open Access control (IAM) and select Check access',
      !roles ? 'unknown' : roles.readable ? 'passed' : 'failed',
      !roles
        ? 'Not reached.'
        : roles.readable
          ? 'Role assignments read.'
          : 'Cannot read role assignments: Microsoft.Authorization/roleAssignments/read is missing.',
    ),
    item(
      3,
      'Type the name of the user or identity you are using to connect',
      r.identity?.objectId ? 'passed' : 'failed',
      r.identity?.objectId ? `${who(r)} (${r.identity.objectId}), via ${r.identity.source}` : 'No identity resolved.',
    ),
    item(
      4,
      'Verify that Cognitive Services User (or a role with the required data actions) is listed; Owner or Contributor do not provide access',
      !roles ? 'unknown' : roles.granted ? 'passed' : roles.readable || roles.notes.length ? 'failed' : 'unknown',
      !roles
        ? 'Not reached.'
        : roles.granted
          ? `A role grants ${r.requiredDataAction}.`
          : `No role grants ${r.requiredDataAction}.`,
    ),
    item(
      5,
      'If it is not listed, assign it and wait at least 5 minutes before the first call',
      !roles || (!roles.readable && roles.granted)
        ? 'unknown'
        : roles.granted && young === undefined
          ? 'passed'
          : 'failed',
      !roles
        ? 'Not reached.'
        : roles.granted
          ? young === undefined
            ? roles.readable
              ? 'Assigned more than 5 minutes ago.'
              : 'Granted, but the age of the assignment could not be read.'
            : `Assigned ${young} minute(s) ago: wait.`
          : 'Not assigned yet.',
    ),
  ];
}
