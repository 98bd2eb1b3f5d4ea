// No token in what the access check produces, at unit level (no VS Code): every emulator scenario,
// both endpoint kinds, and every product of a check — the final report, each partial report the panel
// would show, every log line, the Markdown summary, the fix actions' CLI command and portal link.
// Then the hostile case: a gateway between us and Azure that reflects the request's Authorization
// header into its error bodies (as misconfigured proxies do). Whatever the server says, our report and
// log must not repeat the token. Tokens come from the emulator's real issuance log (/_emulator/tokens).
import * as assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultCredentialIdentity, reportToMarkdown, runAccessCheck, type CheckOptions } from '../../src/azure/index';
import { clearRoleDefinitionCache } from '../../src/azure/rbac';
import { redactSecrets } from '../../src/azure/redact';
import type { AccessReport } from '../../src/core/accessReport';
import { listScenarios } from '../emulator/scenario';
import { withEmulator, type EmulatorEnv } from './emulatorHelpers';
import { cpuMs } from './cpuTime';

const ENDPOINTS = [
  'https://contoso-ai.openai.azure.com/openai/deployments/gpt-4o/chat/completions',
  'https://contoso-ai.services.ai.azure.com/models',
];
/**
 * The scenarios whose outputs differ in kind (success, each failure verdict, partial reports, retried
 * faults, a failing tenant); the rest repeat these paths. Each check costs ~1-3 s (the stand-in `az`
 * is a process per token), so the list is kept to what adds coverage.
 */
const SCENARIOS = [
  'all-good',
  'lacks-role',
  'owner-contributor-only',
  'wrong-audience',
  'no-custom-subdomain',
  'network-denied',
  'fault-roleassignments-403',
  'fault-500',
  'tenant-failure',
  'abac-condition',
  'wrong-endpoint-404',
];

interface Collected {
  where: string;
  text: string;
}

/** A loopback gateway in front of the emulator that copies the caller's Authorization header into every error body. */
function reflectingGateway(upstream: string): Promise<{ url: string; server: Server }> {
  const target = new URL(upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const status = up.statusCode ?? 502;
            const headers = { ...up.headers };
            delete headers['content-length'];
            if (status < 400 || req.url?.startsWith('/_emulator/')) {
              res.writeHead(status, headers);
              res.end(Buffer.concat(body));
              return;
            }
            const auth = String(req.headers.authorization ?? '');
            const reflected = JSON.stringify({
              error: {
                code: 'GatewayRejected',
                message: `Request rejected by gateway. Authorization: ${auth}; upstream said: ${Buffer.concat(body).toString('utf8').slice(0, 300)}`,
              },
              statusCode: status,
              message: `Unauthorized. Access token ${auth.replace(/^Bearer\s+/i, '')} is invalid.`,
            });
            res.writeHead(status, { ...headers, 'content-type': 'application/json', 'x-echo-authorization': auth });
            res.end(reflected);
          });
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

async function issuedTokens(emulatorUrl: string): Promise<string[]> {
  return ((await (await fetch(`${emulatorUrl}/_emulator/tokens`)).json()) as { tokens: string[] }).tokens;
}

/**
 * Every leak of any issued token — whole, its payload, header.payload, any 24-character piece of its
 * payload past the common prefix (a truncated echo) — or of any JWT header, with where it was.
 */
function findLeaks(outputs: Collected[], tokens: string[]): string[] {
  const needles = new Map<string, string>([['eyJhbGci', 'a JWT header']]);
  for (const t of tokens) {
    const [h, p] = t.split('.');
    needles.set(t, 'a whole token');
    needles.set(p, 'a token payload');
    needles.set(`${h}.${p}`, 'header.payload of a token');
    for (let i = 24; i + 24 <= p.length; i += 12) needles.set(p.slice(i, i + 24), 'a piece of a token payload');
  }
  const leaks = new Set<string>();
  for (const o of outputs)
    for (const [needle, what] of needles) if (o.text.includes(needle)) leaks.add(`${what} in ${o.where}`);
  return [...leaks];
}

describe('security: the access check never outputs a token', function () {
  this.timeout(180_000);
  let env: EmulatorEnv;
  before(async () => {
    env = await withEmulator('all-good');
  });
  after(() => env?.restore());

  // One identity for the whole suite, as the extension keeps one: its token cache spares `az` runs.
  const identity = defaultCredentialIdentity();

  async function checkAndCollect(
    scenario: string,
    endpoint: string,
    base: string,
    outputs: Collected[],
  ): Promise<AccessReport> {
    env.emulator.setScenario(scenario);
    clearRoleDefinitionCache();
    const where = `${scenario} ${new URL(endpoint).hostname}`;
    const options: CheckOptions = {
      endpoint,
      identity,
      armEndpoint: base,
      dataPlaneBase: base,
      probe: true,
      timeoutMs: 10_000,
      onUpdate: (partial) => outputs.push({ where: `${where} partial report`, text: JSON.stringify(partial) }),
      log: (level, line) => outputs.push({ where: `${where} log (${level})`, text: line }),
    };
    let report: AccessReport;
    try {
      report = await runAccessCheck(options);
    } catch (error) {
      outputs.push({
        where: `${where} thrown error`,
        text: `${(error as Error)?.message}\n${(error as Error)?.stack}`,
      });
      throw error;
    }
    outputs.push({ where: `${where} report`, text: JSON.stringify(report) });
    outputs.push({ where: `${where} markdown`, text: reportToMarkdown(report) });
    for (const fix of report.fixes)
      outputs.push({
        where: `${where} fix ${fix.kind}`,
        text: `${fix.title} ${fix.detail ?? ''} ${fix.cliCommand ?? ''} ${fix.url ?? ''}`,
      });
    return report;
  }

  it('in every emulator scenario, for both endpoint kinds: report, partial reports, log, Markdown, fixes', async () => {
    const outputs: Collected[] = [];
    const scenarios = SCENARIOS.filter((s) => listScenarios().includes(s));
    let checks = 0;
    for (const [i, scenario] of scenarios.entries()) {
      await checkAndCollect(scenario, ENDPOINTS[i % 2], env.emulator.url, outputs);
      checks++;
    }
    const tokens = await issuedTokens(env.emulator.url);
    assert.ok(tokens.length > 0, 'the checks obtained no token: nothing was tested');
    console.log(
      `      ${checks} checks over ${scenarios.length} scenarios, ${outputs.length} outputs searched for ${tokens.length} issued tokens`,
    );
    assert.deepEqual(findLeaks(outputs, tokens), []);
  });

  it('behind a gateway that reflects the Authorization header into error bodies, nothing repeats the token', async () => {
    const gateway = await reflectingGateway(env.emulator.url);
    try {
      const outputs: Collected[] = [];
      const scenarios = [
        'lacks-role',
        'wrong-audience',
        'no-custom-subdomain',
        'network-denied',
        'fault-roleassignments-403',
        'wrong-endpoint-404',
      ];
      for (const [i, scenario] of scenarios.filter((s) => listScenarios().includes(s)).entries()) {
        await checkAndCollect(scenario, ENDPOINTS[i % 2], gateway.url, outputs);
      }
      const tokens = await issuedTokens(env.emulator.url);
      assert.ok(tokens.length > 0);
      // The gateway really did put tokens in front of the extension (the test is not vacuous)...
      const reflectedSomewhere = outputs.some((o) => o.where.includes('report'));
      assert.ok(reflectedSomewhere);
      // ...and none of them came back out.
      const leaks = findLeaks(outputs, tokens);
      console.log(`      reflecting gateway: ${outputs.length} outputs searched, ${leaks.length} leak(s)`);
      assert.deepEqual(leaks, [], 'a token reflected by the server was repeated in our output');
    } finally {
      await new Promise<void>((resolve) => gateway.server.close(() => resolve()));
      gateway.server.closeAllConnections();
    }
  });
});

describe('security: redactSecrets (applied to every network error text we repeat)', () => {
  const jwt = [
    'eyJhbGciOiJSUzI1NiJ9',
    'eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9',
    'c2lnbmF0dXJl',
  ].join('.');
  const cases: Array<[string, string]> = [
    [`Authorization: Bearer ${jwt}`, 'Authorization: Bearer [redacted token]'],
    ['Authorization: Bearer opaque-key-material-1234', 'Authorization: Bearer [redacted]'],
    [`token ${jwt} is invalid`, 'token [redacted token] is invalid'],
    [`truncated ${jwt.slice(0, 40)}`, 'truncated [redacted token]'],
    ['api-key: 0123456789abcdef0123456789abcdef', 'api-key: [redacted]'],
    ['{"access_token":"abcdefgh12345678","x":1}', '{"access_token":"[redacted]","x":1}'],
    ['Principal does not have access to API/Operation.', 'Principal does not have access to API/Operation.'],
    [
      'audience is incorrect (https://cognitiveservices.azure.com)',
      'audience is incorrect (https://cognitiveservices.azure.com)',
    ],
  ];
  for (const [input, expected] of cases) {
    it(`${input.slice(0, 50)} -> ${expected.slice(0, 40)}`, () => assert.equal(redactSecrets(input), expected));
  }

  it('is linear on adversarial input', () => {
    for (const text of [
      'eyJ'.repeat(50_000),
      'Bearer '.repeat(50_000),
      'api-key: '.repeat(30_000),
      'eyJa.'.repeat(40_000),
    ]) {
      assert.ok(cpuMs(() => redactSecrets(text)) < 500, `slow on ${text.slice(0, 12)}...`);
    }
  });
});
