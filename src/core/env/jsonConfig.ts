// Readers for the JSON configuration files that feed environment/configuration values:
// appsettings*.json (flattened as .NET configuration sees it: Section:Key, also Section__Key as the
// environment-variable form), local.settings.json (its Values) and .vscode/launch.json (env blocks).
import type { Range } from '../types';
import type { EnvEntry, EnvParseResult } from './dotenv';
import { LineIndex } from './lineIndex';
import { parseJsonc, propertyOf, type JsonNode } from './jsonc';

function jsoncErrors(index: LineIndex, errors: Array<{ offset: number; message: string }>): string[] {
  return errors.map((e) => `line ${index.positionAt(e.offset).line + 1}: ${e.message}`);
}

function scalarEntry(name: string, node: JsonNode, fileName: string, index: LineIndex): EnvEntry | undefined {
  if (node.kind === 'object' || node.kind === 'array' || node.kind === 'null') return undefined;
  const range: Range = index.rangeOf(node.start, node.end);
  return { name, value: node.value, file: fileName, range };
}

/** appsettings*.json: every scalar, flattened as Section:Key and Section__Key (arrays by index). */
export function parseAppSettings(fileName: string, text: string): EnvParseResult {
  const index = new LineIndex(text);
  const { root, errors } = parseJsonc(text);
  const entries: EnvEntry[] = [];
  const walk = (node: JsonNode, path: string[], depth: number) => {
    if (depth > 64) return;
    if (node.kind === 'object') {
      for (const p of node.properties) walk(p.value, [...path, p.key], depth + 1);
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
    } else if (path.length) {
      const colon = scalarEntry(path.join(':'), node, fileName, index);
      if (colon) {
        entries.push(colon);
        if (path.length > 1) entries.push({ ...colon, name: path.join('__') });
      }
    }
  };
  if (root && root.kind !== 'object')
    errors.push({ offset: root.start, message: 'expected a JSON object at the top level' });
  else if (root) walk(root, [], 0);
  return { entries, errors: jsoncErrors(index, errors) };
}

/** local.settings.json: the Values object (Azure Functions app settings), names as written plus the other separator form. */
export function parseLocalSettings(fileName: string, text: string): EnvParseResult {
  const index = new LineIndex(text);
  const { root, errors } = parseJsonc(text);
  const entries: EnvEntry[] = [];
  const values = propertyOf(root, 'Values');
  if (root && !values) errors.push({ offset: root.start, message: 'no "Values" object' });
  if (values?.kind === 'object') {
    for (const p of values.properties) {
      const entry = scalarEntry(p.key, p.value, fileName, index);
      if (!entry) continue;
      entries.push(entry);
      if (p.key.includes('__')) entries.push({ ...entry, name: p.key.split('__').join(':') });
      else if (p.key.includes(':')) entries.push({ ...entry, name: p.key.split(':').join('__') });
    }
  }
  return { entries, errors: jsoncErrors(index, errors) };
}

/** .vscode/launch.json: the env blocks of its configurations (first configuration wins on duplicates). */
export function parseLaunchJson(fileName: string, text: string): EnvParseResult {
  const index = new LineIndex(text);
  const { root, errors } = parseJsonc(text);
  const entries: EnvEntry[] = [];
  const seen = new Set<string>();
  const configurations = propertyOf(root, 'configurations');
  if (configurations?.kind === 'array') {
    for (const configuration of configurations.items) {
      const env = propertyOf(configuration, 'env');
      if (env?.kind !== 'object') continue;
      for (const p of env.properties) {
        if (seen.has(p.key)) continue;
        const entry = scalarEntry(p.key, p.value, fileName, index);
        if (!entry) continue;
        seen.add(p.key);
        entries.push(entry);
      }
    }
  }
  return { entries, errors: jsoncErrors(index, errors) };
}
