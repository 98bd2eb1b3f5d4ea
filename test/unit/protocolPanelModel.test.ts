// The panel's model and HTML shell: findings grouped by rule with counts and opaque keys, and a
// strict CSP with a fresh nonce per render.
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/types';
import { buildFindingsModel, findingKey } from '../../src/webview/panelModel';
import { contentSecurityPolicy, createNonce, renderPanelHtml } from '../../src/webview/panelHtml';
import { formatAge, matchesQuery } from '../../src/webview/ui/format';
import { scenarioReference, explainErrorText } from '../../src/webview/panelKnowledge';
import { iamUrl } from '../../src/webview/portalLinks';

function finding(
  rule: Finding['rule'],
  severity: Finding['severity'],
  line: number,
  extra: Partial<Finding> = {},
): Finding {
  return {
    rule,
    severity,
    messageId: 'test',
    data: {},
    message: `${rule} at ${line}`,
    file: 'x',
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    related: [],
    fixes: [],
    docsUrl: `https://example.com/docs/${rule}.md`,
    ...extra,
  };
}

describe('panel findings model', () => {
  it('groups by rule with counts, worst severity first, and sorts findings by path and line', () => {
    const byUri = new Map<string, Finding[]>([
      ['file:///w/b.py', [finding('token-scope', 'warning', 4), finding('hardcoded-key', 'error', 1)]],
      ['file:///w/a.py', [finding('token-scope', 'warning', 9), finding('token-scope', 'warning', 2)]],
    ]);
    const model = buildFindingsModel(byUri, (uri) => uri.replace('file:///w/', ''));
    assert.equal(model.count, 4);
    assert.deepEqual(
      model.groups.map((g) => [g.rule, g.count, g.severity]),
      [
        ['hardcoded-key', 1, 'error'],
        ['token-scope', 3, 'warning'],
      ],
    );
    assert.deepEqual(
      model.groups[1].findings.map((f) => `${f.path}:${f.range.start.line}`),
      ['a.py:2', 'a.py:9', 'b.py:4'],
    );
    assert.equal(model.index.size, 4);
    const key = findingKey('file:///w/a.py', finding('token-scope', 'warning', 2));
    assert.deepEqual(model.index.get(key)?.range.start, { line: 2, character: 2 });
    assert.ok(model.links.has('https://example.com/docs/token-scope.md'));
  });

  it('keeps endpoint strings for the access check and de-duplicates repeated findings', () => {
    const f = finding('inference-endpoint', 'info', 3, { endpoint: 'https://x.services.ai.azure.com/models' });
    const model = buildFindingsModel(new Map([['file:///w/c.ts', [f, f]]]), (u) => u);
    assert.equal(model.count, 1);
    assert.equal(model.groups[0].findings[0].endpoint, 'https://x.services.ai.azure.com/models');
    assert.equal([...model.index.values()][0].endpoint, 'https://x.services.ai.azure.com/models');
  });

  it('lists at most the limit per rule but counts them all, and publishes keys only for listed ones', () => {
    const many = Array.from({ length: 12 }, (_, line) => finding('token-scope', 'warning', line));
    const model = buildFindingsModel(new Map([['file:///w/a.py', many]]), (u) => u, 5);
    assert.equal(model.count, 12);
    assert.equal(model.groups[0].count, 12);
    assert.equal(model.groups[0].findings.length, 5);
    assert.equal(model.index.size, 5);
    for (const shown of model.groups[0].findings) assert.ok(model.index.has(shown.key));
  });

  it("carries hostile text through as data (rendering as text is the webview's job)", () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const model = buildFindingsModel(
      new Map([
        [`file:///w/${encodeURIComponent(hostile)}.env`, [finding('hardcoded-key', 'error', 0, { message: hostile })]],
      ]),
      () => `${hostile}.env`,
    );
    assert.equal(model.groups[0].findings[0].message, hostile);
    assert.equal(model.groups[0].findings[0].path, `${hostile}.env`);
  });
});

describe('panel HTML shell', () => {
  const webview = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    asWebviewUri: (u: { toString(): string }) => u,
  };
  const assets = {
    script: 'https://r/dist/webview/main.js',
    style: 'https://r/dist/webview/main.css',
    codicons: 'https://r/dist/webview/codicon.css',
  };

  it("uses default-src 'none', a script nonce, and the webview source for styles and fonts only", () => {
    const csp = contentSecurityPolicy(webview.cspSource, 'abc');
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc'; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('renders a fresh nonce every time, used by the one script tag', () => {
    const first = renderPanelHtml(webview, assets);
    const second = renderPanelHtml(webview, assets);
    const nonceOf = (html: string) => /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonceOf(first));
    assert.notEqual(nonceOf(first), nonceOf(second));
    assert.equal((first.match(/<script/g) ?? []).length, 1);
    assert.ok(first.includes(`<script nonce="${nonceOf(first)}" src="https://r/dist/webview/main.js">`));
    assert.ok(first.includes('id="vscode-codicon-stylesheet"'));
    assert.equal(new Set(Array.from({ length: 50 }, createNonce)).size, 50);
    assert.ok(Buffer.from(createNonce(), 'base64').length >= 16);
  });
});

describe('panel formatting and knowledge', () => {
  it('formats role assignment ages', () => {
    assert.equal(formatAge(undefined), undefined);
    assert.equal(formatAge(-1), undefined);
    assert.equal(formatAge(3.7), '3 min');
    assert.equal(formatAge(125), '2 h');
    assert.equal(formatAge(60 * 24 * 9), '9 d');
  });

  it('matches every search term case-insensitively', () => {
    assert.equal(matchesQuery('', ['x']), true);
    assert.equal(matchesQuery('401 principal', ['401 Principal does not have access']), true);
    assert.equal(matchesQuery('401 subdomain', ['401 Principal does not have access']), false);
  });

  it('lists the seed table rows first, verbatim, then the engine scenarios beyond it', () => {
    const rows = scenarioReference();
    const seed = rows.filter((r) => r.origin === 'seed');
    assert.equal(seed.length, 7);
    assert.equal(seed[1].scenario, '401 Principal does not have access to API/Operation');
    assert.ok(rows.some((r) => r.origin === 'engine' && r.id === 'custom-subdomain-required'));
    assert.ok(
      seed.some((r) => r.note?.includes('/models')),
      'notes the /model typo',
    );
    for (const row of rows) for (const link of row.links) assert.match(link, /^https:\/\//);
  });

  it('explains the seed error through the engine', () => {
    assert.equal(
      explainErrorText('401 Principal does not have access to API/Operation').scenario,
      'principal-lacks-permission',
    );
    assert.equal(explainErrorText('hello world').scenario, null);
  });
});

describe('panel portal links (Open IAM)', () => {
  const id =
    '/subscriptions/00000000-0000-4000-8000-00000000a001/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-ai';
  const base = {
    endpoint: 'https://contoso-ai.services.ai.azure.com/models',
    startedAt: '2026-01-01T00:00:00Z',
    steps: [],
    assignments: [],
    denyAssignments: [],
    verdict: { status: 'problem' as const, title: 't', explanation: 'e' },
    fixes: [],
    checklist: [],
    gaps: [],
  };
  const resource = {
    id,
    name: 'contoso-ai',
    subscriptionId: 's',
    resourceGroup: 'rg-ai',
    kind: 'AIServices',
    location: 'eastus',
    deployments: [],
  };

  it('opens the portal home before any check', () => {
    assert.equal(iamUrl(undefined), 'https://portal.azure.com');
  });
  it("prefers the access check's own open-iam link when it is https", () => {
    const fixes = [
      { kind: 'open-iam' as const, title: 'Open IAM', url: 'https://portal.azure.com/#@t/resource/x/users' },
    ];
    assert.equal(iamUrl({ ...base, resource, fixes }), fixes[0].url);
    const bad = [{ kind: 'open-iam' as const, title: 'Open IAM', url: 'javascript:alert(1)' }];
    assert.match(
      iamUrl({ ...base, resource, fixes: bad }),
      /^https:\/\/portal\.azure\.com\/#\/resource\/subscriptions\//,
    );
  });
  it("builds the resource's IAM blade, with the tenant, and the Government portal for .us endpoints", () => {
    assert.equal(
      iamUrl({ ...base, resource, identity: { kind: 'vscode', source: 'x', tenantId: 'tid' } }),
      `https://portal.azure.com/#@tid/resource${id}/users`,
    );
    const usgov = { ...base, resource, endpointInfo: { cloud: 'usgov' } as never };
    assert.equal(iamUrl(usgov), `https://portal.azure.us/#/resource${id}/users`);
  });
  it('falls back to the portal home for an id that is not a Cognitive Services account', () => {
    const odd = { ...resource, id: '/subscriptions/x/../../evil' };
    assert.equal(iamUrl({ ...base, resource: odd }), 'https://portal.azure.com');
  });
});
