// The panel host trusts nothing the webview sends: these cases pin down that the validator accepts
// exactly the protocol's messages and rejects malformed or hostile ones.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LIMITS, isHttpsUrl, validateWebviewMessage } from '../../src/webview/protocol';

describe('webview protocol validator', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'scanWorkspace' },
      { type: 'runCheck' },
      { type: 'runCheck', findingKey: 'file:///w/a.py#token-scope@1:2-1:9' },
      { type: 'openIam' },
      { type: 'revealFinding', key: 'file:///w/a.py#token-scope@1:2-1:9' },
      { type: 'applyFix', index: 0, kind: 'copy-cli' },
      { type: 'explain', text: '401 Principal does not have access to API/Operation' },
      { type: 'explain', text: '' },
      { type: 'openLink', url: 'https://learn.microsoft.com/azure/ai-foundry/' },
      { type: 'openReport' },
      { type: 'cancelRecheck' },
      { type: 'retryCheck' },
      { type: 'rendered', revision: 0, status: 'none' },
      { type: 'rendered', revision: 41, status: 'problem' },
    ];
    for (const message of good) {
      const result = validateWebviewMessage(message);
      assert.ok(result.ok, `${JSON.stringify(message)}: ${result.ok ? '' : result.reason}`);
      assert.deepEqual(result.message, message);
    }
  });

  it('rejects values that are not plain objects', () => {
    for (const value of [null, undefined, 42, 'ready', true, [], [{ type: 'ready' }], new Date(), new Map(), () => 1]) {
      assert.equal(validateWebviewMessage(value).ok, false, typeof value);
    }
    class Ready {
      type = 'ready';
    }
    assert.equal(validateWebviewMessage(new Ready()).ok, false);
  });

  it('rejects unknown or inherited message types', () => {
    for (const type of [
      '',
      'READY',
      'assignRole',
      'executeCommand',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      1,
      null,
    ]) {
      assert.equal(validateWebviewMessage({ type }).ok, false, `type ${String(type)}`);
    }
    assert.equal(validateWebviewMessage({}).ok, false);
  });

  it('rejects extra properties (no smuggled command ids, arguments or prototypes)', () => {
    assert.equal(validateWebviewMessage({ type: 'ready', command: 'workbench.action.terminal.new' }).ok, false);
    assert.equal(validateWebviewMessage({ type: 'scanWorkspace', args: ['rm -rf /'] }).ok, false);
    assert.equal(validateWebviewMessage(JSON.parse('{"type":"openIam","__proto__":{"polluted":true}}')).ok, false);
    assert.equal(validateWebviewMessage({ type: 'applyFix', index: 0, kind: 'assign-role', report: {} }).ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects fields of the wrong type or size', () => {
    const bad: unknown[] = [
      { type: 'revealFinding' },
      { type: 'revealFinding', key: '' },
      { type: 'revealFinding', key: 7 },
      { type: 'revealFinding', key: { toString: () => 'x' } },
      { type: 'revealFinding', key: 'k'.repeat(LIMITS.key + 1) },
      { type: 'runCheck', findingKey: '' },
      { type: 'runCheck', findingKey: null },
      { type: 'applyFix', index: -1, kind: 'copy-cli' },
      { type: 'applyFix', index: 1.5, kind: 'copy-cli' },
      { type: 'applyFix', index: Number.NaN, kind: 'copy-cli' },
      { type: 'applyFix', index: '0', kind: 'copy-cli' },
      { type: 'applyFix', index: 1e9, kind: 'copy-cli' },
      { type: 'applyFix', index: 0 },
      { type: 'applyFix', index: 0, kind: '' },
      { type: 'applyFix', index: 0, kind: 'x'.repeat(LIMITS.kind + 1) },
      { type: 'explain' },
      { type: 'explain', text: ['401'] },
      { type: 'explain', text: 'x'.repeat(LIMITS.errorText + 1) },
      { type: 'openLink' },
      { type: 'openLink', url: 'javascript:alert(1)' },
      { type: 'openLink', url: 'http://learn.microsoft.com/' },
      { type: 'openLink', url: 'file:///etc/passwd' },
      { type: 'openLink', url: 'command:workbench.action.terminal.new' },
      { type: 'openLink', url: 'vscode://ms-python.python/x' },
      { type: 'openLink', url: 'https://user:pass@example.com/' },
      { type: 'openLink', url: 'https://' + 'a'.repeat(LIMITS.url) + '.com' },
      { type: 'openLink', url: 'not a url' },
      { type: 'rendered', revision: 1 },
      { type: 'rendered', revision: -1, status: 'ok' },
      { type: 'rendered', revision: 1.5, status: 'ok' },
      { type: 'rendered', revision: '3', status: 'ok' },
      { type: 'rendered', revision: 3, status: 'loading' },
      { type: 'rendered', revision: 3, status: 'toString' },
    ];
    for (const message of bad) {
      const result = validateWebviewMessage(message);
      assert.equal(result.ok, false, JSON.stringify(message)?.slice(0, 120));
      assert.ok(!result.ok && result.reason.length > 0 && result.reason.length < 200);
    }
  });

  it('returns a fresh object, not the incoming one', () => {
    const incoming = { type: 'explain', text: 'x' };
    const result = validateWebviewMessage(incoming);
    assert.ok(result.ok);
    assert.notEqual(result.message, incoming);
  });

  it('never throws and never accepts junk, for arbitrary values (property test)', () => {
    const known = new Set([
      'ready',
      'scanWorkspace',
      'runCheck',
      'openIam',
      'revealFinding',
      'applyFix',
      'explain',
      'openLink',
    ]);
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (value) => {
        const result = validateWebviewMessage(value);
        if (result.ok) assert.ok(known.has(result.message.type));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            type: fc.constantFrom(...known),
            text: fc.anything(),
            key: fc.anything(),
            url: fc.anything(),
            index: fc.anything(),
            kind: fc.anything(),
          },
          { requiredKeys: ['type'] },
        ),
        (value) => {
          const result = validateWebviewMessage(value);
          if (!result.ok) return;
          const message = result.message as Record<string, unknown>;
          for (const field of ['text', 'key', 'url', 'kind', 'findingKey']) {
            if (field in message) assert.equal(typeof message[field], 'string');
          }
          if ('index' in message) assert.ok(Number.isInteger(message.index));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('isHttpsUrl accepts only absolute https URLs without credentials', () => {
    assert.equal(isHttpsUrl('https://portal.azure.com/#@t/resource/subscriptions/s/users'), true);
    assert.equal(isHttpsUrl('https://aka.ms/cogsvc-vnet'), true);
    assert.equal(isHttpsUrl('//portal.azure.com'), false);
    assert.equal(isHttpsUrl('HTTPS://learn.microsoft.com'), true);
    assert.equal(isHttpsUrl('data:text/html,<script>alert(1)</script>'), false);
  });
});
