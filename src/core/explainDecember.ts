// Error strings new by December 2026 (update §1e, §2), kept apart from explain.ts so its generic patterns
// stay as they are: the detailed 401 that names the principal, the data action and the operation (parsed
// into details), the 400 tenant mismatch, projects-SDK API changes, a sync token provider in an async
// client, and the 403 abuse block; some name one cause of a scenario (SCENARIO_CAUSES), whose answer then
// replaces the scenario's general one. Every regex here is linear: fixed literals, bounded character classes.
import type { ExplanationDetails, ScenarioId } from './types';
import { SCENARIO_CAUSES } from './knowledge/scenarios';

type CauseId = keyof typeof SCENARIO_CAUSES;

export interface DecemberMatch {
  scenario: ScenarioId;
  details?: ExplanationDetails;
  /** The cause the text names, when it names one (its answer is more precise than the scenario's). */
  cause?: CauseId;
}

/** Error strings that name one cause; tried before the scenario patterns below. */
const CAUSE_PATTERNS: Array<{ cause: CauseId; pattern: RegExp }> = [
  {
    // CS0246: The type or namespace name 'AgentsClient' could not be found (Azure.AI.Projects 2.0.0)
    cause: 'dotnetAgentsClientRenamed',
    pattern: /type or namespace name '?AgentsClient'? could not be found/i,
  },
  {
    // TypeError: AIProjectClient.fromConnectionString is not a function (@azure/ai-projects, js#34415)
    cause: 'jsFromConnectionStringRemoved',
    pattern: /fromConnectionString is not a function/i,
  },
  {
    // ModuleNotFoundError: No module named 'httpx' (openai-python 3.0.0 no longer installs it)
    cause: 'openaiPython3WithoutHttpx',
    pattern: /No module named '?httpx'?/i,
  },
  {
    // (UserError) Api-Key header is missing is null or empty (py#42430); required fields are missing for
    // connection azure_openai: api_key (py#40699)
    cause: 'evaluationNeedsKey',
    pattern: /Api-Key header is missing|required fields are missing for connection azure_openai/i,
  },
];

const QUOTE = '[`\'"]?';
/** "The principal `<oid|upn>` lacks the required data action `<action>` to perform `<METHOD /path>` operation." */
const DETAILED_401 = new RegExp(
  `The principal ${QUOTE}([^\\s\`'"]{1,200})${QUOTE} lacks the required data action ${QUOTE}([A-Za-z0-9./*_-]{1,300})${QUOTE} to perform ${QUOTE}((?:GET|POST|PUT|PATCH|DELETE|HEAD) [^\\s\`'"]{1,400})${QUOTE}`,
  'i',
);

const PATTERNS: Array<{ scenario: ScenarioId; pattern: RegExp }> = [
  {
    // {"error":{"code":"Tenant provided in token does not match resource token","message":"Token tenant <tid> does not match resource tenant."}}
    scenario: 'tenant-mismatch',
    pattern:
      /Token tenant \S{1,100} does not match resource tenant|Tenant provided in token does not match resource token/i,
  },
  {
    // OpenAI.__init__() got an unexpected keyword argument 'api_version' (azure-ai-projects >= 2.0.0b2, py#44218);
    // AttributeError: type object 'AIProjectClient' has no attribute 'from_connection_string' (1.0.0b11+);
    // 'AIProjectClient' object has no attribute 'inference' (1.0.0); JS getAzureOpenAIClient is not a function (2.0.0)
    scenario: 'sdk-api-changed',
    pattern:
      /unexpected keyword argument '?api_version'?|has no attribute '?(?:from_connection_string|inference)'?|(?:fromConnectionString|getAzureOpenAIClient) is not a function/i,
  },
  {
    // a sync get_bearer_token_provider given to AsyncOpenAI / AsyncAzureOpenAI (microsoft/openaivec#165)
    scenario: 'async-token-provider',
    pattern: /object str can't be used in 'await' expression/i,
  },
  {
    // 403 abuse suspension: "resource has been temporarily blocked" (troubleshoot-errors page, 09/20/2026)
    scenario: 'resource-blocked',
    pattern: /temporarily blocked/i,
  },
];

/** The December 2026 scenario this text shows, with the parsed details of the detailed 401. */
export function matchDecember(text: string): DecemberMatch | undefined {
  const detailed = DETAILED_401.exec(text);
  if (detailed) {
    return {
      scenario: 'principal-lacks-permission',
      details: { principal: detailed[1], dataAction: detailed[2], operation: detailed[3] },
    };
  }
  for (const { cause, pattern } of CAUSE_PATTERNS)
    if (pattern.test(text)) return { scenario: SCENARIO_CAUSES[cause].scenario, cause };
  for (const { scenario, pattern } of PATTERNS) if (pattern.test(text)) return { scenario };
  return undefined;
}
