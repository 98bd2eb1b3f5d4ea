// Property-based robustness of the engine's other text-in functions: explain() (regexes over pasted
// error output: a backtracking trap would freeze the panel), the env/config readers (odd quoting,
// exports, comments, JSONC, deep nesting) and applyTextEdits (the one place fixes touch files: it must
// agree with a simple offset model when edits are valid and refuse, never corrupt, when they are not).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { explain } from '../../src/core/explain';
import { parseEnvConfig, WorkspaceEnv } from '../../src/core/env';
import { applyTextEdits } from '../../src/core/fixes';
import { SCENARIO_IDS, type Position, type TextEdit } from '../../src/core/types';
import { cpuMs } from './cpuTime';
import { ADVERSARIAL, HOSTILE_FRAGMENTS } from './fuzzSamples';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
/** Same linear bound and retry-on-slow rule as fuzz.test.ts (fastest of up to three runs is judged). */
const timeBoundMs = (length: number): number => 250 + (3 * length) / 1000;
let casesRun = 0;

function timedCall<T>(label: string, length: number, fn: () => T): T {
  let result!: T;
  let ms = Infinity;
  for (let attempt = 0; attempt < 3 && ms > timeBoundMs(length); attempt++) {
    let elapsed: number;
    try {
      elapsed = cpuMs(() => {
        result = fn();
      });
    } catch (error) {
      throw new Error(`${label} threw on ${length} chars: ${(error as Error)?.stack ?? String(error)}`, {
        cause: error,
      });
    }
    ms = Math.min(ms, elapsed);
  }
  casesRun++;
  assert.ok(
    ms <= timeBoundMs(length),
    `${label} took ${ms.toFixed(1)} ms on ${length} chars (bound ${timeBoundMs(length).toFixed(0)} ms)`,
  );
  return result;
}

const ERROR_SEEDS = [
  "openai.AuthenticationError: Error code: 401 - {'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'}",
  'azure.core.exceptions.ClientAuthenticationError: (PermissionDenied) Principal does not have access to API/Operation.\nCode: PermissionDenied',
  'Azure.RequestFailedException: Status: 401 (Unauthorized)\nErrorCode: PermissionDenied\n\nContent:\n{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}',
  'HTTP/1.1 400 Bad Request\n{"error":{"code":"BadRequest","message":"Please provide a custom subdomain for token authentication, otherwise API key is required."}}',
  '404 {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}',
  'RestError: Access denied due to Virtual Network/Firewall rules.',
  "Traceback (most recent call last):\n  File \"app.py\", line 9, in <module>\nopenai.NotFoundError: Error code: 404 - {'error': {'code': '404', 'message': 'Resource not found'}}",
];

const textMutation = fc.oneof(
  fc.constantFrom(...HOSTILE_FRAGMENTS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom(...HOSTILE_FRAGMENTS, '401', '{"error":', 'Error code: ', 'audience', ' ', '(', '"'),
      fc.integer({ min: 2, max: 3000 }),
    )
    .map(([t, n]) => t.repeat(n)),
);

function mutate(seed: string, inserts: Array<[number, string]>): string {
  let text = seed;
  for (const [at, piece] of inserts) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + piece + text.slice(i);
  }
  return text;
}

describe('fuzz: explain(), env readers and applyTextEdits', function () {
  this.timeout(120_000);
  after(() => console.log(`      fuzz-core: ${casesRun} explain/env/applyTextEdits cases run`));

  it('explain() never throws, stays in time and returns a well-formed Explanation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ERROR_SEEDS, ''),
        fc.array(fc.tuple(fc.nat(), textMutation), { maxLength: 6 }),
        (seed, inserts) => {
          const text = mutate(seed, inserts);
          const result = timedCall('explain', text.length, () => explain(text));
          assert.ok(
            result.scenario === null || (SCENARIO_IDS as readonly string[]).includes(result.scenario),
            `unknown scenario ${result.scenario}`,
          );
          for (const key of ['title', 'rootCause', 'solution'] as const) assert.equal(typeof result[key], 'string');
          assert.ok(Array.isArray(result.links));
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('explain() stays linear on adversarial text', () => {
    for (const shape of ADVERSARIAL) {
      for (const n of [2_500, 40_000]) {
        const text = shape.make(n);
        timedCall(`explain(${shape.name})`, text.length, () => explain(text));
        timedCall(`explain(401 + ${shape.name})`, text.length, () =>
          explain('401 Unauthorized ' + text + ' PermissionDenied'),
        );
      }
    }
  });

  const configNames = [
    '.env',
    '.env.local',
    'sub/.env.production',
    'appsettings.json',
    'appsettings.Development.json',
    'local.settings.json',
    '.vscode/launch.json',
  ];
  const configSeeds: Record<string, string> = {
    dotenv: 'export AZURE_OPENAI_ENDPOINT="https://contoso.openai.azure.com"\nKEY=\'x\' # c\nMULTI="a\nb"\n# comment\n',
    json: '{\n // c\n "AzureOpenAI": { "Endpoint": "https://contoso.openai.azure.com", },\n "Values": { "A": "b" },\n "configurations": [ { "env": { "X": "y" } } ],\n}\n',
  };

  it('parseEnvConfig never throws on mutated config files and its ranges stay inside the file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...configNames),
        fc.array(fc.tuple(fc.nat(), textMutation), { maxLength: 6 }),
        (fileName, inserts) => {
          const seed = fileName.includes('.env') ? configSeeds.dotenv : configSeeds.json;
          const text = mutate(seed, inserts);
          const parsed = timedCall(`parseEnvConfig(${fileName})`, text.length, () => parseEnvConfig(fileName, text));
          assert.ok(Array.isArray(parsed.entries) && Array.isArray(parsed.errors));
          const lines = Math.max(text.split('\n').length, text.split(/\r\n|\r|\n/).length);
          for (const entry of parsed.entries) {
            assert.equal(typeof entry.name, 'string');
            assert.equal(typeof entry.value, 'string');
            for (const p of [entry.range.start, entry.range.end])
              assert.ok(p.line >= 0 && p.line < lines && p.character >= 0, `range outside ${fileName}`);
          }
          const env = new WorkspaceEnv();
          env.set(fileName, text);
          for (const entry of parsed.entries.slice(0, 3)) env.sourceFor('src/app.py').lookup(entry.name);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('parseEnvConfig stays linear on adversarial and deeply nested input', () => {
    for (const shape of ADVERSARIAL) {
      for (const fileName of ['.env', 'appsettings.json']) {
        const text = shape.make(40_000);
        timedCall(`parseEnvConfig(${fileName}, ${shape.name})`, text.length, () => parseEnvConfig(fileName, text));
      }
    }
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    timedCall('parseEnvConfig(deep JSON)', deep.length, () => parseEnvConfig('appsettings.json', deep));
  });

  // applyTextEdits against a model: offsets into the text, spliced from the end.
  function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  it('applyTextEdits equals the offset model for valid non-overlapping edits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', '"', 'é', '𝒜'), maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 10 }), fc.string({ maxLength: 8 })), { maxLength: 6 }),
        (text, raw) => {
          // Build sorted, non-overlapping offset edits that never split a \r\n or a surrogate pair.
          const safe = (o: number): boolean =>
            o <= text.length && !(o > 0 && o < text.length && /[\uD800-\uDBFF]/.test(text[o - 1]));
          const edits: Array<{ start: number; end: number; newText: string }> = [];
          let cursor = 0;
          for (const [a, len, newText] of raw
            .map(([a, l, t]) => [a % (text.length + 1), l, t] as const)
            .sort((x, y) => x[0] - y[0])) {
            const start = Math.max(a, cursor);
            const end = Math.min(text.length, start + len);
            if (!safe(start) || !safe(end) || text.slice(start, end).includes('\n')) continue;
            edits.push({ start, end, newText });
            cursor = end + 1;
          }
          let expected = text;
          for (const e of [...edits].reverse())
            expected = expected.slice(0, e.start) + e.newText + expected.slice(e.end);
          const asTextEdits: TextEdit[] = edits.map((e) => ({
            file: 'f',
            range: { start: positionAt(text, e.start), end: positionAt(text, e.end) },
            newText: e.newText,
          }));
          assert.equal(
            applyTextEdits(text, fc.sample(fc.shuffledSubarray(asTextEdits, { minLength: asTextEdits.length }), 1)[0]),
            expected,
          );
          casesRun++;
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('applyTextEdits never throws and refuses (undefined) rather than corrupting on stale or invalid ranges', () => {
    const position = fc.record({ line: fc.integer({ min: -2, max: 30 }), character: fc.integer({ min: -2, max: 60 }) });
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('x', '\n', '\r\n', '\r', '\t'), maxLength: 120 }),
        fc.array(fc.record({ start: position, end: position, newText: fc.string({ maxLength: 5 }) }), { maxLength: 5 }),
        (text, raw) => {
          const edits: TextEdit[] = raw.map((r) => ({
            file: 'f',
            range: { start: r.start, end: r.end },
            newText: r.newText,
          }));
          const result = applyTextEdits(text, edits);
          casesRun++;
          if (result === undefined) return;
          assert.equal(typeof result, 'string');
          // Whatever was applied, text outside all edit ranges survives: every untouched line of the
          // original that lies before the first edited line is still there, in order.
          const firstLine = Math.min(...edits.map((e) => e.range.start.line), Number.MAX_SAFE_INTEGER);
          const keptPrefix = text.split('\n').slice(0, Math.max(0, firstLine)).join('\n');
          assert.ok(result.startsWith(keptPrefix), 'text before the first edit changed');
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });
});
