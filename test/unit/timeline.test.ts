// Dated facts: the clock decides the tense. Each date is checked the day before and on the day, through
// AnalysisContext.now (the engine's injectable clock), never through the machine's date.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { hasArrived, nowOf } from '../../src/core/clock';
import { TIMELINE, whenPhrase, type DatedFact } from '../../src/core/knowledge/timeline';

const dayBefore = (date: string) => new Date(Date.parse(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`) - 1);
const onTheDay = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

describe('timeline and clock', () => {
  for (const [name, fact] of Object.entries(TIMELINE) as Array<[string, DatedFact]>) {
    it(`${name}: future tense before ${fact.date}, past tense from it`, () => {
      assert.match(whenPhrase(fact, dayBefore(fact.date)), new RegExp(`^will be ${fact.event} on ${fact.date}$`));
      assert.match(whenPhrase(fact, onTheDay(fact.date)), new RegExp(`^was ${fact.event} on ${fact.date}$`));
    });
  }

  it('nowOf uses a pinned clock and falls back to the real time (also for an invalid Date)', () => {
    const pinned = new Date('2020-01-02T03:04:05Z');
    assert.equal(nowOf({ now: pinned }), pinned);
    const before = Date.now();
    assert.ok(nowOf({}).getTime() >= before);
    assert.ok(nowOf({ now: new Date('nonsense') }).getTime() >= before);
    assert.equal(hasArrived('2026-08-26', new Date('2026-08-25T23:59:59Z')), false);
    assert.equal(hasArrived('2026-08-26', new Date('2026-08-26T00:00:00Z')), true);
  });

  describe('sdk-version follows the clock', () => {
    const manifests: Array<[string, string, string]> = [
      ['azure-ai-inference==1.0.0b9\n', 'pip-requirements', '/w/requirements.txt'],
      ['{ "dependencies": { "@azure-rest/ai-inference": "1.0.0-beta.6" } }', 'json', '/w/package.json'],
      [
        '<Project><ItemGroup><PackageReference Include="Azure.AI.Inference" Version="1.0.0-beta.5" /></ItemGroup></Project>',
        'xml',
        '/w/app.csproj',
      ],
      ["dependencies { implementation 'com.azure:azure-ai-inference:1.0.0-beta.5' }\n", 'groovy', '/w/build.gradle'],
    ];
    const date = TIMELINE.inferenceSdkRetired.date;
    for (const [text, languageId, fileName] of manifests) {
      it(`${fileName}: "will be retired" before ${date}, "was retired" on it`, () => {
        const find = (now: Date) => {
          const f = analyzeDocument(text, languageId, { fileName, now }).findings.find((x) => x.rule === 'sdk-version');
          assert.ok(f, `no sdk-version finding for ${fileName}`);
          return f;
        };
        const before = find(dayBefore(date));
        assert.match(before.message, new RegExp(`will be retired on ${date}`));
        assert.doesNotMatch(before.message, /was retired/);
        assert.equal(before.severity, 'warning');
        const after = find(onTheDay(date));
        assert.match(after.message, new RegExp(`was retired on ${date}`));
        assert.doesNotMatch(after.message, /will be retired/);
        assert.match(after.message, /\/openai\/v1/);
        assert.equal(after.severity, 'warning'); // the code rule retired-inference-api is the error; manifests warn
      });
    }
  });
});
