// The result of "Check Entra ID access": one typed report that feeds the panel, the log and the
// Markdown summary. Plain data (no vscode, no SDK types) so it crosses the webview boundary as is.
import type { EndpointInfo, ExplanationDetails, ScenarioId } from './types';

export type StepId = 'identity' | 'resource' | 'roles' | 'token' | 'probe';
export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'warning' | 'skipped' | 'unknown';

export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  /** One sentence a person reads first. */
  summary: string;
  details: string[];
}

export interface IdentityInfo {
  /** Whose access: the VS Code account, what DefaultAzureCredential picks, or an object id typed in. */
  kind: 'vscode' | 'default-credential' | 'object-id';
  /** Which credential answered, e.g. "AzureCliCredential" or "VS Code (microsoft)". */
  source: string;
  displayName?: string;
  userPrincipalName?: string;
  appId?: string;
  objectId?: string;
  tenantId?: string;
  principalType?: 'User' | 'ServicePrincipal' | 'Group' | 'Unknown';
}

export interface DeploymentInfo {
  name: string;
  model: string;
  format: string;
  version?: string;
}

export interface ResourceInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  kind: string;
  location: string;
  endpoint?: string;
  customSubDomainName?: string;
  disableLocalAuth?: boolean;
  publicNetworkAccess?: string;
  networkAcls?: { defaultAction?: string; ipRules: string[]; virtualNetworkRules: number };
  deployments: DeploymentInfo[];
  /** Tenant the resource's subscription belongs to (for portal links and role assignment). */
  tenantId?: string;
}

export interface RoleAssignmentInfo {
  id: string;
  roleName: string;
  roleDefinitionId: string;
  scope: string;
  principalId: string;
  principalType?: string;
  /** Assigned above the resource (resource group, subscription, management group). */
  inherited: boolean;
  /** Assigned to a group the identity belongs to. */
  viaGroup: boolean;
  createdOn?: string;
  ageMinutes?: number;
  condition?: string;
  dataActions: string[];
  notDataActions: string[];
  /** Whether this assignment grants the data action the call needs. */
  grantsRequired: boolean;
  /** Why it does or does not, in the seed's words. */
  note: string;
}

export interface TokenInfo {
  scope: string;
  audience?: string;
  tenantId?: string;
  objectId?: string;
  expiresOn?: string;
  /** Set when the code asks for another scope than the endpoint accepts. */
  mismatch?: string;
  /** Set when the token's tid is not the resource's tenant. */
  tenantMismatch?: string;
}

export interface ProbeInfo {
  url: string;
  status?: number;
  scenario: ScenarioId | null;
  message: string;
  /** What the service's error named (the detailed 401: principal, data action, operation). */
  details?: ExplanationDetails;
}

export type VerdictStatus = 'ok' | 'problem' | 'incomplete';

export interface Verdict {
  status: VerdictStatus;
  scenario?: ScenarioId;
  title: string;
  explanation: string;
}

export type FixActionKind = 'assign-role' | 'copy-cli' | 'open-iam' | 'change-scope' | 'change-endpoint' | 'wait';

export interface FixAction {
  kind: FixActionKind;
  title: string;
  detail?: string;
  /** az CLI command for copy-cli. */
  cliCommand?: string;
  /** Portal deep link for open-iam. */
  url?: string;
}

export type ChecklistStatus = 'passed' | 'failed' | 'unknown';

/** The seed's five manual steps, with the state the check established for each. */
export interface ChecklistItem {
  step: 1 | 2 | 3 | 4 | 5;
  title: string;
  status: ChecklistStatus;
  reason: string;
}

export interface AccessReport {
  endpoint: string;
  endpointInfo?: EndpointInfo;
  startedAt: string;
  finishedAt?: string;
  steps: StepResult[];
  identity?: IdentityInfo;
  resource?: ResourceInfo;
  /** The data action the call needs, e.g. Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action. */
  requiredDataAction?: string;
  assignments: RoleAssignmentInfo[];
  denyAssignments: string[];
  token?: TokenInfo;
  probe?: ProbeInfo;
  verdict: Verdict;
  fixes: FixAction[];
  checklist: ChecklistItem[];
  /** Things to do beyond the verdict (the project's managed identity needs a role too, ...). */
  notes?: string[];
  /** What could not be checked (403, failed tenants...): the report is partial when non-empty. */
  gaps: string[];
  /** How long the check took and how many HTTP requests it sent (every attempt, ARM and data plane). */
  stats?: { durationMs: number; requests: number; subscriptionsSearched: number; accountsScanned: number };
}
