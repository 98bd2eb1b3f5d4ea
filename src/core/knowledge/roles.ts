// Built-in roles by GUID (facts §4; update §1d). Names change, GUIDs do not: "Foundry User, Foundry Owner,
// Foundry Account Owner, and Foundry Project Manager were previously named Azure AI User, Azure AI Owner,
// Azure AI Account Owner, and Azure AI Project Manager… role IDs and core permissions are unchanged"
// (AAD-DOCS evaluation-virtual-network.md 09/11/2026, role-rename-note.md). Shared by explain() and the
// access check, so both name a role the same way and recommend the same one.

export interface KnownRole {
  id: string;
  /** Current display name. */
  name: string;
  /** The name ARM and older docs still show. */
  formerName?: string;
  source: string;
}

export const ROLE_IDS = {
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908',
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  cognitiveServicesOpenAIContributor: 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  cognitiveServicesContributor: '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68',
  azureAIDeveloper: '64702f94-c441-49e6-a78b-ef80e0188fee',
  /** Foundry User, formerly Azure AI User. */
  azureAIUser: '53ca6127-db72-4b80-b1b0-d745d6d5456d',
  /** Foundry Owner, formerly Azure AI Owner (GUID: Obs., several IaC repos and a labkit role table; update §1d). */
  azureAIOwner: 'c883944f-8b7b-4483-af10-35834be79c4a',
  /** Foundry Account Owner, formerly Azure AI Account Owner. */
  azureAIAccountOwner: 'e47c6f54-e4a2-4754-9501-8e0985b135e1',
  /** Foundry Project Manager, formerly Azure AI Project Manager. */
  azureAIProjectManager: 'eadc314b-1a2d-4efa-be10-5d325db5065e',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
} as const;

const RENAME = 'update §1d (role-rename-note.md)';

export const KNOWN_ROLES: readonly KnownRole[] = [
  { id: ROLE_IDS.azureAIUser, name: 'Foundry User', formerName: 'Azure AI User', source: `[R4]; ${RENAME}` },
  {
    id: ROLE_IDS.azureAIOwner,
    name: 'Foundry Owner',
    formerName: 'Azure AI Owner',
    source: `rbac-foundry.md 12/31/2025; ${RENAME}`,
  },
  {
    id: ROLE_IDS.azureAIAccountOwner,
    name: 'Foundry Account Owner',
    formerName: 'Azure AI Account Owner',
    source: `[R4]; ${RENAME}`,
  },
  {
    id: ROLE_IDS.azureAIProjectManager,
    name: 'Foundry Project Manager',
    formerName: 'Azure AI Project Manager',
    source: `[R4]; ${RENAME}`,
  },
  { id: ROLE_IDS.cognitiveServicesUser, name: 'Cognitive Services User', source: '[R1][D2]' },
  { id: ROLE_IDS.cognitiveServicesOpenAIUser, name: 'Cognitive Services OpenAI User', source: '[R1]' },
];

const byId = new Map(KNOWN_ROLES.map((r) => [r.id, r]));

export function knownRole(guid: string): KnownRole | undefined {
  return byId.get(guid.toLowerCase());
}

/**
 * How a role is shown: matched by GUID, so a renamed role reads "Foundry User (formerly Azure AI User)"
 * whichever name ARM returned; unknown roles keep ARM's name.
 */
export function roleDisplayName(guid: string, armName: string | undefined): string {
  const known = knownRole(guid);
  if (!known) return armName || guid;
  return known.formerName ? `${known.name} (formerly ${known.formerName})` : known.name;
}

/** The agents data actions of Foundry projects (update §1d: custom-role action; §1e: the detailed 401). */
export const AGENTS_DATA_ACTION = 'Microsoft.CognitiveServices/accounts/AIServices/agents/*';

/**
 * The role to assign for a data action: Foundry User for the Foundry (AIServices / agents) data plane, the
 * recommended minimum on the Foundry resource (rbac-foundry 12/31/2025); Cognitive Services User for model
 * calls, as the seed table says [D2] (it also covers non-OpenAI models, which Cognitive Services OpenAI User does not).
 */
export function roleForDataAction(action: string | undefined): KnownRole {
  if (action && /\/AIServices\//i.test(action)) return byId.get(ROLE_IDS.azureAIUser)!;
  return byId.get(ROLE_IDS.cognitiveServicesUser)!;
}
