// explain(): every string of the seed's table [D2] and every error body of facts §6, in the shapes
// users paste them (Python tracebacks, openai exceptions, .NET, JS RestError, raw HTTP/curl), maps to
// its scenario; errors that are not about authentication (429, DNS) map to null and say so.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explain, httpStatusOf } from '../../src/core/explain';
import { SCENARIOS, SEED_SCENARIOS } from '../../src/core/knowledge/scenarios';
import { SCENARIO_IDS, type ScenarioId } from '../../src/core/types';

const FIXTURES = join(__dirname, '../../../test/fixtures/errors');

describe('explain()', () => {
  describe('the seed table rows', () => {
    for (const row of SEED_SCENARIOS) {
      it(`"${row.error.slice(0, 70)}" -> ${row.scenario}`, () => {
        assert.equal(explain(row.error).scenario, row.scenario);
      });
    }
    it('keeps all seven rows of the table, with root cause and solution', () => {
      assert.equal(SEED_SCENARIOS.length, 7);
      for (const row of SEED_SCENARIOS) {
        assert.ok(row.rootCause.length > 10 && row.solution.length > 20, row.error);
        assert.equal(row.source, 'D2');
      }
    });
  });

  describe('facts §6 bodies, verbatim', () => {
    const bodies: Array<[string, ScenarioId | null]> = [
      [
        '{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}',
        'principal-lacks-permission',
      ],
      ['HTTP 401 (PermissionDenied) Principal does not have access to API/Operation.', 'principal-lacks-permission'],
      [
        'ClientAuthenticationError: (PermissionDenied) Principal does not have access to API/Operation.',
        'principal-lacks-permission',
      ],
      ['401 HTTP/1.1 401 PermissionDenied', 'principal-lacks-permission'],
      [
        '{ "statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired." }',
        'token-invalid-or-wrong-audience',
      ],
      [
        '{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com/), or have expired."}',
        'token-invalid-or-wrong-audience',
      ],
      [
        '{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com/ or https://ai.azure.com/), or have expired."}',
        'token-invalid-or-wrong-audience',
      ],
      [
        '{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired."}',
        'token-invalid-or-wrong-audience',
      ],
      [
        '{"error":{"code":"BadRequest","message":"Please provide a custom subdomain for token authentication, otherwise API key is required."}}',
        'custom-subdomain-required',
      ],
      [
        '{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}',
        'invalid-key',
      ],
      ['(AuthenticationTypeDisabled) Key based authentication is disabled for this resource.', 'key-auth-disabled'],
      ['{"error":{"code":"403","message":"Access denied due to Virtual Network/Firewall rules."}}', 'network-denied'],
      ['Public access is disabled. Please configure private endpoint.', 'public-access-disabled'],
      [
        '{"code":"403","message":"A Virtual Network is configured for this resource. Please use the correct endpoint for making requests. Check https://aka.ms/cogsvc-vnet for more details."}',
        'network-denied',
      ],
      [
        '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}',
        'deployment-not-found',
      ],
      ['{"error":{"code":"404","message":"Resource not found"}}', 'not-found'],
      ['404 Not found', 'not-found'],
      ['Status code: 405 (Method Not Allowed)', null],
      ['401 Content: {"status": "Invalid auth token"}', 'token-invalid-or-wrong-audience'],
      [
        'Missing credentials. Please pass one of api_key, azure_ad_token, azure_ad_token_provider, or the AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN environment variables.',
        'missing-credentials',
      ],
      [
        'ValueError("Must provide either the api_version argument or the OPENAI_API_VERSION environment variable")',
        'missing-api-version',
      ],
    ];
    for (const [body, scenario] of bodies) {
      it(`${body.slice(0, 80)} -> ${scenario}`, () => assert.equal(explain(body).scenario, scenario));
    }
  });

  describe('pasted error output (test/fixtures/errors)', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
    it('has a fixture for every scenario', () => {
      const covered = new Set(files.map((f) => f.split('--')[0]));
      for (const id of SCENARIO_IDS) assert.ok(covered.has(id), `no fixture for ${id}`);
    });
    for (const file of files) {
      const expected = file.split('--')[0];
      it(`${file} -> ${expected}`, () => {
        const result = explain(readFileSync(join(FIXTURES, file), 'utf8'));
        assert.equal(result.scenario, expected === 'null' ? null : expected);
      });
    }
  });

  describe('answers', () => {
    it('uses the seed words for the permission row and names the role', () => {
      const e = explain('401 Principal does not have access to API/Operation');
      assert.match(e.rootCause, /doesn't have the required permissions/);
      assert.match(e.solution, /Cognitive Services User/);
      assert.match(e.solution, /5 minutes/);
      assert.match(e.solution, /Owner, Contributor/);
    });

    it('picks the AzureOpenAI row of the seed table for an openai exception', () => {
      const e = explain(readFileSync(join(FIXTURES, 'token-invalid-or-wrong-audience--openai-python.txt'), 'utf8'));
      assert.match(e.solution, /AzureOpenAI class/);
      assert.match(e.rootCause, /accepts tokens for: https:\/\/cognitiveservices\.azure\.com/);
    });

    it('picks the Inference SDK row and lists both audiences the service named', () => {
      const e = explain(readFileSync(join(FIXTURES, 'token-invalid-or-wrong-audience--dotnet-inference.txt'), 'utf8'));
      assert.match(e.solution, /Azure AI Inference SDK/);
      assert.match(e.solution, /ml\.azure\.com/);
      assert.match(e.rootCause, /https:\/\/cognitiveservices\.azure\.com\/ or https:\/\/ai\.azure\.com\//);
    });

    it('picks the AzureOpenAI row for the Java com.azure.ai.openai client', () => {
      const e = explain(readFileSync(join(FIXTURES, 'token-invalid-or-wrong-audience--java.txt'), 'utf8'));
      assert.match(e.solution, /AzureOpenAI class/);
    });

    it('picks the REST row for a curl transcript', () => {
      const e = explain(readFileSync(join(FIXTURES, 'token-invalid-or-wrong-audience--curl.txt'), 'utf8'));
      assert.match(
        e.solution,
        /^Ensure the Authorization header contains a valid token with the scope https:\/\/cognitiveservices\.azure\.com\/\.default/,
      );
    });

    it('says plainly that a 429 is not an Entra ID scenario', () => {
      const e = explain('openai.RateLimitError: Error code: 429 - Too Many Requests');
      assert.equal(e.scenario, null);
      assert.match(e.title, /rate limited/i);
      assert.match(e.solution, /not one of the Entra ID scenarios/);
    });

    it('says plainly that a DNS failure is not an Entra ID scenario', () => {
      const e = explain('Error: getaddrinfo ENOTFOUND contoso.azure.openai.com');
      assert.equal(e.scenario, null);
      assert.match(e.title, /DNS/);
    });

    it('does not mistake openai.PermissionDeniedError (any 403) for the PermissionDenied code', () => {
      const e = explain(
        "openai.PermissionDeniedError: Error code: 403 - {'error': {'code': '403', 'message': 'Forbidden'}}",
      );
      assert.notEqual(e.scenario, 'principal-lacks-permission');
    });

    it('explains client-side errors that are no scenario: mutually exclusive arguments, AADSTS65002, credential failures', () => {
      const mutual = explain('ValueError: base_url and azure_endpoint are mutually exclusive');
      assert.equal(mutual.scenario, null);
      assert.match(mutual.title, /exclude each other/);
      assert.match(
        explain(
          'The `apiKey` and `azureADTokenProvider` arguments are mutually exclusive; only one can be passed at a time.',
        ).solution,
        /azureADTokenProvider/,
      );
      assert.match(
        explain('AADSTS65002: Consent between first party application and first party resource must be configured')
          .title,
        /AADSTS65002/,
      );
      const cred = explain(
        'azure.identity._exceptions.CredentialUnavailableError: DefaultAzureCredential failed to retrieve a token from the included credentials.',
      );
      assert.equal(cred.scenario, null);
      assert.match(cred.title, /No token was obtained/);
    });

    it('gives a null scenario, not a throw, for empty and unrelated text', () => {
      assert.equal(explain('').scenario, null);
      assert.equal(explain('   ').scenario, null);
      assert.equal(explain('SyntaxError: unexpected token').scenario, null);
    });

    it('every scenario has a title, root cause, solution, links and sources', () => {
      for (const id of SCENARIO_IDS) {
        const s = SCENARIOS[id];
        assert.equal(s.id, id);
        assert.ok(s.title && s.rootCause && s.solution, id);
        assert.ok(s.links.length > 0, `${id} has no links`);
        assert.ok(s.sources.length > 0, `${id} has no sources`);
        for (const link of s.links) assert.match(link, /^https:\/\//);
      }
    });
  });

  describe('httpStatusOf', () => {
    const cases: Array<[string, number | undefined]> = [
      ["Error code: 401 - {'statusCode': 401}", 401],
      ['Status: 403 (Forbidden)', 403],
      ['HTTP/1.1 404 Not Found', 404],
      ['HTTP/2 429', 429],
      ['statusCode: 401,', 401],
      ['HTTP 401 (PermissionDenied)', 401],
      ['Status code 404, (empty body)', 404],
      ['401 Unauthorized', 401],
      ['no status here', undefined],
    ];
    for (const [text, status] of cases) it(`${text} -> ${status}`, () => assert.equal(httpStatusOf(text), status));
  });
});
