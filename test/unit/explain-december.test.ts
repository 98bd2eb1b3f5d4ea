// explain() for the error strings new by December 2026 (update §1e): the detailed 401 is parsed into
// principal / data action / operation, and the new scenarios each name the next thing to run or change.
import * as assert from 'node:assert/strict';
import { explain } from '../../src/core/explain';
import { SCENARIOS, SCENARIO_CAUSES } from '../../src/core/knowledge/scenarios';
import { SCENARIO_IDS } from '../../src/core/types';

const DETAILED =
  'The principal `1f2e3d4c-0000-4000-8000-00000000abcd` lacks the required data action `Microsoft.CognitiveServices/accounts/AIServices/agents/read` to perform `GET /api/projects/{projectName}/assistants` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.';

describe('explain() December 2026', () => {
  it('parses the detailed 401 into details and answers with that data action', () => {
    const e = explain(`{"error":{"code":"PermissionDenied","message":"${DETAILED}"}}`);
    assert.equal(e.scenario, 'principal-lacks-permission');
    assert.deepEqual(e.details, {
      principal: '1f2e3d4c-0000-4000-8000-00000000abcd',
      dataAction: 'Microsoft.CognitiveServices/accounts/AIServices/agents/read',
      operation: 'GET /api/projects/{projectName}/assistants',
    });
    assert.match(e.solution, /Foundry User \(formerly Azure AI User\)/);
    assert.match(e.solution, /53ca6127-db72-4b80-b1b0-d745d6d5456d/);
    assert.match(e.solution, /managed identity/);
    assert.match(e.solution, /az role assignment create --assignee "1f2e3d4c-0000-4000-8000-00000000abcd"/);
    assert.ok(e.links.includes('https://aka.ms/FoundryPermissions'));
  });

  it('reads the agents/write variant and a UPN principal without backticks', () => {
    const e = explain(
      'The principal dev@contoso.com lacks the required data action Microsoft.CognitiveServices/accounts/AIServices/agents/write to perform POST /api/projects/p1/openai/responses operation.',
    );
    assert.equal(e.details?.principal, 'dev@contoso.com');
    assert.equal(e.details?.dataAction, 'Microsoft.CognitiveServices/accounts/AIServices/agents/write');
    assert.equal(e.details?.operation, 'POST /api/projects/p1/openai/responses');
  });

  it('keeps what a shell would read out of the suggested command', () => {
    const e = explain(
      'The principal `a$(rm;x)` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/v1/chat/completions` operation.',
    );
    assert.equal(e.scenario, 'principal-lacks-permission');
    assert.doesNotMatch(e.solution, /--assignee "[^"]*[$()]/);
    assert.match(e.solution, /Cognitive Services User/);
  });

  const cases: Array<[string, string]> = [
    [
      '{"error":{"code":"Tenant provided in token does not match resource token","message":"Token tenant 11111111-2222-3333-4444-555555555555 does not match resource tenant."}}',
      'tenant-mismatch',
    ],
    ["TypeError: OpenAI.__init__() got an unexpected keyword argument 'api_version'", 'sdk-api-changed'],
    ["AttributeError: type object 'AIProjectClient' has no attribute 'from_connection_string'", 'sdk-api-changed'],
    ['TypeError: project.getAzureOpenAIClient is not a function', 'sdk-api-changed'],
    ["TypeError: object str can't be used in 'await' expression", 'async-token-provider'],
    ['403 Forbidden: resource has been temporarily blocked', 'resource-blocked'],
    [
      'openai.OpenAIError: Could not resolve authentication method. Expected either api_key, azure_ad_token or azure_ad_token_provider to be set. Or for one of the `Authorization` or `api-key` headers to be explicitly supplied or omitted',
      'missing-credentials',
    ],
  ];
  for (const [text, scenario] of cases) {
    it(`${text.slice(0, 70)} -> ${scenario}`, () => assert.equal(explain(text).scenario, scenario));
  }

  it('every scenario answer names the next thing to run or change', () => {
    for (const id of SCENARIO_IDS) assert.match(SCENARIOS[id].solution, /Next: /, id);
  });

  // Causes the text names (SCENARIO_CAUSES): the scenario's title, the cause's own answer.
  const causes: Array<[string, string, RegExp]> = [
    [
      "error CS0246: The type or namespace name 'AgentsClient' could not be found (are you missing a using directive or an assembly reference?)",
      'sdk-api-changed',
      /AgentAdministrationClient/,
    ],
    [
      'TypeError: AIProjectClient.fromConnectionString is not a function',
      'sdk-api-changed',
      /new AIProjectClient\("https:\/\/<account>\.services\.ai\.azure\.com\/api\/projects\/<project>"/,
    ],
    ["ModuleNotFoundError: No module named 'httpx'", 'sdk-api-changed', /openai<3\.0\.0/],
    [
      '(UserError) Api-Key header is missing is null or empty',
      'missing-credentials',
      /api_key in the evaluator's model_config/,
    ],
    [
      'ValueError: required fields are missing for connection azure_openai: api_key',
      'missing-credentials',
      /project's managed identity Foundry User/,
    ],
  ];
  for (const [text, scenario, solution] of causes) {
    it(`names the cause: ${text.slice(0, 60)} -> ${scenario}`, () => {
      const e = explain(text);
      assert.equal(e.scenario, scenario);
      assert.equal(e.title, SCENARIOS[scenario as keyof typeof SCENARIOS].title);
      assert.match(e.solution, solution);
      assert.match(e.solution, /^Next: /);
    });
  }

  it('every cause answer names the next thing to run or change and belongs to a known scenario', () => {
    for (const [id, cause] of Object.entries(SCENARIO_CAUSES)) {
      assert.match(cause.solution, /^Next: /, id);
      assert.ok((SCENARIO_IDS as readonly string[]).includes(cause.scenario), id);
    }
  });

  it('no answer recommends the retired Azure AI Inference SDK', () => {
    const answers = [
      ...Object.values(SCENARIOS).map((s) => s.solution),
      ...Object.values(SCENARIO_CAUSES).map((c) => c.solution),
      explain('openai.AuthenticationError: Error code: 401 - AzureOpenAI audience is incorrect').solution,
    ];
    for (const a of answers) assert.doesNotMatch(a, /use the Azure AI Inference SDK/i, a);
  });

  it('stays linear on long hostile input', () => {
    const hostile = `The principal ${'`'.repeat(50_000)} lacks the required data action ${'a'.repeat(100_000)} to perform GET ${'/'.repeat(100_000)}`;
    const started = process.hrtime.bigint();
    explain(hostile);
    explain('Token tenant ' + ' '.repeat(150_000));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 2000, `${ms} ms`);
  });
});
