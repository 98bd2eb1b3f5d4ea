// The Azure emulator speaks the documented REST shapes (azure-rest-examples) and answers the data
// plane with the facts §6 bodies according to the token and the scenario's role assignments.
import { strict as assert } from 'node:assert';
import { withEmulator, token, type EmulatorEnv } from './emulatorHelpers';
import { listScenarios } from '../emulator/scenario';
import { repoRoot } from './repo';
import { join } from 'node:path';

const SUB = '00000000-0000-4000-8000-00000000a001';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai`;
const OID = '11111111-aaaa-4bbb-8ccc-000000000001';

describe('Azure emulator', function () {
  this.timeout(20_000);
  let env: EmulatorEnv;
  let arm: string;
  let cog: string;
  const get = (path: string, bearer = arm) =>
    fetch(`${env.emulator.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  const chat = (host: string, path: string, bearer: string, body: object = {}) =>
    fetch(`${env.emulator.url}/dataplane/${host}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const scenario = (name: string) =>
    fetch(`${env.emulator.url}/_emulator/scenario`, { method: 'POST', body: JSON.stringify({ name }) });

  before(async () => {
    env = await withEmulator('all-good');
    arm = await token(env.emulator.url, 'https://management.azure.com');
    cog = await token(env.emulator.url, 'https://cognitiveservices.azure.com');
  });
  after(() => env.restore());

  it('main.js prints EMULATOR_URL and serves until killed', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['out/test/emulator/main.js', '--port', '0', '--scenario', 'demo'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /EMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const state = (await (await fetch(`${url}/_emulator/state`)).json()) as { scenario: string };
      assert.equal(state.scenario, 'demo');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('has a JSON file per seed-table row and fault', () => {
    const names = listScenarios();
    for (const n of [
      'lacks-role',
      'owner-contributor-only',
      'openai-user-non-openai',
      'assignment-2-minutes',
      'wrong-audience',
      'wrong-endpoint-404',
      'no-custom-subdomain',
      'network-denied',
      'all-good',
      'fault-429',
      'fault-500',
      'fault-slow',
      'paging',
      'fault-roleassignments-403',
      'large-tenant',
      'project-endpoint',
      'missing-agents-action',
      'tenant-mismatch',
    ]) {
      assert.ok(names.includes(n), n);
    }
  });

  it('answers with the keys of the published REST examples (azure-rest-examples)', async () => {
    // The examples live beside the checkout (../shared), not in it; AZURE_REST_EXAMPLES points elsewhere.
    const examples = process.env.AZURE_REST_EXAMPLES ?? join(repoRoot, '..', 'shared', 'azure-rest-examples');
    const { existsSync, readFileSync } = await import('node:fs');
    assert.ok(
      existsSync(examples),
      `${examples} is missing (set AZURE_REST_EXAMPLES to the azure-rest-examples folder)`,
    );
    // Optional/sample-only keys the emulator does not invent.
    const optional = /^(tags(\..*)?|countryCode|tenantType|properties\.description)$/;
    const keyPaths = (item: Record<string, unknown>) => {
      const out: string[] = [];
      for (const [k, v] of Object.entries(item)) {
        out.push(k);
        if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) out.push(`${k}.${k2}`);
      }
      return out;
    };
    const cases: [string, string][] = [
      ['resources/2022-12-01/GetSubscriptions.json', '/subscriptions?api-version=2022-12-01'],
      ['resources/2022-12-01/GetTenants.json', '/tenants?api-version=2022-12-01'],
      ['cognitiveservices/2025-09-01/GetAccount.json', `${ACCOUNT}?api-version=2025-09-01`],
      ['cognitiveservices/2025-09-01/ListDeployments.json', `${ACCOUNT}/deployments?api-version=2025-09-01`],
      [
        'authorization/2022-04-01/RoleAssignments_ListForScope.json',
        `${ACCOUNT}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      ],
      [
        'authorization/2022-04-01/GetRoleDefinitionById.json',
        `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/a97b65f3-24c7-4388-baec-2e87135dc908?api-version=2022-04-01`,
      ],
    ];
    for (const [file, path] of cases) {
      const example = JSON.parse(readFileSync(`${examples}/${file}`, 'utf8')).responses['200'].body;
      const expected = keyPaths(example.value ? example.value[0] : example).filter((k) => !optional.test(k));
      const body = (await (await get(path)).json()) as { value?: Record<string, unknown>[] } & Record<string, unknown>;
      const got = new Set(keyPaths(body.value ? body.value[0] : body));
      assert.deepEqual(
        expected.filter((k) => !got.has(k)),
        [],
        `${file}: keys missing from ${path}`,
      );
    }
  });

  it('issues decodable tokens with aud/tid/oid/exp', () => {
    const claims = JSON.parse(Buffer.from(cog.split('.')[1], 'base64url').toString());
    assert.equal(claims.aud, 'https://cognitiveservices.azure.com');
    assert.equal(claims.oid, OID);
    assert.ok(claims.exp > Date.now() / 1000);
  });

  it('rejects ARM calls without a management token', async () => {
    assert.equal((await get(`/subscriptions?api-version=2022-12-01`, cog)).status, 401);
    assert.equal((await fetch(`${env.emulator.url}/subscriptions`)).status, 401);
  });

  it('lists subscriptions and accounts in the documented shapes', async () => {
    const subs = (await (await get('/subscriptions?api-version=2022-12-01')).json()) as {
      value: { subscriptionId: string; tenantId: string }[];
    };
    assert.equal(subs.value[0].subscriptionId, SUB);
    const accounts = (await (
      await get(`/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts?api-version=2025-09-01`)
    ).json()) as {
      value: { id: string; kind: string; properties: { customSubDomainName: string; endpoint: string } }[];
    };
    assert.equal(accounts.value[0].id, ACCOUNT);
    assert.equal(accounts.value[0].kind, 'AIServices');
    assert.equal(accounts.value[0].properties.customSubDomainName, 'contoso-ai');
  });

  it('pages with absolute nextLinks', async () => {
    await scenario('paging');
    let url: string | undefined = `${env.emulator.url}/subscriptions?api-version=2022-12-01`;
    let count = 0;
    let pages = 0;
    while (url) {
      const body = (await (await fetch(url, { headers: { authorization: `Bearer ${arm}` } })).json()) as {
        value: unknown[];
        nextLink?: string;
      };
      count += body.value.length;
      pages++;
      url = body.nextLink;
    }
    assert.equal(count, 4);
    assert.equal(pages, 4);
    await scenario('all-good');
  });

  it('filters role assignments with assignedTo() and returns createdOn', async () => {
    const r = (await (
      await get(
        `${ACCOUNT}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`assignedTo('${OID}')`)}`,
      )
    ).json()) as { value: { properties: { principalId: string; createdOn: string; roleDefinitionId: string } }[] };
    assert.equal(r.value.length, 1);
    assert.match(r.value[0].properties.roleDefinitionId, /a97b65f3-24c7-4388-baec-2e87135dc908$/);
    assert.ok(Date.parse(r.value[0].properties.createdOn) < Date.now() - 60 * 60_000);
    const none = (await (
      await get(
        `${ACCOUNT}/providers/Microsoft.Authorization/roleAssignments?$filter=${encodeURIComponent(`assignedTo('00000000-0000-0000-0000-000000000009')`)}`,
      )
    ).json()) as { value: unknown[] };
    assert.equal(none.value.length, 0);
  });

  it('serves the built-in role definitions by id', async () => {
    const r = (await (
      await get(
        `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd?api-version=2022-04-01`,
      )
    ).json()) as { properties: { roleName: string; permissions: { dataActions: string[] }[] } };
    assert.equal(r.properties.roleName, 'Cognitive Services OpenAI User');
    assert.ok(
      r.properties.permissions[0].dataActions.includes(
        'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
      ),
    );
  });

  it('data plane: 200 with the right role, exact 401 PermissionDenied without it', async () => {
    const ok = await chat(
      'contoso-ai.openai.azure.com',
      '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
      cog,
    );
    assert.equal(ok.status, 200);
    await scenario('lacks-role');
    const denied = await chat(
      'contoso-ai.openai.azure.com',
      '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
      cog,
    );
    assert.equal(denied.status, 401);
    assert.deepEqual(await denied.json(), {
      error: { code: 'PermissionDenied', message: 'Principal does not have access to API/Operation.' },
    });
    await scenario('all-good');
  });

  it('data plane: wrong audience gives the statusCode/message 401 listing the audiences', async () => {
    const ml = await token(env.emulator.url, 'https://ml.azure.com');
    const r = await chat(
      'contoso-ai.services.ai.azure.com',
      '/models/chat/completions?api-version=2024-05-01-preview',
      ml,
      { model: 'DeepSeek-R1' },
    );
    assert.equal(r.status, 401);
    assert.deepEqual(await r.json(), {
      statusCode: 401,
      message:
        'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com/ or https://ai.azure.com/), or have expired.',
    });
  });

  it('data plane: OpenAI User is refused on a non-OpenAI model, allowed on an OpenAI one', async () => {
    await scenario('openai-user-non-openai');
    assert.equal(
      (
        await chat('contoso-ai.services.ai.azure.com', '/models/chat/completions?api-version=2024-05-01-preview', cog, {
          model: 'DeepSeek-R1',
        })
      ).status,
      401,
    );
    assert.equal(
      (
        await chat('contoso-ai.services.ai.azure.com', '/models/chat/completions?api-version=2024-05-01-preview', cog, {
          model: 'gpt-4o',
        })
      ).status,
      200,
    );
    await scenario('all-good');
  });

  it('data plane: 404 DeploymentNotFound, 400 custom subdomain, 403 firewall', async () => {
    const missing = await chat(
      'contoso-ai.openai.azure.com',
      '/openai/deployments/gpt-4o-typo/chat/completions?api-version=2024-10-21',
      cog,
    );
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'DeploymentNotFound');
    const regional = await chat(
      'westeurope.api.cognitive.microsoft.com',
      '/openai/deployments/x/chat/completions?api-version=2024-10-21',
      cog,
    );
    assert.equal(regional.status, 400);
    assert.match(
      JSON.stringify(await regional.json()),
      /Please provide a custom subdomain for token authentication, otherwise API key is required\./,
    );
    await scenario('network-denied');
    const blocked = await chat(
      'contoso-ai.openai.azure.com',
      '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
      cog,
    );
    assert.equal(blocked.status, 403);
    assert.equal(blocked.headers.get('policy-id'), 'ThrowExceptionDueToTrafficDenied');
    assert.deepEqual(await blocked.json(), {
      error: { code: '403', message: 'Access denied due to Virtual Network/Firewall rules.' },
    });
    await scenario('all-good');
  });

  it('honours the propagation delay and the clock admin API', async () => {
    await scenario('assignment-2-minutes');
    const path = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';
    assert.equal((await chat('contoso-ai.openai.azure.com', path, cog)).status, 401);
    await fetch(`${env.emulator.url}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ minutes: 10 }) });
    assert.equal((await chat('contoso-ai.openai.azure.com', path, cog)).status, 200);
    await scenario('all-good');
  });

  it('faults: 429 with Retry-After, then success', async () => {
    await scenario('fault-429');
    const path = `/subscriptions/${SUB}/providers/Microsoft.CognitiveServices/accounts`;
    const first = await get(path);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.equal((await get(path)).status, 429);
    assert.equal((await get(path)).status, 200);
    await scenario('all-good');
  });

  it('PUT creates a role assignment (201) after one PrincipalNotFound', async () => {
    await scenario('assign-fix');
    const url = `${env.emulator.url}${ACCOUNT}/providers/Microsoft.Authorization/roleAssignments/3fa85f64-5717-4562-b3fc-2c963f66afa6?api-version=2022-04-01`;
    const body = JSON.stringify({
      properties: {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/a97b65f3-24c7-4388-baec-2e87135dc908`,
        principalId: OID,
        principalType: 'User',
      },
    });
    const put = () =>
      fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${arm}`, 'content-type': 'application/json' },
        body,
      });
    const first = await put();
    assert.equal(first.status, 400);
    assert.equal(((await first.json()) as { error: { code: string } }).error.code, 'PrincipalNotFound');
    assert.equal((await put()).status, 201);
    assert.equal((await put()).status, 200);
    await scenario('all-good');
  });
});
