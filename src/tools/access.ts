// The access check as an agent tool result: the AccessReport reduced to what a model needs to tell
// the user what is wrong and what to do (verdict, steps, the identity's assignments, the fixes).
// Running the check is the host's business (the VS Code command, or the MCP server with
// --allow-access-check); neither ever assigns a role through a tool.
import type { AccessReport } from '../core/accessReport';
import { redactSecrets } from '../azure/redact';
import type { ToolOutcome } from './outcome';

export function accessSummary(report: AccessReport): ToolOutcome {
  return {
    ok: true,
    result: {
      endpoint: report.endpoint,
      verdict: report.verdict,
      identity: report.identity && {
        kind: report.identity.kind,
        source: report.identity.source,
        displayName: report.identity.displayName,
        userPrincipalName: report.identity.userPrincipalName,
        objectId: report.identity.objectId,
        tenantId: report.identity.tenantId,
      },
      resource: report.resource && {
        id: report.resource.id,
        kind: report.resource.kind,
        location: report.resource.location,
        customSubDomainName: report.resource.customSubDomainName,
        disableLocalAuth: report.resource.disableLocalAuth,
        publicNetworkAccess: report.resource.publicNetworkAccess,
        deployments: report.resource.deployments.map((d) => d.name),
      },
      requiredDataAction: report.requiredDataAction,
      steps: report.steps.map((s) => ({ step: s.title, status: s.status, summary: s.summary })),
      roleAssignments: report.assignments.map((a) => ({
        role: a.roleName,
        scope: a.scope,
        inherited: a.inherited,
        viaGroup: a.viaGroup,
        grantsRequired: a.grantsRequired,
        note: a.note,
      })),
      fixes: report.fixes.map((f) => ({
        kind: f.kind,
        title: f.title,
        detail: f.detail,
        cliCommand: f.cliCommand,
        url: f.url,
      })),
      gaps: report.gaps,
      note: 'Read-only check: no role was assigned and nothing was changed. Apply a fix only if the user asks.',
    },
  };
}

/** What is wrong with an endpoint an agent passed, before any identity or network is involved. */
export function endpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return `"endpoint" must be an https URL such as https://<resource>.openai.azure.com (got a string of ${endpoint.length} characters that is not a URL)`;
  }
  if (url.protocol !== 'https:') return `"endpoint" must be an https URL (got ${url.protocol.replace(':', '')}:)`;
  if (url.username || url.password) return '"endpoint" must not carry a user name or password';
  // Whatever is passed is logged and reported: a token or key in the URL would travel with it.
  if (redactSecrets(endpoint) !== endpoint) return '"endpoint" must not contain a token or key';
  return undefined;
}

/** What is wrong with a deployment name (letters, digits, "-", "_" and "."; never a token). */
export function deploymentProblem(deployment: string): string | undefined {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(deployment))
    return '"deployment" must be a deployment name (letters, digits, "-", "_", ".")';
  if (redactSecrets(deployment) !== deployment) return '"deployment" must not contain a token or key';
  return undefined;
}

const IDENTITY_LABEL: Record<string, string> = {
  'default-credential':
    'what DefaultAzureCredential picks (environment service principal, Azure CLI, Azure Developer CLI)',
  vscode: 'the account signed in to VS Code',
};

/** What the user confirms before an agent's access check runs (VS Code: prepareInvocation's confirmation). */
export function accessConfirmation(endpoint: string, identity: string): { title: string; message: string } {
  return {
    title: 'Check Entra ID access?',
    message: [
      `Check whether **${IDENTITY_LABEL[identity] ?? identity}** can call \`${endpoint.trim().replace(/`/g, '')}\` with Microsoft Entra ID?`,
      '',
      'This calls Azure with your credentials: it finds the resource, reads the role assignments at its scope, gets a data-plane token and sends one cheap read request (no chat completion).',
      'It is read-only: it never assigns a role or changes anything.',
    ].join('\n'),
  };
}
