// One defect, one finding: a bad AZURE_OPENAI_ENDPOINT in .env that code reads is reported once, on the
// client construction (the .env line as related location, the fix editing it); a .env no code reads
// keeps its own finding. Runs the real CLI (dist/cli.js) over small trees, JSON and SARIF.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cli, json, makeTree } from './cliSupport';
import { requireCli } from './badinputSupport';

// A deployment URL where AzureOpenAI wants the resource root: the remedy is the .env value itself.
const ENV = 'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/openai/deployments/gpt-4o\n';
const APP = [
  'import os',
  'from openai import AzureOpenAI',
  'from azure.identity import DefaultAzureCredential, get_bearer_token_provider',
  '',
  'client = AzureOpenAI(',
  '    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],',
  '    azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),',
  '    api_version="2024-06-01",',
  ')',
  '',
].join('\n');

describe('CLI: one defect, one finding', function () {
  this.timeout(60_000);
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const root = makeTree(files);
    trees.push(root);
    return root;
  };
  before(() => requireCli());
  after(() => {
    for (const t of trees) rmSync(t, { recursive: true, force: true });
  });

  it('reports a consumed .env value once, on the code, with the .env line as related location and fix target', () => {
    const root = tree({ '.env': ENV, 'app.py': APP });
    const findings = json(cli(['scan', '--format', 'json'], root)).findings.filter(
      (f) => f.rule === 'openai-class-endpoint',
    );
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      ['app.py:6'],
    );
    const preferred = findings[0].fixes.find((x) => x.preferred)!;
    assert.deepEqual(
      preferred.edits.map((e) => `${e.file}:${e.line}`),
      ['.env:1'],
    );
    const sarif = JSON.parse(cli(['scan', '--format', 'sarif'], root).stdout);
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'openai-class-endpoint');
    assert.equal(results.length, 1);
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'app.py');
    assert.equal(results[0].relatedLocations[0].physicalLocation.artifactLocation.uri, '.env');
    assert.equal(results[0].relatedLocations[0].physicalLocation.region.startLine, 1);
  });

  it('also when the preferred remedy is in the code (a /models value: the OpenAI client on v1), the .env edit is offered', () => {
    const root = tree({
      '.env': 'AZURE_OPENAI_ENDPOINT=https://contoso.services.ai.azure.com/models\n',
      'app.py': APP,
    });
    const findings = json(cli(['scan', '--format', 'json'], root)).findings.filter(
      (f) => f.rule === 'openai-class-endpoint',
    );
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      ['app.py:6'],
    );
    assert.ok(findings[0].fixes.some((x) => x.edits.some((e) => e.file === '.env' && e.line === 1)));
  });

  it('keeps the .env finding when no code reads the value', () => {
    const root = tree({ '.env': ENV, 'other.py': 'print("hello")\n' });
    const findings = json(cli(['scan', '--format', 'json'], root)).findings;
    assert.deepEqual(
      findings.map((f) => `${f.rule}@${f.file}:${f.line}`),
      ['openai-class-endpoint@.env:1'],
    );
  });

  it('keeps the .env finding when only the .env file is scanned', () => {
    const root = tree({ '.env': ENV, 'app.py': APP });
    const findings = json(cli(['scan', '--format', 'json', '.env'], root)).findings;
    assert.deepEqual(
      findings.map((f) => `${f.rule}@${f.file}:${f.line}`),
      ['openai-class-endpoint@.env:1'],
    );
  });
});
