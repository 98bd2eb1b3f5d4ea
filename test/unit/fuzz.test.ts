// Property-based robustness of the analysis engine: generated and mutated files in every language it
// reads must never make analyzeDocument throw, must give well-formed results (ranges inside the
// document, JSON-serialisable), and must finish in time proportional to the input: adversarial text
// (runs of quotes and backslashes, unterminated strings/comments/templates, 10k open parens...) is where
// a regex with catastrophic backtracking or a quadratic scanner would show.
//
// Budget: FUZZ_RUNS (default 120) runs per language; the whole file stays well under 60 s.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument } from '../../src/core/analyze';
import { ensureAllParsers } from '../../src/core/parse/runtime';
import type { AnalysisResult, Range } from '../../src/core/types';
import { cpuMs } from './cpuTime';
import { ADVERSARIAL, HOSTILE_FRAGMENTS, LANGUAGE_CASES } from './fuzzSamples';

const RUNS_PER_LANGUAGE = Number(process.env.FUZZ_RUNS ?? 120);
/**
 * Generous linear bound: a fixed allowance plus 3 ms per 1,000 UTF-16 units (the engine's target is ~0.05 ms).
 * A call over the bound is retried twice and judged by its fastest run, so a GC pause, a cold JIT or a busy
 * 2-core machine does not fail the suite, while backtracking or a quadratic scan (slow every time) does.
 */
const timeBoundMs = (length: number): number => 250 + (3 * length) / 1000;

let casesRun = 0;
let slowest = { ms: 0, what: '' };

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replace-newlines'; with: string };

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.integer({ min: 2, max: 400 }))
      .map(([text, times]) => text.repeat(times)),
  },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 200 }),
      times: fc.integer({ min: 1, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace-newlines' as const),
      with: fc.constantFrom('\r\n', '\r', '', '\u2028'),
    }),
  },
);

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : (m as { at?: number }).at! % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate': {
      const piece = text.slice(at, at + m.length);
      return text.slice(0, at) + piece.repeat(m.times) + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'replace-newlines':
      return text.replace(/\n/g, m.with);
  }
}

/** Line lengths under every line-break convention VS Code accepts (\r\n, \n, \r). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function assertRangeInside(range: Range, lengths: number[], looseMaxLine: number, where: string): void {
  const { start, end } = range;
  for (const p of [start, end]) {
    assert.ok(
      Number.isInteger(p.line) && Number.isInteger(p.character),
      `${where}: non-integer position ${JSON.stringify(p)}`,
    );
    assert.ok(p.line >= 0 && p.character >= 0, `${where}: negative position ${JSON.stringify(p)}`);
    assert.ok(p.line <= looseMaxLine, `${where}: line ${p.line} beyond the document (${lengths.length} lines)`);
  }
  assert.ok(
    start.line < end.line || (start.line === end.line && start.character <= end.character),
    `${where}: start after end ${JSON.stringify(range)}`,
  );
}

/** Runs the engine once under the time bound and checks the shape of what it returns. */
function analyzeChecked(text: string, languageId: string, fileName: string, label: string): AnalysisResult {
  let result!: AnalysisResult;
  let ms = Infinity;
  for (let attempt = 0; attempt < 3 && ms > timeBoundMs(text.length); attempt++) {
    let elapsed: number;
    try {
      elapsed = cpuMs(() => {
        result = analyzeDocument(text, languageId, { fileName });
      });
    } catch (error) {
      throw new Error(
        `analyzeDocument threw on ${label} (${languageId}, ${text.length} chars): ${(error as Error)?.stack ?? String(error)}`,
        { cause: error },
      );
    }
    ms = Math.min(ms, elapsed);
  }
  casesRun++;
  if (ms > slowest.ms) slowest = { ms, what: `${label} (${languageId}, ${text.length} chars)` };
  assert.ok(
    ms <= timeBoundMs(text.length),
    `${label} (${languageId}, ${text.length} chars) took ${ms.toFixed(1)} ms > ${timeBoundMs(text.length).toFixed(0)} ms`,
  );

  assert.ok(
    result && Array.isArray(result.findings) && Array.isArray(result.endpoints) && Array.isArray(result.clients),
    `${label}: malformed result`,
  );
  // A rule that throws is an engine bug, never an accepted outcome (nor a "skipped" one).
  assert.deepEqual(result.internalErrors, [], `${label} (${languageId}): internal errors`);
  if (result.skipped !== undefined) {
    assert.ok(typeof result.skipped === 'string' && result.skipped.length > 0, `${label}: empty skip reason`);
    assert.doesNotMatch(result.skipped, /internal error|failed/i, `${label}: skipped for an engine failure`);
  }
  JSON.stringify(result); // plain data: must serialise (no cycles, no BigInt)

  const lengths = lineLengths(text);
  const looseMaxLine = Math.max(lengths.length, text.split('\n').length) - 1;
  for (const f of result.findings) {
    assert.equal(typeof f.message, 'string');
    assert.ok(f.message.length > 0, `${label}: empty message for ${f.rule}`);
    assert.ok(['error', 'warning', 'info'].includes(f.severity), `${label}: bad severity ${f.severity}`);
    assertRangeInside(f.range, lengths, looseMaxLine, `${label} finding ${f.rule}`);
    assert.ok(f.fixes.filter((x) => x.preferred).length <= 1, `${label}: ${f.rule} has more than one preferred fix`);
    for (const fix of f.fixes) {
      for (const edit of fix.edits) {
        if (edit.file === fileName) assertRangeInside(edit.range, lengths, looseMaxLine, `${label} fix "${fix.title}"`);
      }
    }
  }
  for (const e of result.endpoints)
    assertRangeInside(e.range, lengths, looseMaxLine, `${label} endpoint ${e.info.url}`);
  for (const c of result.clients) assertRangeInside(c.range, lengths, looseMaxLine, `${label} client ${c.className}`);
  return result;
}

describe('fuzz: analyzeDocument on generated and mutated files', function () {
  before(async () => {
    await ensureAllParsers(); // the grammars load asynchronously, once per process
  });

  this.timeout(120_000);

  after(() => {
    console.log(
      `      fuzz: ${casesRun} analyzeDocument cases run; slowest ${slowest.ms.toFixed(1)} ms on ${slowest.what}`,
    );
  });

  it('handles the unmutated seeds of every language', () => {
    for (const c of LANGUAGE_CASES)
      for (const [i, seed] of c.seeds.entries())
        analyzeChecked(seed, c.languageId, c.fileName, `seed ${c.fileName}#${i}`);
  });

  for (const c of LANGUAGE_CASES) {
    it(`never throws and stays in time on mutated ${c.fileName} (${c.languageId})`, () => {
      fc.assert(
        fc.property(
          fc.nat({ max: c.seeds.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 8 }),
          (seedIndex, mutations) => {
            const text = mutations.reduce(applyMutation, c.seeds[seedIndex]);
            analyzeChecked(text, c.languageId, c.fileName, `mutated ${c.fileName}`);
          },
        ),
        { numRuns: RUNS_PER_LANGUAGE },
      );
    });
  }

  it('never throws on random text under any language id (including unknown ones)', () => {
    const languages = [
      ...new Set(LANGUAGE_CASES.map((c) => c.languageId)),
      'plaintext',
      'markdown',
      '',
      'no-such-language',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...languages), fc.string({ unit: 'binary', maxLength: 2000 }), (languageId, text) => {
        analyzeChecked(text, languageId, 'random.txt', 'random text');
      }),
      { numRuns: RUNS_PER_LANGUAGE * 4 },
    );
  });

  it('gives the same result twice for the same input (no hidden state between calls)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGE_CASES), fc.array(mutation, { maxLength: 4 }), (c, mutations) => {
        const text = mutations.reduce(applyMutation, c.seeds[0]);
        const first = JSON.stringify(analyzeChecked(text, c.languageId, c.fileName, 'determinism 1'));
        const second = JSON.stringify(analyzeChecked(text, c.languageId, c.fileName, 'determinism 2'));
        assert.equal(second, first);
      }),
      { numRuns: RUNS_PER_LANGUAGE },
    );
  });
});

describe('fuzz: adversarial inputs stay linear', function () {
  before(async () => {
    await ensureAllParsers(); // the grammars load asynchronously, once per process
  });

  this.timeout(120_000);

  // One representative file per language id keeps the matrix small (29 shapes x ~16 languages x 3 sizes).
  const byLanguage = [...new Map(LANGUAGE_CASES.map((c) => [c.languageId, c])).values()];

  for (const shape of ADVERSARIAL) {
    it(`${shape.name}: within the bound at every size (n = 250, 2.5k, 10k, 40k) and growing ~linearly`, () => {
      for (const c of byLanguage) {
        const small = shape.make(2_500);
        const large = shape.make(10_000); // 4x: below the minified-line threshold for most shapes
        const huge = shape.make(40_000);
        analyzeChecked(shape.make(250), c.languageId, c.fileName, shape.name);
        const tSmall = timed(() => analyzeChecked(small, c.languageId, c.fileName, shape.name));
        const tLarge = timed(() => analyzeChecked(large, c.languageId, c.fileName, shape.name));
        analyzeChecked(huge, c.languageId, c.fileName, shape.name);
        // Quadratic growth would be ~16x for 4x the input; allow noise on small absolute times.
        const ratio = large.length / Math.max(1, small.length);
        const linearEnough = (a: number, b: number): boolean => b <= a * ratio * 2.5 + 50;
        let tLargeBest = tLarge;
        let tSmallBest = tSmall;
        for (let retry = 0; retry < 4 && !linearEnough(tSmallBest, tLargeBest); retry++) {
          tSmallBest = Math.min(
            tSmallBest,
            timed(() => analyzeDocument(small, c.languageId, { fileName: c.fileName })),
          );
          tLargeBest = Math.min(
            tLargeBest,
            timed(() => analyzeDocument(large, c.languageId, { fileName: c.fileName })),
          );
        }
        assert.ok(
          linearEnough(tSmallBest, tLargeBest),
          `${shape.name} (${c.languageId}) grows super-linearly: ${tSmallBest.toFixed(1)} ms for ${small.length} chars, ${tLargeBest.toFixed(1)} ms for ${large.length}`,
        );
      }
    });
  }

  it('10,000 open parens after a client name, in every language', () => {
    for (const c of LANGUAGE_CASES)
      analyzeChecked('client = AzureOpenAI' + '('.repeat(10_000), c.languageId, c.fileName, '10k open parens');
  });
});

function timed(fn: () => void): number {
  // Best of two runs: the scaling check compares two timings, so damp GC and JIT noise.
  let best = Infinity;
  for (let i = 0; i < 2; i++) best = Math.min(best, cpuMs(fn));
  return best;
}
