// `scan --format sarif` against the official SARIF 2.1.0 JSON schema (sarif-2.1.0-rtm.5, as shipped
// by @microsoft/jest-sarif), plus what GitHub code scanning relies on: rules with help and helpUri,
// results with relative artifact URIs under %SRCROOT%, related locations and fixes.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { requireCli } from './badinputSupport';
import { cli, makeTree, snippet } from './cliSupport';
import { sarifValidator } from './sarifSchema';
import { RULE_IDS } from '../../src/core/types';

describe('SARIF output', function () {
  this.timeout(60_000);
  let root = '';
  let log: any;
  const validate = sarifValidator();

  before(function () {
    requireCli();
    root = makeTree({
      'src/my app.py': snippet('bad-azureopenai.py.txt'),
      '.env': 'AZURE_OPENAI_ENDPOINT=https://contoso.services.ai.azure.com/models\n',
      'env_app.py': snippet('env-azureopenai.py.txt'),
      'package.json': snippet('warning-only.package.json.txt'),
    });
    const r = cli(['scan', '--format', 'sarif', '--fail-on', 'never'], root);
    assert.equal(r.code, 0, r.stderr);
    log = JSON.parse(r.stdout);
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  it('validates against the official SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('the validator really checks (a broken log fails)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
  });

  it('describes every rule with short description, help text, helpUri and a default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(
      rules.map((r: any) => r.id),
      [...RULE_IDS],
    );
    for (const rule of rules) {
      assert.ok(rule.shortDescription.text.length > 10, rule.id);
      assert.ok(rule.help.text.length > 10 && rule.help.markdown, rule.id);
      assert.equal(
        rule.helpUri,
        `https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor/blob/main/docs/rules/${rule.id}.md`,
      );
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
  });

  it('results carry ruleId/ruleIndex, level, message and a relative, encoded location under %SRCROOT%', () => {
    const results = log.runs[0].results;
    assert.ok(results.length >= 3);
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes('\\'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    assert.ok(results.some((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/my%20app.py'));
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'), true);
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  it('has related locations (the .env line) and fixes with artifact changes', () => {
    const fromEnv = log.runs[0].results.find(
      (r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'env_app.py' && r.relatedLocations,
    );
    assert.ok(fromEnv, 'no result with related locations');
    assert.equal(fromEnv.relatedLocations[0].physicalLocation.artifactLocation.uri, '.env');
    const withFix = log.runs[0].results.find((r: any) => r.fixes);
    assert.ok(withFix);
    const change = withFix.fixes[0].artifactChanges[0];
    assert.ok(change.replacements[0].deletedRegion.startLine >= 1);
    assert.equal(typeof change.replacements[0].insertedContent.text, 'string');
  });
});
