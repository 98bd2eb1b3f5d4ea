// explain(errorText): turns pasted error output (Python tracebacks, openai exceptions, .NET
// RequestFailedException, JS RestError, raw HTTP/curl responses) into one of the seed's scenarios
// with root cause and solution. Message patterns come from the facts file §6 (exact strings as
// observed); the HTTP status is only a fallback. Errors that are not about authentication (429,
// DNS failures, 5xx) get scenario null with a plain statement of what they are.
import { printable, redactSecrets } from './redact';
import type { Explanation } from './types';
import {
  SCENARIOS,
  SCENARIO_CAUSES,
  LEARN,
  ruleDocUrl,
  type Scenario,
  type ScenarioCause,
} from './knowledge/scenarios';
import type { ScenarioId } from './types';
import { matchDecember } from './explainDecember';
import { AGENTS_DATA_ACTION, roleForDataAction } from './knowledge/roles';

interface MessagePattern {
  scenario: ScenarioId;
  pattern: RegExp;
  /** Facts source of the message text. */
  source: string;
}

/** Most specific first: several messages share a status code (401/403/404). */
const MESSAGE_PATTERNS: MessagePattern[] = [
  {
    scenario: 'custom-subdomain-required',
    pattern: /provide a custom subdomain for token authentication/i,
    source: 'E5',
  },
  {
    scenario: 'key-auth-disabled',
    pattern: /AuthenticationTypeDisabled|Key based authentication is disabled/i,
    source: 'E7',
  },
  { scenario: 'public-access-disabled', pattern: /Public access is disabled/i, source: 'I15' },
  {
    scenario: 'network-denied',
    pattern:
      /Virtual Network\s*\/\s*Firewall rules|A Virtual Network is configured for this resource|ThrowExceptionDueToTrafficDenied/i,
    source: 'I14',
  },
  { scenario: 'invalid-key', pattern: /invalid subscription key|use a correct regional API endpoint/i, source: 'E6' },
  {
    scenario: 'deployment-not-found',
    pattern: /DeploymentNotFound|API deployment for this resource does not exist/i,
    source: 'I18',
  },
  {
    scenario: 'principal-lacks-permission',
    // "PermissionDenied" as an error code, not openai's PermissionDeniedError class (that one is any 403).
    pattern: /Principal does not have access to API\/Operation|\bPermissionDenied\b(?!Error)/i,
    source: 'D2',
  },
  {
    scenario: 'token-invalid-or-wrong-audience',
    pattern: /Access token is missing|audience is incorrect|Invalid auth token/i,
    source: 'D2',
  },
  {
    scenario: 'missing-credentials',
    // openai-python after 3.3.1 (update §1c): "Could not resolve authentication method. Expected either api_key, …"
    pattern: /Missing credentials\. Please pass one of|Missing credentials|Could not resolve authentication method/i,
    source: 'P1',
  },
  {
    scenario: 'missing-api-version',
    pattern:
      /Must provide either the [`']?api_version[`']? argument or the [`']?OPENAI_API_VERSION|OPENAI_API_VERSION environment variable is missing or empty/i,
    source: 'P1',
  },
  { scenario: 'not-found', pattern: /Resource not found/i, source: 'O13' },
];

const STATUS_PATTERNS: RegExp[] = [
  /Error code:\s*(\d{3})\b/i, // openai-python: "Error code: 401 - {...}"
  /\bStatus(?: code)?:?\s*(\d{3})\b/i, // .NET "Status: 401 (Unauthorized)", azure-core "Status code: 405", Java "Status code 401"
  /\bHTTP\/\d(?:\.\d)?\s+(\d{3})\b/i, // raw responses, curl -i
  /\bHTTP\s+(\d{3})\b/, // .NET "HTTP 401 (PermissionDenied)"
  /["']?status(?:Code|_code)?["']?\s*[:=]\s*(\d{3})\b/i, // JS RestError statusCode: 401, JSON bodies
  /(?:^|[\s(])(\d{3})\s+(?:\(?(?:Unauthorized|Forbidden|Not Found|Bad Request|Too Many Requests|PermissionDenied|Method Not Allowed)\b)/i,
  /^\s*(\d{3})\b/, // "401 ..." as pasted from the seed table
];

/** The HTTP status the text reports, if any. */
export function httpStatusOf(text: string): number | undefined {
  for (const pattern of STATUS_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      const status = Number(match[1]);
      if (status >= 100 && status <= 599) return status;
    }
  }
  return undefined;
}

/** Which kind of caller produced a 401 audience error: picks the matching row of the seed table. */
function callerOf(text: string): 'inference' | 'azure-openai' | 'rest' {
  if (/\bcurl\s|Invoke-RestMethod|Invoke-WebRequest|^[ \t]*(?:POST|GET) https?:\/\//im.test(text)) return 'rest';
  if (
    /azure[._\s-]ai[._\s-]inference|ai-inference|ChatCompletionsClient|EmbeddingsClient|ModelClient|services\.ai\.azure\.com\/models?\b/i.test(
      text,
    )
  ) {
    return 'inference';
  }
  if (
    /AzureOpenAI|openai\.(?:AuthenticationError|APIStatusError)|(?:site-packages|node_modules)[/\\]openai\b|Azure\.AI\.OpenAI|com\.azure\.ai\.openai|azure_endpoint/i.test(
      text,
    )
  ) {
    return 'azure-openai';
  }
  return 'rest';
}

const CALLER_ADVICE: Record<'inference' | 'azure-openai' | 'rest', string> = {
  inference:
    'You are using the Azure AI Inference SDK, which was retired on 2026-08-26 together with the /models API; its default scope https://ml.azure.com/.default is rejected by Azure OpenAI and Foundry endpoints. Move to the OpenAI client on the v1 API (base_url https://<resource>.openai.azure.com/openai/v1/, model="<deployment>") with a token provider for https://ai.azure.com/.default.',
  'azure-openai':
    'You are using the AzureOpenAI class: ensure that you are using an OpenAI model connected to the endpoint https://<resource>.openai.azure.com, with a token provider for https://cognitiveservices.azure.com/.default. For a model that is not from OpenAI, use the OpenAI client on …/openai/v1/ with model="<deployment>".',
  rest: 'You are calling the REST API: ensure the Authorization header contains "Bearer <token>" with a valid token for the scope https://cognitiveservices.azure.com/.default.',
};

function explanationOf(scenario: Scenario, extra?: { solutionPrefix?: string; rootCauseSuffix?: string }): Explanation {
  return {
    scenario: scenario.id,
    title: scenario.title,
    rootCause: extra?.rootCauseSuffix ? `${scenario.rootCause} ${extra.rootCauseSuffix}` : scenario.rootCause,
    solution: extra?.solutionPrefix ? `${extra.solutionPrefix} ${scenario.solution}` : scenario.solution,
    links: [...scenario.links],
  };
}

function tokenExplanation(text: string): Explanation {
  const scenario = SCENARIOS['token-invalid-or-wrong-audience'];
  const audiences = /audience is incorrect[ \t]*\(([^)\n]{0,2000})\)/i.exec(text)?.[1];
  const accepted = audiences
    ? audiences
        .split(/ +or +|, */)
        .map((a) => a.trim())
        .filter((a) => /^https?:\/\//.test(a))
        .map((a) => printable(redactSecrets(a.slice(0, 200)))) // echoed: pasted text may hold a key or escapes
    : [];
  const rootCauseSuffix = accepted.length
    ? `The service says it accepts tokens for: ${accepted.join(' or ')}.`
    : undefined;
  const caller = callerOf(text);
  // The scenario's own solution already starts with the REST advice.
  return explanationOf(scenario, {
    solutionPrefix: caller === 'rest' ? undefined : CALLER_ADVICE[caller],
    rootCauseSuffix,
  });
}

/** Only characters an object id, UPN or data action can hold, so nothing from pasted text reaches a shell unquoted. */
const shellSafe = (value: string) => value.replace(/[^A-Za-z0-9@._/*-]/g, '');

/** The detailed 401 (update §1e) names principal, data action and operation: the answer uses all three. */
function detailedPermissionExplanation(details: NonNullable<Explanation['details']>): Explanation {
  const scenario = SCENARIOS['principal-lacks-permission'];
  const action = details.dataAction ?? '';
  const role = roleForDataAction(action);
  const roleName = role.formerName ? `${role.name} (formerly ${role.formerName})` : role.name;
  const agents = /\/AIServices\/agents\//i.test(action);
  return {
    scenario: scenario.id,
    title: scenario.title,
    rootCause: `The token is valid, but the principal ${details.principal} lacks the data action ${action}, which ${details.operation} needs. Control-plane roles (Owner, Contributor, Cognitive Services Contributor) and Azure AI Developer carry no such data action.`,
    solution:
      `Assign ${roleName}, role id ${role.id}, to ${details.principal} on the Foundry resource itself (a grant on the project does not reach the account)${agents ? `, or a custom role with ${AGENTS_DATA_ACTION}; for hosted agents and evaluations the project's managed identity needs the role as well` : ''}. ` +
      `Wait at least 5 minutes before the next call. Next: run az role assignment create --assignee "${shellSafe(details.principal ?? '')}" --role ${role.id} --scope <resource id>, or "Check Entra ID access", which evaluates ${action} against the assignments.`,
    links: [...new Set([LEARN.foundryPermissions, LEARN.foundryRbac, ...scenario.links])],
    details: { ...details },
  };
}

/** A cause the text names: the scenario's title, the cause's root cause and solution, both sets of links. */
function causeExplanation(id: keyof typeof SCENARIO_CAUSES): Explanation {
  const cause: ScenarioCause = SCENARIO_CAUSES[id];
  const scenario = SCENARIOS[cause.scenario];
  return {
    scenario: scenario.id,
    title: scenario.title,
    rootCause: cause.rootCause,
    solution: cause.solution,
    links: [...new Set([...(cause.links ?? []), ...scenario.links])],
  };
}

function noScenario(title: string, rootCause: string, solution: string, links: string[] = []): Explanation {
  return { scenario: null, title, rootCause, solution, links };
}

const DNS_FAILURE =
  /ENOTFOUND|EAI_AGAIN|getaddrinfo|Name or service not known|NameResolutionError|nodename nor servname|No such host is known|Temporary failure in name resolution|Could not resolve host/i;
const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection refused|timed out|APIConnectionError|Connection error/i;

/** Classifies pasted error output into a seed scenario (or null, saying plainly what the error is). */
export function explain(errorText: string): Explanation {
  const text = (errorText ?? '').slice(0, 200_000);
  if (!text.trim()) {
    return noScenario(
      'Nothing to explain',
      'The error text is empty.',
      'Paste the full error output: the exception line, the HTTP status and the response body.',
    );
  }
  const december = matchDecember(text);
  if (december?.details) return detailedPermissionExplanation(december.details);
  if (december?.cause) return causeExplanation(december.cause);
  if (december) return explanationOf(SCENARIOS[december.scenario]);
  for (const { scenario, pattern } of MESSAGE_PATTERNS) {
    if (!pattern.test(text)) continue;
    if (scenario === 'token-invalid-or-wrong-audience') return tokenExplanation(text);
    return explanationOf(SCENARIOS[scenario]);
  }

  // Client-side errors that are not one of the scenarios but have a definite cause.
  if (/mutually exclusive|MutuallyExclusiveAuthError/i.test(text)) {
    return noScenario(
      'Client configuration error: arguments that exclude each other',
      'The client was given two things it accepts only one of: several credentials (api_key together with azure_ad_token / azure_ad_token_provider; JS apiKey with azureADTokenProvider), or both base_url and azure_endpoint. It fails before sending anything.',
      'Keep one credential (preferably azure_ad_token_provider / azureADTokenProvider) and one of base_url / azure_endpoint. Remember that AZURE_OPENAI_API_KEY in the environment also counts as a key.',
      [LEARN.openAiManagedIdentity, ruleDocUrl('mixed-credentials')],
    );
  }
  if (/AADSTS65002/.test(text)) {
    return noScenario(
      'AADSTS65002: the client application is not preauthorized for this resource',
      "Microsoft Entra ID refused to issue the token because the first-party client (for example VS Code's sign-in) is not preauthorized for the requested resource, as seen in sovereign clouds. The user cannot fix this consent gap.",
      'Get the token another way: Azure CLI (az login, then AzureCliCredential / DefaultAzureCredential), a managed identity, or a service principal.',
    );
  }
  if (/DefaultAzureCredential failed to retrieve a token|CredentialUnavailableError|AADSTS\d{5}/.test(text)) {
    return noScenario(
      'No token was obtained: the credential itself failed',
      'The error comes from Microsoft Entra ID sign-in (the credential chain), before any call to the Azure AI endpoint, so none of the endpoint scenarios apply yet.',
      "Sign in with the identity the app should use (az login --tenant <tenant>), or set AZURE_TENANT_ID / AZURE_CLIENT_ID for the intended identity; then retry and paste the endpoint's error if it still fails.",
      [LEARN.openAiManagedIdentity],
    );
  }

  const status = httpStatusOf(text);
  if (status === 401) {
    // A 401 without the PermissionDenied code is the authentication failure row of the seed table.
    return tokenExplanation(text);
  }
  if (status === 404) return explanationOf(SCENARIOS['not-found']);
  if (status === 429) {
    return noScenario(
      'HTTP 429: rate limited, not an authentication problem',
      "HTTP 429 Too Many Requests means the deployment's rate limit or quota (tokens or requests per minute) was exceeded. Authentication and permissions worked.",
      "Retry after the delay in the Retry-After header, lower the request rate, or raise the deployment's quota. This is not one of the Entra ID scenarios.",
    );
  }
  if (DNS_FAILURE.test(text)) {
    return noScenario(
      'DNS failure: the host name could not be resolved',
      "The endpoint's host name did not resolve, so no request reached Azure and authentication was never tried: usually a typo in the resource name or domain (the real host is <resource>.openai.azure.com, not <resource>.azure.openai.com), or a private DNS zone that this machine does not use.",
      "Check the endpoint against the resource's Keys and Endpoint page and resolve the host name (nslookup <host>). This is not one of the Entra ID scenarios.",
      [LEARN.endpoints],
    );
  }
  if (status === 403) {
    return noScenario(
      'HTTP 403 without a known message',
      'A 403 from Azure AI usually means network rules (firewall, virtual network, disabled public access) or key authentication disabled on the resource, but this text does not say which.',
      'Paste the response body too: it names the cause ("Access denied due to Virtual Network/Firewall rules", "Public access is disabled", "AuthenticationTypeDisabled").',
      [LEARN.cogsvcVnet, LEARN.foundryAuth],
    );
  }
  if (status !== undefined && status >= 500) {
    return noScenario(
      `HTTP ${status}: a service-side error, not an authentication problem`,
      'The service failed to handle the request; authentication is not the cause.',
      'Retry with backoff; if it persists, check Azure service health for the region. This is not one of the Entra ID scenarios.',
    );
  }
  if (CONNECTION_FAILURE.test(text)) {
    return noScenario(
      'Connection failure: no response from the service',
      'The request did not get an HTTP response (connection refused, reset or timed out), so authentication was never evaluated.',
      'Check the endpoint, proxies and network rules between this machine and the resource. This is not one of the Entra ID scenarios.',
    );
  }
  return noScenario(
    'No known Entra ID scenario matches this error',
    status !== undefined
      ? `The text reports HTTP ${status}, but none of the known Entra ID error messages.`
      : 'The text contains none of the known Entra ID error messages or an HTTP status.',
    'Paste the full error output (status and response body). The scenario reference lists the errors this tool recognises.',
  );
}
