// What the panel shows from the engine's knowledge: explain() for pasted error text, and the
// scenario reference (the seed's troubleshooting table verbatim [D2], then the scenarios the
// engine knows beyond the seed). Kept apart from panelHost so it has no 'vscode' import.
import { explain } from '../core/explain';
import { SCENARIOS, SEED_SCENARIOS } from '../core/knowledge/scenarios';
import type { Explanation, ScenarioId } from '../core/types';
import type { PanelScenario } from './protocol';
import { TIMELINE, whenPhrase } from '../core/knowledge/timeline';

export function explainErrorText(text: string): Explanation {
  return explain(text);
}

/** Doc typos users copy from the seed table (facts §1 "Doc typos that users copy"). */
function seedTypoNote(text: string): string | undefined {
  const notes: string[] = [];
  if (/services\.ai\.azure\.com\/model(?![s\w])/.test(text)) {
    notes.push(
      `The seed writes …services.ai.azure.com/model; the Model Inference API (/models) ${whenPhrase(TIMELINE.modelInferenceApiRetired, new Date())}: use the OpenAI client on …/openai/v1/.`,
    );
  }
  if (/openai\.azure\.com\/deployments\//.test(text)) {
    notes.push('The seed writes …openai.azure.com/deployments/…; the path is /openai/deployments/<deployment>.');
  }
  if (/Authentication` header|Authentication header/.test(text)) {
    notes.push('The header is Authorization: Bearer <token>.');
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

let cached: PanelScenario[] | undefined;

export function scenarioReference(): PanelScenario[] {
  if (cached) return cached;
  const rows: PanelScenario[] = SEED_SCENARIOS.map((row, index) => {
    const known = row.scenario ? SCENARIOS[row.scenario] : undefined;
    const scenario: PanelScenario = {
      id: `seed-${index + 1}`,
      scenario: row.error,
      rootCause: row.rootCause,
      solution: row.solution,
      links: known ? [...known.links] : [],
      origin: 'seed',
      sources: [row.source],
    };
    const note = seedTypoNote(row.solution);
    if (note) scenario.note = note;
    return scenario;
  });
  const covered = new Set<ScenarioId>(SEED_SCENARIOS.flatMap((row) => (row.scenario ? [row.scenario] : [])));
  for (const known of Object.values(SCENARIOS)) {
    if (covered.has(known.id)) continue;
    rows.push({
      id: known.id,
      scenario: known.title,
      rootCause: known.rootCause,
      solution: known.solution,
      links: [...known.links],
      origin: 'engine',
      sources: [...known.sources],
    });
  }
  cached = rows;
  return rows;
}
