// Facts that change with time, as data: each has its date and source, so a corrected date is a one-line
// change and every message derives its tense from the clock (src/core/clock.ts). Sources: the facts file
// (keys like [D12]) and the December 2026 update (shared/knowledge/azure-ai-2026-12-update.md, "update §n").
import { hasArrived } from '../clock';

export type DatedEvent = 'retired' | 'deprecated' | 'removed' | 'renamed' | 'released';

export interface DatedFact {
  /** YYYY-MM-DD (UTC), or YYYY-MM when the source gives only the month (then it counts from the 1st). */
  date: string;
  event: DatedEvent;
  /** What the event happens to, as a sentence subject. */
  subject: string;
  source: string;
  /** The version that made the change, for SDK facts. */
  version?: string;
}

export const TIMELINE = {
  /** The Azure AI Model Inference API (/models/**) itself, not just its SDKs. */
  modelInferenceApiRetired: {
    date: '2026-08-26',
    event: 'retired',
    subject: 'The Azure AI Model Inference API (https://<resource>.services.ai.azure.com/models)',
    source: 'Azure/azure-rest-api-specs PR #43907 (update §1b)',
  },
  /** azure-ai-inference (Py), @azure-rest/ai-inference (JS), Azure.AI.Inference (.NET), azure-ai-inference (Java). */
  inferenceSdkRetired: {
    date: '2026-08-26',
    event: 'retired',
    subject: 'The Azure AI Inference beta SDK',
    source: '[D12][D11]; Azure/azure-rest-api-specs PR #43907 (update §1b)',
  },
  assistantsApiRetired: {
    date: '2026-08-26',
    event: 'retired',
    subject: 'The Azure OpenAI Assistants API',
    source: 'openai/openai-node docs/azure.md (update §1b)',
  },
  githubModelsHostDeprecated: {
    date: '2025-07-17',
    event: 'deprecated',
    subject: 'https://models.inference.ai.azure.com (GitHub Models)',
    source: 'github.blog changelog 2025-07-17 (update §1b)',
  },
  githubModelsHostRemoved: {
    date: '2025-10-17',
    event: 'removed',
    subject: 'https://models.inference.ai.azure.com (GitHub Models)',
    source: 'github.blog changelog 2025-07-17 (update §1b)',
  },
  projectsFromConnectionStringRemoved: {
    date: '2025-05-15',
    event: 'removed',
    subject: 'AIProjectClient.from_connection_string (azure-ai-projects)',
    version: '1.0.0b11',
    source: 'azure-ai-projects CHANGELOG 1.0.0b11; Azure/azureml-examples#4072 (update §5)',
  },
  projectsInferenceRenamed: {
    date: '2025-07',
    event: 'renamed',
    subject: '.inference.get_azure_openai_client() (azure-ai-projects), now .get_openai_client()',
    version: '1.0.0',
    source: 'Azure/azure-sdk-for-python PR #42054, CHANGELOG 1.0.0 (update §5; the day is not given)',
  },
  projectsPyReturnsOpenAI: {
    date: '2025-11-11',
    event: 'released',
    subject: 'azure-ai-projects 2.0.0b1: get_openai_client() returns openai.OpenAI (no api_version)',
    version: '2.0.0b1',
    source: 'azure-ai-projects CHANGELOG @00178661; py#44218 (update §1c, §2.3)',
  },
  projectsJsGetAzureOpenAIClientRemoved: {
    date: '2026-03-06',
    event: 'removed',
    subject: 'getAzureOpenAIClient (@azure/ai-projects), replaced by getOpenAIClient',
    version: '2.0.0',
    source: 'azure-sdk-for-js sdk/ai/ai-projects/CHANGELOG.md (update §1c)',
  },
  openaiPython3DropsHttpx: {
    date: '2026-08-12',
    event: 'released',
    subject: 'openai-python 3.0.0: HTTPX2 by default, httpx no longer installed',
    version: '3.0.0',
    source: 'openai/openai-python CHANGELOG.md (update §1c)',
  },
  foundryRolesRenamed: {
    date: '2026-09-11',
    event: 'renamed',
    subject:
      'Azure AI User / Owner / Account Owner / Project Manager, now Foundry User / Owner / Account Owner / Project Manager (same role ids)',
    source:
      'AAD-DOCS articles/foundry/concepts/evaluation-virtual-network.md 09/11/2026, role-rename-note.md (update §1d; the date is the page date, not the rename date)',
  },
  foundryVscodeDeprecated: {
    date: '2026-06-05',
    event: 'deprecated',
    subject: 'The Microsoft Foundry for VS Code extension (TeamsDevApp.vscode-ai-foundry)',
    source: 'microsoft/microsoft-foundry-for-vscode PR #664 (update §1c)',
  },
} as const satisfies Record<string, DatedFact>;

const PAST: Record<DatedEvent, string> = {
  retired: 'was retired',
  deprecated: 'was deprecated',
  removed: 'was removed',
  renamed: 'was renamed',
  released: 'was released',
};
const FUTURE: Record<DatedEvent, string> = {
  retired: 'will be retired',
  deprecated: 'will be deprecated',
  removed: 'will be removed',
  renamed: 'will be renamed',
  released: 'will be released',
};

/** "was retired on 2026-08-26" or "will be retired on 2026-08-26", depending on `now`. */
export function whenPhrase(fact: DatedFact, now: Date): string {
  return `${(hasArrived(fact.date, now) ? PAST : FUTURE)[fact.event]} on ${fact.date}`;
}

/** True once the fact's date has arrived. */
export function isPast(fact: DatedFact, now: Date): boolean {
  return hasArrived(fact.date, now);
}
