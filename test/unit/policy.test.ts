// core/policy.ts: the one home of severity overrides (settings and CLI --rule) and of the
// one-preferred-fix rule.
import * as assert from 'node:assert/strict';
import { applyRuleSeverities, normalizePreferred, parseRuleOption, readRuleSeverities } from '../../src/core/policy';
import type { Finding, Fix } from '../../src/core/types';

const finding = (rule: Finding['rule'], severity: Finding['severity']): Finding => ({
  rule,
  severity,
  messageId: 'm',
  data: {},
  message: rule,
  file: 'f',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  related: [],
  fixes: [],
  docsUrl: '',
});
const fix = (title: string, preferred: boolean): Fix => ({ title, preferred, edits: [] });

describe('policy', () => {
  it('applies per-rule settings: off drops, a level replaces, default and unset keep the reported severity', () => {
    const out = applyRuleSeverities(
      [
        finding('hardcoded-key', 'warning'),
        finding('token-scope', 'error'),
        finding('sdk-version', 'info'),
        finding('missing-model', 'warning'),
      ],
      { 'hardcoded-key': 'off', 'token-scope': 'info', 'sdk-version': 'default' },
    );
    assert.deepEqual(
      out.map((f) => `${f.rule}:${f.severity}`),
      ['token-scope:info', 'sdk-version:info', 'missing-model:warning'],
    );
  });

  it('reads the settings object, ignoring unknown rules and values', () => {
    assert.deepEqual(
      readRuleSeverities({
        'token-scope': 'off',
        'no-such-rule': 'off',
        'static-token': 'loud',
        'sdk-version': 'default',
      }),
      { 'token-scope': 'off', 'sdk-version': 'default' },
    );
    assert.deepEqual(readRuleSeverities('off'), {});
    assert.deepEqual(readRuleSeverities(null), {});
  });

  it('parses --rule <id>=<level> and explains what is wrong otherwise', () => {
    assert.deepEqual(parseRuleOption('token-scope=warning'), ['token-scope', 'warning']);
    assert.throws(() => parseRuleOption('token-scope'), /expects <id>=off\|info\|warning\|error/);
    assert.throws(() => parseRuleOption('nope=off'), /unknown rule "nope"/);
    assert.throws(() => parseRuleOption('token-scope=default'), /level must be off, info, warning or error/);
  });

  it('keeps exactly one preferred fix: the first marked, else the first', () => {
    assert.deepEqual(
      normalizePreferred([fix('a', false), fix('b', true), fix('c', true)]).map((f) => f.preferred),
      [false, true, false],
    );
    assert.deepEqual(
      normalizePreferred([fix('a', false), fix('b', false)]).map((f) => f.preferred),
      [true, false],
    );
    assert.deepEqual(normalizePreferred([]), []);
  });
});
