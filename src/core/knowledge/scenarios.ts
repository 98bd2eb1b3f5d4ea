// Error scenarios as data: what explain() answers and what the panel's "scenario reference" lists.
// Titles, root causes and solutions use the words of the seed's troubleshooting table [D2] and of
// the facts file §6/§7; every entry names its sources so a changed fact is a one-line edit here.
import type { ScenarioId } from '../types';

/** Where this repository's docs live (rule pages are linked from findings, SARIF and explanations). */
export const DOCS_BASE_URL = 'https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor/blob/main/docs';
export const ruleDocUrl = (ruleId: string): string => `${DOCS_BASE_URL}/rules/${ruleId}.md`;

/** Microsoft Learn pages behind the facts' sources (article path -> Learn URL, see docs/knowledge.md). */
export const LEARN = {
  /** [D2][D13] configure Entra ID for Foundry Models, with the troubleshooting table. */
  configureEntraId: 'https://learn.microsoft.com/azure/ai-foundry/foundry-models/how-to/configure-entra-id',
  /** [D6] Azure OpenAI with Microsoft Entra ID (managed identity). */
  openAiManagedIdentity: 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/managed-identity',
  /** [D4] the v1 API and api-version lifecycle. */
  apiVersionLifecycle: 'https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle',
  /** [D3] Foundry Models endpoints. */
  endpoints: 'https://learn.microsoft.com/azure/ai-foundry/foundry-models/concepts/endpoints',
  /** [D7] custom subdomain names. */
  customSubdomains: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-custom-subdomains',
  /** [R1][R2] built-in roles for AI + machine learning. */
  builtInRoles: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/ai-machine-learning',
  /** [I16] the link the service itself puts in its VNet error. */
  cogsvcVnet: 'https://aka.ms/cogsvc-vnet',
  /** [D10] authentication and authorization in Foundry (disableLocalAuth, keys vs Entra). */
  foundryAuth: 'https://learn.microsoft.com/azure/ai-foundry/concepts/authentication-authorization-foundry',
  /** Update §1e: the link the detailed 401 itself carries. */
  foundryPermissions: 'https://aka.ms/FoundryPermissions',
  /** Update §1d: Foundry RBAC (rbac-foundry.md 12/31/2025). */
  foundryRbac: 'https://learn.microsoft.com/azure/foundry/concepts/rbac-foundry',
  /** Update §1a: "Troubleshoot common HTTP errors" (09/20/2026). */
  troubleshootErrors: 'https://learn.microsoft.com/azure/foundry/openai/how-to/troubleshoot-errors',
  /** [D11] migrating from the model inference SDK to the OpenAI client. */
  inferenceMigration: 'https://learn.microsoft.com/azure/ai-foundry/how-to/model-inference-to-openai-migration',
} as const;

export interface Scenario {
  id: ScenarioId;
  title: string;
  rootCause: string;
  solution: string;
  links: string[];
  /** Facts-file source keys this entry rests on. */
  sources: string[];
}

const ROLE_FIX =
  'Assign the role Cognitive Services User (or Azure AI User / Foundry User, role id 53ca6127-db72-4b80-b1b0-d745d6d5456d) to your principal on the Azure AI Services resource itself (a grant on a project does not reach the account). ' +
  "Cognitive Services OpenAI User grants only access to OpenAI models; Owner, Contributor and Cognitive Services Contributor don't provide access via Microsoft Entra ID. " +
  'Wait at least 5 minutes before making the first call. If the role is there, check which identity DefaultAzureCredential really used (az login --tenant <tenant>, AZURE_TENANT_ID, AZURE_CLIENT_ID). ' +
  'Next: run az role assignment create --assignee <principal> --role a97b65f3-24c7-4388-baec-2e87135dc908 --scope <resource id> (or "Check Entra ID access", which reads the assignments and offers the fix).';

export const SCENARIOS: Record<ScenarioId, Scenario> = {
  'principal-lacks-permission': {
    id: 'principal-lacks-permission',
    title: '401 PermissionDenied: the principal does not have access to API/Operation',
    rootCause:
      "The request indicates authentication in the correct way (the token and its audience are fine), however, the user principal doesn't have the required permissions (data actions) to use the inference endpoint.",
    solution: ROLE_FIX,
    links: [LEARN.configureEntraId, LEARN.builtInRoles, ruleDocUrl('mixed-credentials')],
    sources: ['D2', 'D6', 'I10', 'I11', 'O8', 'O10', 'R1', 'R4'],
  },
  'token-invalid-or-wrong-audience': {
    id: 'token-invalid-or-wrong-audience',
    title: '401 Unauthorized: access token is missing, invalid, has the wrong audience, or has expired',
    rootCause:
      'The request is failing to perform authentication with Entra ID: no token, an expired token, a token for another audience (for example the azure-ai-inference SDK default https://ml.azure.com/.default, or a management-plane token), or a key sent as a Bearer token.',
    solution:
      'Ensure the Authorization header contains a valid token with the scope https://cognitiveservices.azure.com/.default or https://ai.azure.com/.default (account endpoints accept both; the v1 API docs use ai.azure.com; Foundry project endpoints /api/projects/… accept only https://ai.azure.com/.default, https://ai.azure.us/.default in US Government). ' +
      'The Azure AI Inference SDK (retired on 2026-08-26) defaults to https://ml.azure.com/.default: move to the OpenAI client on …/openai/v1/ with a token provider. ' +
      'Pass a token provider (get_bearer_token_provider / getBearerTokenProvider) rather than a static token, so it is refreshed. Next: decode the token your code sends and compare its aud claim with the audience the 401 names; az account get-access-token --scope https://ai.azure.com/.default gets one for the right audience.',
    links: [
      LEARN.configureEntraId,
      LEARN.openAiManagedIdentity,
      ruleDocUrl('token-scope'),
      ruleDocUrl('inference-default-scope'),
    ],
    sources: ['D2', 'D1a', 'I5', 'I12', 'I13', 'I4', 'O11', 'N2'],
  },
  'not-found': {
    id: 'not-found',
    title: '404 Not found: the endpoint URL does not fit the SDK you are using',
    rootCause:
      "The endpoint URL is incorrect based on the SDK you are using (or the api-version is missing or wrong), or the model deployment doesn't exist. A common case: AzureOpenAI pointed at the v1 base URL /openai/v1/, which makes it add /deployments/<model> to the path.",
    solution:
      'Ensure you are using the right client for the endpoint. Preferred: the plain OpenAI client on the v1 API, base_url https://<resource>.openai.azure.com/openai/v1/ (or a project\'s https://<resource>.services.ai.azure.com/api/projects/<project>/openai/v1) with model="<model-deployment-name>" and no api_version. ' +
      'With the AzureOpenAI class use https://<resource>.openai.azure.com and an api_version. The Model Inference API (…/models) was retired on 2026-08-26. Next: run "Scan Workspace" (or azure-ai-auth-doctor scan) to find the client and URL that do not fit, and list the deployments with az cognitiveservices account deployment list -n <resource> -g <group>.',
    links: [
      LEARN.configureEntraId,
      LEARN.apiVersionLifecycle,
      LEARN.endpoints,
      ruleDocUrl('openai-class-endpoint'),
      ruleDocUrl('inference-endpoint'),
    ],
    sources: ['D2', 'D4', 'I17', 'I20', 'O13'],
  },
  'deployment-not-found': {
    id: 'deployment-not-found',
    title: '404 DeploymentNotFound: the API deployment for this resource does not exist',
    rootCause:
      'The deployment name in the URL or in model= does not exist on this resource: usually the model name (gpt-4o) was used instead of the deployment name, a typo, or the deployment was created less than 5 minutes ago.',
    solution:
      'Use the deployment name shown under Deployments for the resource (azure_deployment= / deployment / model="<model-deployment-name>"), not the model name. If you created the deployment within the last 5 minutes, wait and try again. Next: run az cognitiveservices account deployment list -n <resource> -g <group> -o table and use a value of its Name column.',
    links: [LEARN.configureEntraId, ruleDocUrl('missing-model')],
    sources: ['I18', 'I19', 'D2'],
  },
  'custom-subdomain-required': {
    id: 'custom-subdomain-required',
    title: '400 BadRequest: a custom subdomain is required for token authentication',
    rootCause:
      "Microsoft Entra ID authentication needs the resource's custom subdomain endpoint (https://<resource>.openai.azure.com or https://<resource>.cognitiveservices.azure.com). The call went to a regional endpoint (https://<region>.api.cognitive.microsoft.com) or to a resource created without a custom subdomain. The service answers 400, not 401.",
    solution:
      "Call the resource's custom-subdomain endpoint. If the resource has none, create a custom subdomain for it (this cannot be undone), or use an API key. Next: run az cognitiveservices account update -n <resource> -g <group> --custom-domain <subdomain>, then call https://<subdomain>.cognitiveservices.azure.com.",
    links: [LEARN.customSubdomains, ruleDocUrl('regional-endpoint-entra')],
    sources: ['E5', 'D7', 'D6'],
  },
  'network-denied': {
    id: 'network-denied',
    title: '403: access denied due to Virtual Network/Firewall rules',
    rootCause:
      "The resource's network rules (networkAcls with defaultAction Deny, an ipRules allow-list, or a virtual network) do not admit the caller's IP address, or a VNet-configured resource was called on a regional / non-subdomain endpoint. Authentication is not the problem.",
    solution:
      "Add the caller's public IP or virtual network to the resource's Networking settings (or call from inside the allowed network), and call the resource's custom-subdomain endpoint. Next: run az cognitiveservices account network-rule add -n <resource> -g <group> --ip-address <your public IP>.",
    links: [LEARN.cogsvcVnet, LEARN.customSubdomains],
    sources: ['I14', 'I16'],
  },
  'public-access-disabled': {
    id: 'public-access-disabled',
    title: '403: public access is disabled; use a private endpoint',
    rootCause:
      "The resource has publicNetworkAccess=Disabled and the request did not arrive through a private endpoint. Over a VPN the usual cause is DNS resolving the resource's host name to its public IP instead of the private endpoint.",
    solution:
      'Call from a network that reaches the private endpoint and check that the host name resolves to the private IP (private DNS zone privatelink.openai.azure.com / privatelink.cognitiveservices.azure.com), or enable public network access for selected networks. Next: run nslookup <resource>.openai.azure.com on the calling machine; it must answer a private IP.',
    links: [LEARN.cogsvcVnet],
    sources: ['I15'],
  },
  'key-auth-disabled': {
    id: 'key-auth-disabled',
    title: '403 AuthenticationTypeDisabled: key based authentication is disabled for this resource',
    rootCause:
      'An API key was sent to a resource with disableLocalAuth=true (often forced by Azure Policy). The code took the key path even if the configuration suggests Entra ID.',
    solution:
      'Authenticate with Microsoft Entra ID: pass a token provider (azure_ad_token_provider= / azureADTokenProvider, or a TokenCredential) and remove the api_key / AZURE_OPENAI_API_KEY so no key is sent. Re-enabling keys is often blocked by policy. Next: replace api_key=… with a token provider and unset AZURE_OPENAI_API_KEY in the environment the code runs in.',
    links: [
      LEARN.foundryAuth,
      LEARN.openAiManagedIdentity,
      ruleDocUrl('mixed-credentials'),
      ruleDocUrl('hardcoded-key'),
    ],
    sources: ['E7', 'O12', 'I22'],
  },
  'invalid-key': {
    id: 'invalid-key',
    title: '401: invalid subscription key or wrong API endpoint',
    rootCause:
      'The API key is wrong, belongs to another resource, or the endpoint is not the one the key was issued for.',
    solution:
      'Use a key of this resource together with its own endpoint, or better switch to Microsoft Entra ID (a token provider with the scope https://cognitiveservices.azure.com/.default) so no key is needed. Next: run az cognitiveservices account keys list -n <resource> -g <group> and compare with the key the code sends.',
    links: [LEARN.openAiManagedIdentity, ruleDocUrl('hardcoded-key')],
    sources: ['E6'],
  },
  'missing-credentials': {
    id: 'missing-credentials',
    title: 'Missing credentials: the client was built without any credential',
    rootCause:
      'The client found no credential: none of api_key, azure_ad_token, azure_ad_token_provider was passed, and neither AZURE_OPENAI_API_KEY nor AZURE_OPENAI_AD_TOKEN is set in the environment the code runs in.',
    solution:
      'Pass azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default") (JS: azureADTokenProvider: getBearerTokenProvider(...)), or make sure the environment variables from your .env file are really loaded. Next: add the token provider to the client construction the traceback points at.',
    links: [LEARN.openAiManagedIdentity, ruleDocUrl('token-passed-as-api-key')],
    sources: ['P1', 'N1', 'P4'],
  },
  'missing-api-version': {
    id: 'missing-api-version',
    title: 'Missing api_version: AzureOpenAI needs an API version',
    rootCause:
      'The AzureOpenAI client requires api_version (or the OPENAI_API_VERSION environment variable) and raises before sending anything when it is missing. Only the v1 API (https://<resource>.openai.azure.com/openai/v1/ with the plain OpenAI client) works without an api-version.',
    solution:
      'Pass api_version="<YYYY-MM-DD>" (JS apiVersion) to AzureOpenAI or set OPENAI_API_VERSION; or move to the v1 API: OpenAI(base_url="https://<resource>.openai.azure.com/openai/v1/", api_key=token_provider) without api_version. Next: change the client construction the traceback points at (preferred: the v1 API).',
    links: [LEARN.apiVersionLifecycle, ruleDocUrl('missing-api-version')],
    sources: ['P1', 'N1', 'D4'],
  },
  'tenant-mismatch': {
    id: 'tenant-mismatch',
    title: '400: the token tenant does not match the resource tenant',
    rootCause:
      'The token was issued by another Microsoft Entra tenant than the one the Azure AI resource belongs to ("Token tenant <tid> does not match resource tenant."). Usually az, azd and the service principal are signed in to different tenants, and DefaultAzureCredential picked the wrong one.',
    solution:
      "Get the token from the resource's tenant. Next: run az account show --query tenantId and compare it with the resource's tenant (az account show -s <subscription of the resource>); then az login --tenant <resource tenant> (azd auth login --tenant-id <tenant>), or set AZURE_TENANT_ID for a service principal.",
    links: [LEARN.openAiManagedIdentity, LEARN.troubleshootErrors],
    sources: ['update §1e', 'update §2.6', 'Azure/azure-dev#5974', 'promptfoo/promptfoo#10298'],
  },
  'sdk-api-changed': {
    id: 'sdk-api-changed',
    title: 'The installed SDK removed or changed this API',
    rootCause:
      'The code was written for an older azure-ai-projects: in 2.x get_openai_client() returns openai.OpenAI, which takes no api_version (TypeError "unexpected keyword argument \'api_version\'"); AIProjectClient.from_connection_string was removed in 1.0.0b11 (hub projects and connection strings are gone); .inference.get_azure_openai_client() became .get_openai_client() in 1.0.0; JS getAzureOpenAIClient was removed in @azure/ai-projects 2.0.0.',
    solution:
      'Next: change the call the traceback points at: drop api_version from get_openai_client(); build AIProjectClient(endpoint="https://<account>.services.ai.azure.com/api/projects/<project>", credential=DefaultAzureCredential()) instead of from_connection_string; call project.get_openai_client() (JS getOpenAIClient()). Run pip show azure-ai-projects (npm ls @azure/ai-projects, dotnet list package) to see which version is installed.',
    links: [ruleDocUrl('projects-sdk-api')],
    sources: ['update §5', 'update §1c', 'py#44218', 'Azure/azureml-examples#4072', 'js#37406', 'js#34415'],
  },
  'async-token-provider': {
    id: 'async-token-provider',
    title: "A sync token provider in an async client (object str can't be used in 'await' expression)",
    rootCause:
      'AsyncOpenAI / AsyncAzureOpenAI await the token provider, but it came from the synchronous azure.identity.get_bearer_token_provider (returning a str), or a sync credential was used: it fails with a TypeError, or blocks the event loop on every token refresh.',
    solution:
      'Next: import DefaultAzureCredential and get_bearer_token_provider from azure.identity.aio (not azure.identity) where the async client is built, and close the async credential when done.',
    links: [ruleDocUrl('async-token-provider'), LEARN.openAiManagedIdentity],
    sources: ['update §1e', 'update §2.7', 'microsoft/openaivec#165'],
  },
  'resource-blocked': {
    id: 'resource-blocked',
    title: '403: the resource has been temporarily blocked',
    rootCause:
      'The service suspended the resource (abuse monitoring), so every call is refused whatever the credential: "resource has been temporarily blocked". Authentication and roles are not the cause.',
    solution:
      'Do not change credentials or roles. Next: open the resource in the Azure portal (Resource health, Activity log) and file an Azure support request to have it reviewed and unblocked.',
    links: [LEARN.troubleshootErrors],
    sources: ['update §1a', 'update §1e'],
  },
};

/**
 * Answers for one cause inside a scenario, when the error text names it (explainDecember.ts picks them): the
 * scenario keeps its title and links, the root cause and solution become these.
 */
export interface ScenarioCause {
  scenario: ScenarioId;
  rootCause: string;
  solution: string;
  links?: string[];
  sources: string[];
}

export const SCENARIO_CAUSES = {
  /** Update §1c: Azure.AI.Projects 2.0.0 GA (adopted 2026-04-02) renamed AgentsClient. */
  dotnetAgentsClientRenamed: {
    scenario: 'sdk-api-changed',
    rootCause: 'Azure.AI.Projects 2.0.0 (.NET) renamed AgentsClient to AgentAdministrationClient.',
    solution:
      'Next: rename AgentsClient to AgentAdministrationClient, or pin Azure.AI.Projects below 2.0.0; dotnet list package shows the installed version.',
    sources: ['update §1c', 'agent-framework PR #5060', 'Azure.AI.Projects CHANGELOG'],
  },
  /** Update §5: the JS factory went the way of the Python one. */
  jsFromConnectionStringRemoved: {
    scenario: 'sdk-api-changed',
    rootCause:
      '@azure/ai-projects no longer has AIProjectClient.fromConnectionString: connection strings and hub projects are discontinued.',
    solution:
      'Next: new AIProjectClient("https://<account>.services.ai.azure.com/api/projects/<project>", new DefaultAzureCredential()).',
    sources: ['update §5', 'js#34415'],
  },
  /** Update §1c: openai-python 3.0.0 (2026-08-12) defaults to HTTPX2 and no longer installs httpx. */
  openaiPython3WithoutHttpx: {
    scenario: 'sdk-api-changed',
    rootCause:
      'openai-python 3.0.0 (2026-08-12) no longer installs httpx, so code passing http_client=httpx.Client(...) fails. Not an authentication problem.',
    solution:
      'Next: run pip show openai; on 3.x migrate the http_client as its CHANGELOG (3.0.0) says, or pin openai<3.0.0 until then.',
    sources: ['update §1c', 'openai-python CHANGELOG'],
  },
  /** Update §2.9, §1e, §1d: the evaluation SDK's model_config has no credential or token-provider slot. */
  evaluationNeedsKey: {
    scenario: 'missing-credentials',
    rootCause:
      'Foundry evaluators read the key from model_config, which has no credential or token-provider slot, so with Entra ID only no key is sent.',
    solution:
      "Next: put api_key in the evaluator's model_config (from a secret store); for evaluations in the project, give the project's managed identity Foundry User on the Foundry resource.",
    links: [LEARN.foundryRbac],
    sources: ['update §2.9', 'py#42430', 'py#40699'],
  },
} as const satisfies Record<string, ScenarioCause>;

/** One row of the seed's troubleshooting table [D2], verbatim, with the scenario explain() maps it to. */
export interface SeedScenarioRow {
  error: string;
  rootCause: string;
  solution: string;
  /** null for the "You're using an SDK" row: it is advice, not an error. */
  scenario: ScenarioId | null;
  source: string;
}

export const SEED_SCENARIOS: readonly SeedScenarioRow[] = [
  {
    error: "You're using an SDK.",
    rootCause: 'Known issues.',
    solution:
      "Before making further troubleshooting, it's advisable to install the latest version of the software you are using to connect to the service. Authentication bugs may have been fixed in a newer version of the software you're using.",
    scenario: null,
    source: 'D2',
  },
  {
    error: '401 Principal does not have access to API/Operation',
    rootCause:
      "The request indicates authentication in the correct way, however, the user principal doesn't have the required permissions to use the inference endpoint.",
    solution:
      "Ensure you have: 1. Assigned the role Cognitive Services User to your principal to the Azure AI Services resource. Notice that Cognitive Services OpenAI User grants only access to OpenAI models. Owner or Contributor don't provide access either. 2. Wait at least 5 minutes before making the first call.",
    scenario: 'principal-lacks-permission',
    source: 'D2',
  },
  {
    error: '401 HTTP/1.1 401 PermissionDenied',
    rootCause:
      "The request indicates authentication in the correct way, however, the user principal doesn't have the required permissions to use the inference endpoint.",
    solution:
      "Assigned the role Cognitive Services User to your principal in the Azure AI Services resource. Roles like Administrator or Contributor don't grand inference access. Wait at least 5 minutes before making the first call.",
    scenario: 'principal-lacks-permission',
    source: 'D2',
  },
  {
    error:
      "You're using REST API calls and you get 401 Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.",
    rootCause: 'The request is failing to perform authentication with Entra ID.',
    solution:
      'Ensure the Authentication header contains a valid token with a scope https://cognitiveservices.azure.com/.default.',
    scenario: 'token-invalid-or-wrong-audience',
    source: 'D2',
  },
  {
    error:
      "You're using AzureOpenAI class and you get 401 Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.",
    rootCause: 'The request is failing to perform authentication with Entra ID.',
    solution:
      "Ensure that you are using an OpenAI model connected to the endpoint https://<resource>.openai.azure.com. You can't use OpenAI class or a Models-as-a-Service model. If your model is not from OpenAI, use the Azure AI Inference SDK.",
    scenario: 'token-invalid-or-wrong-audience',
    source: 'D2',
  },
  {
    error:
      "You're using the Azure AI Inference SDK and you get 401 Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.",
    rootCause: 'The request is failing to perform authentication with Entra ID.',
    solution:
      "Ensure you're connected to the endpoint https://<resource>.services.ai.azure.com/model and that you indicated the right scope for Entra ID (https://cognitiveservices.azure.com/.default).",
    scenario: 'token-invalid-or-wrong-audience',
    source: 'D2',
  },
  {
    error: '404 Not found',
    rootCause: "The endpoint URL is incorrect based on the SDK you are using, or the model deployment doesn't exist.",
    solution:
      'Ensure you are using the right SDK connected to the right endpoint: 1. If you are using the Azure AI inference SDK, ensure the endpoint is https://<resource>.services.ai.azure.com/model with model="<model-deployment-name>" in the payloads, or endpoint is https://<resource>.openai.azure.com/deployments/<model-deployment-name>. If you are using the AzureOpenAI class, ensure the endpoint is https://<resource>.openai.azure.com.',
    scenario: 'not-found',
    source: 'D2',
  },
];
