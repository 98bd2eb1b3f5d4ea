// The data-action evaluator against the REAL built-in role definitions (facts §4, kept as data in
// test/emulator/roleDefinitions.json): Azure wildcard semantics and the seed's verdict words.
import { strict as assert } from 'node:assert';
import {
  actionMatches,
  permissionGrants,
  roleGrants,
  requiredDataAction,
  whyNotGranted,
  DATA_ACTIONS,
  ROLE_IDS,
} from '../../src/azure/roles';
import { classifyEndpoint } from '../../src/core/knowledge/endpoints';
import roleData from '../emulator/roleDefinitions.json';

interface Role {
  name: string;
  roleName: string;
  dataActions: string[];
  notDataActions: string[];
}
const roles = (roleData as { roles: Role[] }).roles;
const role = (guid: string) => {
  const r = roles.find((x) => x.name === guid);
  assert.ok(r, `role ${guid} in the data`);
  return r;
};
const grants = (guid: string, action: string) => roleGrants([role(guid)], action);

describe('RBAC wildcard evaluator', () => {
  it('matches case-insensitively and lets * span segments', () => {
    assert.equal(actionMatches('Microsoft.CognitiveServices/*', DATA_ACTIONS.openAIChat), true);
    assert.equal(actionMatches('microsoft.cognitiveservices/ACCOUNTS/openai/*', DATA_ACTIONS.openAIChat), true);
    assert.equal(
      actionMatches('Microsoft.CognitiveServices/*/read', 'Microsoft.CognitiveServices/accounts/deployments/read'),
      true,
    );
    assert.equal(actionMatches('Microsoft.CognitiveServices/*/read', DATA_ACTIONS.openAIChat), false);
    assert.equal(actionMatches('Microsoft.CognitiveServices/accounts/MaaS/*', DATA_ACTIONS.maasChat), true);
    assert.equal(actionMatches('Microsoft.CognitiveServices/accounts/OpenAI/*', DATA_ACTIONS.maasChat), false);
    assert.equal(actionMatches('*', 'anything/at/all'), true);
    assert.equal(
      actionMatches(
        'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
        DATA_ACTIONS.openAIChat,
      ),
      true,
    );
  });

  it('treats regex metacharacters in patterns literally', () => {
    assert.equal(actionMatches('Microsoft.Cognitive(Services)/x', 'Microsoft.Cognitive(Services)/x'), true);
    assert.equal(
      actionMatches('Microsoft.CognitiveServices/acc.unts/*', 'Microsoft.CognitiveServices/accounts/x'),
      false,
    );
  });

  it('lets notDataActions subtract from dataActions', () => {
    const custom = {
      dataActions: ['Microsoft.CognitiveServices/*'],
      notDataActions: ['Microsoft.CognitiveServices/accounts/MaaS/*'],
    };
    assert.equal(permissionGrants(custom, DATA_ACTIONS.openAIChat), true);
    assert.equal(permissionGrants(custom, DATA_ACTIONS.maasChat), false);
  });

  it('Cognitive Services User grants OpenAI and non-OpenAI chat', () => {
    assert.equal(grants(ROLE_IDS.cognitiveServicesUser, DATA_ACTIONS.openAIChat), true);
    assert.equal(grants(ROLE_IDS.cognitiveServicesUser, DATA_ACTIONS.maasChat), true);
  });

  it('Azure AI User (Foundry User) grants both; Azure AI Developer only OpenAI (per the Microsoft docs version)', () => {
    assert.equal(grants(ROLE_IDS.azureAIUser, DATA_ACTIONS.maasChat), true);
    assert.equal(grants(ROLE_IDS.azureAIDeveloper, DATA_ACTIONS.openAIChat), true);
    assert.equal(grants(ROLE_IDS.azureAIDeveloper, DATA_ACTIONS.maasChat), false);
  });

  it('Cognitive Services OpenAI User grants only OpenAI models', () => {
    assert.equal(grants(ROLE_IDS.cognitiveServicesOpenAIUser, DATA_ACTIONS.openAIChat), true);
    assert.equal(grants(ROLE_IDS.cognitiveServicesOpenAIUser, DATA_ACTIONS.maasChat), false);
    assert.equal(grants(ROLE_IDS.cognitiveServicesOpenAIContributor, DATA_ACTIONS.openAIChat), true);
    const why = whyNotGranted(
      ROLE_IDS.cognitiveServicesOpenAIUser,
      'Cognitive Services OpenAI User',
      [role(ROLE_IDS.cognitiveServicesOpenAIUser)],
      DATA_ACTIONS.maasChat,
    );
    assert.match(why, /grants only access to OpenAI models/);
  });

  it('Owner, Contributor, Cognitive Services Contributor, Azure AI Account Owner and Reader grant no data action', () => {
    for (const guid of [
      ROLE_IDS.owner,
      ROLE_IDS.contributor,
      ROLE_IDS.cognitiveServicesContributor,
      ROLE_IDS.azureAIAccountOwner,
      ROLE_IDS.reader,
    ]) {
      assert.equal(grants(guid, DATA_ACTIONS.openAIChat), false, role(guid).roleName);
      assert.equal(grants(guid, DATA_ACTIONS.maasChat), false, role(guid).roleName);
      assert.match(
        whyNotGranted(guid, role(guid).roleName, [role(guid)], DATA_ACTIONS.openAIChat),
        /carries no data actions.*Owner or Contributor don't provide access/,
      );
    }
  });

  it('every built-in role in the data has its documented GUID', () => {
    for (const guid of Object.values(ROLE_IDS))
      assert.ok(
        roles.some((r) => r.name === guid),
        guid,
      );
  });
});

describe('required data action', () => {
  const deployments = [
    { name: 'gpt-4o', format: 'OpenAI' },
    { name: 'DeepSeek-R1', format: 'DeepSeek' },
  ];
  it('OpenAI deployment URL needs the OpenAI chat action', () => {
    const info = classifyEndpoint('https://x.openai.azure.com/openai/deployments/gpt-4o/chat/completions')!;
    assert.equal(requiredDataAction(info, deployments).action, DATA_ACTIONS.openAIChat);
  });
  it('/models with a non-OpenAI deployment needs the MaaS action', () => {
    const info = classifyEndpoint('https://x.services.ai.azure.com/models')!;
    assert.equal(requiredDataAction(info, deployments, 'DeepSeek-R1').action, DATA_ACTIONS.maasChat);
    assert.equal(requiredDataAction(info, deployments, 'gpt-4o').action, DATA_ACTIONS.openAIChat);
    assert.equal(
      requiredDataAction(info, deployments).action,
      DATA_ACTIONS.maasChat,
      'unknown model on a mixed resource: the stricter action',
    );
  });
  it('/openai/v1 with an OpenAI model needs the OpenAI chat action', () => {
    const info = classifyEndpoint('https://x.openai.azure.com/openai/v1/')!;
    assert.equal(requiredDataAction(info, deployments, 'gpt-4o').action, DATA_ACTIONS.openAIChat);
  });
});
