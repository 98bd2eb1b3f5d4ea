// The rule contract: messages rendered from meta.messages + data (and only from there), and everything
// that lists rules (CLI help, SARIF, package.json settings enum, README table, docs/rules) equal to meta.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { analyzeDocument } from '../../src/core/analyze';
import { MessageError, placeholdersOf, renderMessage } from '../../src/core/messages';
import { RULES } from '../../src/core/rules';
import { defineRule, makeReporter } from '../../src/core/rules/rule';
import { Doc } from '../../src/core/scan/document';
import { RULE_IDS, type Finding } from '../../src/core/types';
import { HELP } from '../../src/cli/args';
import { sarifReport } from '../../src/cli/report';
import { readmeRuleTable } from '../../src/cli/ruleMeta';
import { repoRoot } from './repo';

const meta = { id: 'demo', messages: { hello: "Client {cls} calls '{url}'; pass { Audience = {target} }." } };

describe('rule messages', () => {
  it('fills every placeholder from data, and leaves braces that are not placeholders alone', () => {
    assert.equal(
      renderMessage(meta, 'hello', { cls: 'AzureOpenAI', url: 'https://x.openai.azure.com', target: 'A.B' }),
      "Client AzureOpenAI calls 'https://x.openai.azure.com'; pass { Audience = A.B }.",
    );
  });

  it('does not expand placeholders inside data values', () => {
    assert.equal(
      renderMessage(meta, 'hello', { cls: '{url}', url: 'u', target: 't' }).startsWith('Client {url} '),
      true,
    );
  });

  it('throws on an unknown messageId (also one inherited from Object.prototype)', () => {
    assert.throws(() => renderMessage(meta, 'nope', {}), MessageError);
    assert.throws(() => renderMessage(meta, 'toString', {}), MessageError);
  });

  it('throws when a placeholder has no data', () => {
    assert.throws(() => renderMessage(meta, 'hello', { cls: 'A', url: 'u' }), /\{target\} has no data/);
  });

  it('makeReporter renders through meta, normalises fixes and rejects an unknown messageId', () => {
    const rule = defineRule({
      meta: {
        id: 'token-scope',
        defaultSeverity: 'error',
        languages: ['python'],
        description: 'd',
        docs: { url: 'https://example.test/token-scope.md', details: 'd' },
        messages: { wrong: "Scope '{scope}' is wrong." },
      },
      check() {},
    });
    const doc = new Doc('x = "https://ml.azure.com/.default"\n', 'python', { fileName: '/w/a.py' });
    const sink: Finding[] = [];
    const report = makeReporter(doc, rule, sink);
    report({
      messageId: 'wrong',
      data: { scope: 'https://ml.azure.com/.default' },
      node: { startIndex: 5, endIndex: 34 },
    });
    assert.equal(sink[0].message, "Scope 'https://ml.azure.com/.default' is wrong.");
    assert.equal(sink[0].messageId, 'wrong');
    assert.deepEqual(sink[0].data, { scope: 'https://ml.azure.com/.default' });
    assert.deepEqual(sink[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 34 } });
    assert.throws(() => report({ messageId: 'other', start: 0, end: 1 }), MessageError);
    assert.throws(() => report({ messageId: 'wrong', start: 0, end: 1 }), MessageError);
  });

  it('a rule reporting off its contract surfaces as an internal error, not as a silently lost finding', () => {
    const rule = RULES.find((r) => r.meta.id === 'hardcoded-key')!;
    const saved = rule.meta.messages.keyLiteral;
    const text =
      'c = AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="1", api_key="0123456789abcdef0123456789abcdef")\n';
    const analyse = () => analyzeDocument(text, 'python', { fileName: '/w/a.py' });
    assert.ok(analyse().findings.some((f) => f.rule === 'hardcoded-key'));
    try {
      rule.meta.messages.keyLiteral = 'Key {missing}.';
      const result = analyse();
      assert.deepEqual(
        result.internalErrors.map((e) => `${e.rule}: ${e.message}`),
        ['hardcoded-key: hardcoded-key/keyLiteral: placeholder {missing} has no data'],
      );
      assert.equal(
        result.findings.some((f) => f.rule === 'hardcoded-key'),
        false,
        'no half-filled message',
      );
    } finally {
      rule.meta.messages.keyLiteral = saved;
    }
  });
});

describe('rule meta', () => {
  it('every rule has id (in RULE_IDS order), severity, languages, description, docs and messages', () => {
    assert.deepEqual(
      RULES.map((r) => r.meta.id),
      [...RULE_IDS],
    );
    for (const { meta: m } of RULES) {
      assert.ok(['error', 'warning', 'info'].includes(m.defaultSeverity), m.id);
      assert.ok(m.languages.length > 0, m.id);
      assert.ok(m.description.length > 10 && !m.description.includes('\n'), m.id);
      assert.ok(m.docs.details.length >= m.description.length / 2, m.id);
      assert.match(m.docs.url, new RegExp(`/docs/rules/${m.id}\\.md$`));
      const ids = Object.keys(m.messages);
      assert.ok(ids.length > 0, m.id);
      for (const id of ids) {
        assert.match(id, /^[a-z][A-Za-z0-9]*$/, `${m.id}: messageId ${id}`);
        const text = m.messages[id];
        assert.ok(!/\[[A-Z]{1,3}\d{1,2}[a-z]?\]/.test(text), `${m.id}/${id}: citation tag in a user message`);
        // placeholders render: a value for each, no brace-wrapped identifier left over
        const data = Object.fromEntries(placeholdersOf(text).map((p) => [p, `<${p}>`]));
        assert.ok(!/\{[A-Za-z_]\w*\}/.test(renderMessage(m, id, data)), `${m.id}/${id}`);
      }
    }
  });

  it('docs/rules/<id>.md exists for every rule, titled with its id and stating its default severity', () => {
    for (const { meta: m } of RULES) {
      const page = join(repoRoot, 'docs/rules', `${m.id}.md`);
      assert.ok(existsSync(page), m.id);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${m.id}\n`), `${m.id}: title`);
      assert.match(text, new RegExp(`\\*\\*Default severity:\\*\\* ${m.defaultSeverity}\\b`), `${m.id}: severity`);
    }
  });

  it('package.json settings enum equals the rule ids (node scripts/gen-rule-docs.mjs)', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const rules = manifest.contributes.configuration.properties['azureAiAuthDoctor.rules'];
    assert.deepEqual(rules.propertyNames.enum, [...RULE_IDS]);
  });

  it('the README rule table is the one generated from meta (node scripts/gen-rule-docs.mjs)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const m = /<!-- rule-table:start[^\n]*-->\n([\s\S]*?)\n[ \t]*<!-- rule-table:end -->/.exec(readme);
    assert.ok(m, 'README.md has the rule-table markers');
    assert.equal(m[1], readmeRuleTable());
  });

  it('scripts/gen-rule-docs.mjs --check finds nothing to regenerate', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/gen-rule-docs.mjs'), '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('CLI --help lists every rule with its default severity and description', () => {
    for (const { meta: m } of RULES) assert.match(HELP, new RegExp(`^ +${m.id} +${m.defaultSeverity} +\\S`, 'm'), m.id);
  });

  it('SARIF rules come from meta', () => {
    const log = JSON.parse(sarifReport('/w', '0.0.0', []));
    const rules = log.runs[0].tool.driver.rules as Array<Record<string, any>>;
    assert.deepEqual(
      rules.map((r) => r.id),
      [...RULE_IDS],
    );
    for (const [i, { meta: m }] of RULES.entries()) {
      assert.equal(rules[i].shortDescription.text, m.description.replace(/`/g, ''));
      assert.equal(rules[i].fullDescription.text, m.docs.details);
      assert.equal(rules[i].helpUri, m.docs.url);
      assert.equal(rules[i].defaultConfiguration.level, m.defaultSeverity === 'info' ? 'note' : m.defaultSeverity);
    }
  });
});
