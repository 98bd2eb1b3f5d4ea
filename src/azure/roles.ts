// Azure RBAC data-action evaluation, pure (no SDK, no vscode): which data action a call needs
// (facts §4 "Which dataAction a chat call needs"), Azure's wildcard matching (case-insensitive,
// `*` matches any run of characters including `/`), and the seed's words for why a role does not
// grant it. Role definitions are read at runtime; the GUIDs below only name well-known roles.
import type { EndpointInfo } from '../core/types';

/** Built-in role GUIDs (facts §4; match by GUID, names change). */
export const ROLE_IDS = {
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  cognitiveServicesOpenAIContributor: 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  cognitiveServicesContributor: '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68',
  azureAIDeveloper: '64702f94-c441-49e6-a78b-ef80e0188fee',
  azureAIUser: '53ca6127-db72-4b80-b1b0-d745d6d5456d',
  azureAIAccountOwner: 'e47c6f54-e4a2-4754-9501-8e0985b135e1',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
} as const;

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
  /** Foundry project data plane (agents...): first-party AIServices operations (Obs. [O7]). */
  aiServices: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
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
): RequiredAction {
  const name = deployment ?? info.deployment;
  const known = name ? deployments.find((d) => d.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (info.kind === 'foundry-project')
    return { action: DATA_ACTIONS.aiServices, label: 'Foundry project data plane (agents)' };
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
    if (actionMatches('Microsoft.CognitiveServices/accounts/MaaS/*', action)) {
      return `${roleName} grants only access to OpenAI models; this call needs ${action} (covered by Microsoft.CognitiveServices/accounts/MaaS/* or Cognitive Services User).`;
    }
  }
  const denied = permissions.some((p) => (p.notDataActions ?? []).some((n) => actionMatches(n, action)));
  if (denied) return `${roleName} excludes ${action} (notDataActions).`;
  return `${roleName} has data actions, but none matches ${action}.`;
}
