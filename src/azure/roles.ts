// Azure RBAC data-action evaluation, pure (no SDK, no vscode): which data action a call needs
// (facts §4 "Which dataAction a chat call needs"), Azure's wildcard matching (case-insensitive,
// `*` matches any run of characters including `/`), and the seed's words for why a role does not
// grant it. Role definitions are read at runtime; the GUIDs below only name well-known roles.
import type { EndpointInfo } from '../core/types';
import { ROLE_IDS } from '../core/knowledge/roles';

/** Built-in role GUIDs (facts §4; update §1d): one table in core, matched by GUID because names change. */
export { ROLE_IDS };

/** Control-plane roles the seed names as giving no Entra data access (facts §4, [D2]). */
const CONTROL_PLANE_ONLY = new Set<string>([
  ROLE_IDS.owner,
  ROLE_IDS.contributor,
  ROLE_IDS.cognitiveServicesContributor,
  ROLE_IDS.azureAIAccountOwner,
  ROLE_IDS.reader,
]);

export const DATA_ACTIONS = {
  /** OpenAI models: /openai/deployments/<d>/chat/completions and, by convention, /openai/v1 (facts §4 [R1]). */
  openAIChat: 'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
  /** Non-OpenAI Foundry models on /models (covered by MaaS/* [D13]; the exact op is Obs. [O9]). */
  maasChat: 'Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action',
  /** Foundry project data plane, reads: GET /api/projects/{p}/assistants (update §1e, the detailed 401). */
  aiServices: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
  /** Foundry project data plane, writes: POST /api/projects/{p}/openai/* and POST …/assistants (update §1e). */
  agentsWrite: 'Microsoft.CognitiveServices/accounts/AIServices/agents/write',
} as const;

export interface PermissionSet {
  dataActions?: string[];
  notDataActions?: string[];
}

const patternCache = new Map<string, RegExp>();

/** Azure wildcard match: case-insensitive, `*` matches any characters (across `/` segments too). */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    if (patternCache.size < 2000) patternCache.set(pattern, re);
  }
  return re.test(action);
}

/** True when one permission block grants the action: some dataAction matches and no notDataAction does. */
export function permissionGrants(permission: PermissionSet, action: string): boolean {
  const allowed = (permission.dataActions ?? []).some((p) => actionMatches(p, action));
  return allowed && !(permission.notDataActions ?? []).some((p) => actionMatches(p, action));
}

/** A role grants the action when any of its permission blocks does. */
export function roleGrants(permissions: PermissionSet[], action: string): boolean {
  return permissions.some((p) => permissionGrants(p, action));
}

export interface RequiredAction {
  action: string;
  /** What the call is, for the report ("chat completions on an OpenAI model", ...). */
  label: string;
  /** The deployment the decision rests on, when one was known. */
  deployment?: string;
  modelFormat?: string;
}

/**
 * The data action a chat call on this endpoint needs. `deployment` is the deployment the code calls
 * (from the URL, or given); `deployments` are the resource's, used to read the model format.
 */
export function requiredDataAction(
  info: EndpointInfo,
  deployments: { name: string; format: string }[],
  deployment?: string,
  /** The data action the service itself named (the detailed 401): it wins over the inference from the URL. */
  named?: string,
): RequiredAction {
  const name = deployment ?? info.deployment;
  const known = name ? deployments.find((d) => d.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (named) return { action: named, label: 'the data action the service named in its 401', deployment: known?.name };
  if (info.kind === 'foundry-project')
    return { action: DATA_ACTIONS.aiServices, label: 'Foundry project data plane (agents, read)' };
  if (info.kind === 'project-openai-v1')
    return {
      action: DATA_ACTIONS.agentsWrite,
      label: "calls on the project's OpenAI surface (POST /api/projects/<p>/openai/*)",
      deployment: known?.name ?? name,
    };
  if (info.kind === 'model-inference' || info.kind === 'openai-v1') {
    const format = known?.format ?? (name ? undefined : deployments.find((d) => d.format !== 'OpenAI')?.format);
    if (format && format.toLowerCase() !== 'openai') {
      return {
        action: DATA_ACTIONS.maasChat,
        label: `chat completions on a non-OpenAI model (${known ? `${known.name}, format ${format}` : `the resource has ${format} deployments`})`,
        deployment: known?.name,
        modelFormat: format,
      };
    }
    return {
      action: DATA_ACTIONS.openAIChat,
      label: 'chat completions on an OpenAI model',
      deployment: known?.name ?? name,
      modelFormat: known?.format,
    };
  }
  return {
    action: DATA_ACTIONS.openAIChat,
    label: 'chat completions on an OpenAI model',
    deployment: known?.name ?? name,
    modelFormat: known?.format,
  };
}

/** Why a role that does not grant `action` falls short, in the seed's words. */
export function whyNotGranted(
  roleGuid: string,
  roleName: string,
  permissions: PermissionSet[],
  action: string,
): string {
  const guid = roleGuid.toLowerCase();
  const hasData = permissions.some((p) => (p.dataActions ?? []).length > 0);
  if (CONTROL_PLANE_ONLY.has(guid) || !hasData) {
    return `${roleName} carries no data actions: roles like Owner or Contributor don't provide access via Microsoft Entra ID.`;
  }
  if (
    guid === ROLE_IDS.cognitiveServicesOpenAIUser ||
    guid === ROLE_IDS.cognitiveServicesOpenAIContributor ||
    guid === ROLE_IDS.azureAIDeveloper
  ) {
    if (actionMatches('Microsoft.CognitiveServices/accounts/AIServices/agents/*', action)) {
      return `${roleName} has no Foundry agents data action (Microsoft.CognitiveServices/accounts/AIServices/agents/*): this call needs ${action}; Foundry User (formerly Azure AI User) on the Foundry resource grants it.`;
    }
    if (actionMatches('Microsoft.CognitiveServices/accounts/MaaS/*', action)) {
      return `${roleName} grants only access to OpenAI models; this call needs ${action} (covered by Microsoft.CognitiveServices/accounts/MaaS/* or Cognitive Services User).`;
    }
  }
  const denied = permissions.some((p) => (p.notDataActions ?? []).some((n) => actionMatches(n, action)));
  if (denied) return `${roleName} excludes ${action} (notDataActions).`;
  return `${roleName} has data actions, but none matches ${action}.`;
}
