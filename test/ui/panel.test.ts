// The troubleshooting panel in a real browser (code-server + chromium): opened from the activity
// bar, the error troubleshooter, state across hide/show, the scenario reference, findings that
// reveal in the editor, an access check against the emulator, hostile text rendered inert, no
// console errors or CSP violations in the webview, and screenshots in dark and light themes.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage, Frame, Locator } from 'playwright-core';
import { openWorkbench, type Workbench } from './workbench';

const XSS_MARK = '__aadXss';
const HOSTILE_ERROR =
  `401 <img src=x onerror="window.${XSS_MARK}='img'"><script>window.${XSS_MARK}='script'</script> ` +
  'Principal does not have access to API/Operation.';
const HOSTILE_FILE = `<img src=x onerror="window.${XSS_MARK}='name'">.py`;
/** Console output from the panel's frames (the webview host page and our content). */
const WEBVIEW_URL = /webview\/browser\/pre\/|vscode-resource|vscode-cdn|dist\/webview/;

describe('ui: troubleshooting panel', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let workspace: string | undefined;
  const webviewErrors: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    // A copy of the fixture folder plus a file whose NAME is markup (kept out of git: `<`, `>` and
    // quotes are not portable file-name characters).
    workspace = mkdtempSync(join(tmpdir(), 'aad-panel-'));
    cpSync(join(process.cwd(), 'test', 'fixtures', 'workspace', 'panel'), workspace, { recursive: true });
    writeFileSync(join(workspace, HOSTILE_FILE), readFileSync(join(workspace, 'app.py')));
    wb = await openWorkbench({
      folder: workspace,
      name: 'panel',
      settings: { 'workbench.colorTheme': 'Dark Modern' },
    });
    wb.page.on('console', (message: ConsoleMessage) => {
      const url = message.location().url ?? '';
      if (message.type() === 'error' && WEBVIEW_URL.test(url)) {
        webviewErrors.push(`[${message.type()}] ${url}: ${message.text()}`);
      }
    });
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await wb?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  /** The panel's content frame (re-created whenever the view is hidden and shown again). */
  async function panel(): Promise<Frame> {
    const frame = await modeFrame('sidebar');
    await frame.locator('ol.checklist > li').first().waitFor({ state: 'visible', timeout: 30_000 });
    return frame;
  }

  /** The report editor tab's content frame. */
  const reportFrame = () => wb.ourWebview('report');
  const modeFrame = (mode: 'sidebar' | 'report') => wb.ourWebview(mode);

  async function openSection(frame: Frame, id: string): Promise<void> {
    const details = frame.locator(`details[data-section="${id}"]`);
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /**
   * Explains text with the troubleshooter and returns the NEW scenario card: the card's render
   * counter (data-render) must pass the one shown before the click, so an earlier card never answers.
   */
  async function explain(frame: Frame, text: string): Promise<Locator> {
    await openSection(frame, 'troubleshooter');
    const shown = frame.locator('[data-testid="scenario-card"]');
    const before = (await shown.count()) > 0 ? Number(await shown.getAttribute('data-render')) : 0;
    await frame.locator('[data-testid="error-text"] textarea').fill(text);
    await frame.locator('vscode-button[data-testid="explain"]').click();
    await frame.waitForFunction(
      (previous) =>
        Number(document.querySelector('[data-testid="scenario-card"]')?.getAttribute('data-render')) > previous,
      before,
    );
    assert.equal(
      await shown.locator('[data-testid="explained-input"]').textContent(),
      text,
      'the card echoes the input',
    );
    return shown;
  }

  /** Picks a colour theme with the theme picker, as a user would. */
  const pickTheme = (current: string, next: string) => wb.pickTheme(current, next);

  it('opens from the activity bar and shows the five checklist steps', async () => {
    await wb.waitForActivityBarItem('Azure AI Auth Doctor');
    await wb.page.locator('.activitybar [aria-label^="Azure AI Auth Doctor"]').first().click();
    const frame = await panel();
    assert.equal(await frame.locator('ol.checklist > li').count(), 5);
    const steps = await frame.locator('ol.checklist .step-title').allTextContents();
    assert.match(steps[1], /Access control \(IAM\)/);
    assert.match(steps[3], /Cognitive Services User/);
    assert.match(steps[4], /Owner or Contributor/);
    // Every control is keyboard reachable and named.
    const unnamed = await frame
      .locator('vscode-button, button, summary')
      .evaluateAll((elements) =>
        elements
          .filter((el) => !(el.getAttribute('aria-label') || (el.textContent ?? '').trim()))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
    assert.deepEqual(unnamed, []);
    const unfocusable = await frame
      .locator('vscode-button, button, summary')
      .evaluateAll((elements) =>
        elements
          .filter((el) => (el as HTMLElement).tabIndex < 0 && !el.hasAttribute('disabled'))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
    assert.deepEqual(unfocusable, []);
  });

  it('explainError prompts for the text (input box) and shows the scenario in the panel', async () => {
    await wb.page.locator('.part.editor').click();
    await wb.runCommand('Azure AI Auth: Explain an Error Message');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page
      .locator('.quick-input-widget', { hasText: 'Paste the error message' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(
      'HTTP/1.1 400 BadRequest {"error":{"code":"BadRequest","message":"Please provide a custom subdomain for token authentication, otherwise API key is required."}}',
    );
    await wb.page.keyboard.press('Enter');
    const frame = await panel();
    await frame
      .locator('[data-testid="scenario-card"][data-scenario="custom-subdomain-required"]')
      .waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('explains a pasted 401 PermissionDenied error with the right scenario', async () => {
    const frame = await panel();
    const card = await explain(frame, '401 Principal does not have access to API/Operation');
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.getAttribute('data-scenario'), 'principal-lacks-permission');
    const text = await card.innerText();
    assert.match(text, /Root cause/);
    assert.match(text, /Cognitive Services User/);
    assert.match(text, /5 minutes/);
    await wb.screenshot('dark-explained');
  });

  it('says plainly when no scenario matches (keyboard only: Ctrl+Enter in the text box)', async () => {
    const frame = await panel();
    await openSection(frame, 'troubleshooter');
    const box = frame.locator('[data-testid="error-text"] textarea');
    await box.focus();
    await box.fill('something unrelated happened');
    await wb.page.keyboard.press('Control+Enter');
    const card = frame.locator('[data-testid="scenario-card"][data-scenario="none"]');
    await card.waitFor({ state: 'visible' });
    assert.match(await card.locator('h3').innerText(), /^No match/);
  });

  it('renders hostile error text as text and runs nothing', async () => {
    const frame = await panel();
    const card = await explain(frame, HOSTILE_ERROR);
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.getAttribute('data-scenario'), 'principal-lacks-permission');
    await assertInert(frame);
  });

  it('keeps its state when hidden and shown again (getState/setState, no retainContextWhenHidden)', async () => {
    let frame = await panel();
    await frame.locator('[data-testid="error-text"] textarea').fill('draft kept across hide');
    // Show another view container (the panel's webview is disposed), then come back.
    await wb.page.locator('.activitybar [aria-label^="Explorer"]').first().click();
    await wb.page.locator('.activitybar [aria-label^="Azure AI Auth Doctor"]').first().click();
    frame = await panel();
    await frame.locator('[data-testid="scenario-card"]').waitFor({ state: 'visible' });
    assert.equal(await frame.locator('[data-testid="explained-input"]').textContent(), HOSTILE_ERROR);
    assert.equal(await frame.locator('[data-testid="error-text"] textarea').inputValue(), 'draft kept across hide');
  });

  it('searches the scenario reference (the seed table)', async () => {
    const frame = await panel();
    await openSection(frame, 'scenarios');
    const search = frame.locator('[data-testid="scenario-search"] input');
    await search.fill('');
    const all = await frame.locator('[data-testid="scenario-count"]').innerText();
    assert.match(all, /^(\d+) of \1 scenarios$/);
    assert.ok((await frame.locator('article[data-origin="seed"]').count()) === 7, 'the seed table has seven rows');
    await search.fill('PermissionDenied');
    await frame.locator('[data-testid="scenario-count"]', { hasText: /^1 of / }).waitFor();
    assert.equal(await frame.locator('ul.scenarios article').count(), 1);
    await search.fill('no-such-error-xyz');
    await frame.locator('[data-testid="scenario-count"]', { hasText: 'No scenario matches' }).waitFor();
    await search.fill('');
  });

  it('lists workspace findings in the Findings tree after Analyse workspace and reveals one in the editor', async () => {
    const frame = await panel();
    await openSection(frame, 'findings');
    await frame.locator('vscode-button[data-testid="scan-workspace"]').click();
    // The native tree view (TreeDataProvider): files, then rules, then findings.
    const tree = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /^Findings/i }) });
    const row = tree.locator('.monaco-list-row[aria-label*="line "]').first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const labels = await tree.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    assert.ok(
      labels.some((label) => label.includes(HOSTILE_FILE)),
      `the hostile file name shows as text: ${JSON.stringify(labels)}`,
    );
    const coverage = await frame.locator('[data-testid="coverage"]').innerText();
    assert.match(coverage, /^\d+ findings? in \d+ files? · whole workspace$/);
    const where = (await row.innerText()).match(/Ln (\d+), Col (\d+)/);
    assert.ok(where, `the row shows its position: ${await row.innerText()}`);
    await row.click();
    await wb.page.locator('.tab.active').first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page
      .locator('.statusbar', { hasText: `Ln ${where[1]},` })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('dark-findings');
    await assertInert(await panel());
  });

  it('runs an access check against the emulator and updates the checklist', async function () {
    assert.ok(wb.emulatorUrl, 'the Azure emulator runs (out/test/emulator/main.js is built)');
    const frame = await panel();
    const before = await frame.locator('ol.checklist > li[data-step="4"]').getAttribute('data-status');
    assert.equal(before, 'unknown');
    // The verdict card's one action before any check: "Check Entra ID access".
    await frame.locator('vscode-button[data-testid="run-check"]').click();
    // The check asks which endpoint and identity to use: the fixture's endpoint and DefaultAzureCredential;
    // decline the optional probe's modal.
    const dialog = wb.page.locator('.monaco-dialog-box');
    const deadline = Date.now() + 90_000;
    let updated = false;
    while (Date.now() < deadline && !updated) {
      if (await dialog.isVisible()) await wb.page.keyboard.press('Escape');
      else await wb.answerQuickInput(CHECK_ANSWERS);
      const status = await (
        await panel()
      )
        .locator('ol.checklist > li[data-step="4"]')
        .getAttribute('data-status')
        .catch(() => 'unknown');
      updated = status === 'passed' || status === 'failed';
      if (!updated) await wb.page.waitForTimeout(300);
    }
    if (!updated) await wb.screenshot('check-timeout');
    assert.ok(updated, 'checklist step 4 got a passed/failed status');
    const current = await panel();
    await current.locator('[data-testid="verdict-card"] [data-testid="verdict"]').waitFor({ state: 'visible' });
    await wb.screenshot('dark-report');
    await assertInert(current);
  });

  it('shows the panel in the dark, light and high-contrast themes (screenshots)', async () => {
    // A taller window and a wider sidebar (drag its sash) so the screenshots show more of the panel.
    await wb.page.setViewportSize({ width: 1400, height: 1500 });
    const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width;
      await wb.page.mouse.move(x, sidebar.y + 300);
      await wb.page.mouse.down();
      await wb.page.mouse.move(x + 180, sidebar.y + 300, { steps: 5 });
      await wb.page.mouse.up();
    }
    let frame = await panel();
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 15_000 });
    await frame.evaluate(() => window.scrollTo(0, 0));
    await wb.screenshot('dark');
    await wb.page.locator('.part.sidebar').screenshot({ path: sidebarShot('dark') });
    // Switch the theme with the color theme picker, as a user would.
    await pickTheme('Dark Modern', 'Light Modern');
    frame = await panel();
    await frame.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 30_000 });
    await wb.page.waitForTimeout(300); // let the theme's colours paint before the screenshot
    await frame.evaluate(() => window.scrollTo(0, 0));
    await wb.screenshot('light');
    await wb.page.locator('.part.sidebar').screenshot({ path: sidebarShot('light') });
    await pickTheme('Light Modern', 'Dark High Contrast');
    frame = await panel();
    await frame.locator('body.vscode-high-contrast').waitFor({ state: 'attached', timeout: 30_000 });
    await wb.page.locator('.part.sidebar').screenshot({ path: sidebarShot('high-contrast') });
  });

  it('shows a hostile resource name from Azure as text and runs nothing', async function () {
    assert.ok(wb.emulatorUrl, 'the Azure emulator runs (out/test/emulator/main.js is built)');
    // The emulator's account gets a name full of markup (same subdomain, so the check finds it).
    const hostileName = `<img src=x onerror="window.${XSS_MARK}='azure'"><script>window.${XSS_MARK}='azure-script'</script>`;
    const response = await fetch(new URL('/_emulator/scenario', wb.emulatorUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hostile-names', scenario: { accounts: [{ ...BASE_ACCOUNT, name: hostileName }] } }),
    });
    assert.equal(response.status, 200, await response.text());
    await wb.runCommand('Azure AI Auth: Check Entra ID access');
    const dialog = wb.page.locator('.monaco-dialog-box');
    const deadline = Date.now() + 90_000;
    let shown = false;
    while (Date.now() < deadline && !shown) {
      if (await dialog.isVisible()) await wb.page.keyboard.press('Escape');
      else await wb.answerQuickInput(CHECK_ANSWERS);
      // The full report (resource name included) is in the report editor tab.
      const text = await (
        await reportFrame()
      )
        .locator('[data-testid="report"]')
        .textContent()
        .catch(() => '');
      shown = (text ?? '').includes(hostileName);
      if (!shown) await wb.page.waitForTimeout(300);
    }
    if (!shown) await wb.screenshot('hostile-timeout');
    assert.ok(shown, 'the report shows the resource name verbatim, as text');
    await assertInert(await panel());
    await assertInert(await reportFrame());
  });

  it('logged no console errors and no CSP violations in the webview, and opened no dialog', () => {
    assert.deepEqual(wb.cspViolations, []);
    assert.deepEqual(webviewErrors, []);
    assert.deepEqual(dialogs, []);
  });
});

/**
 * The check's questions, each answered by its row's text (a blind Enter could land on the command palette
 * still closing, or on the next question): the fixture's resource (app.py's and hostile.py's endpoints both
 * name it), typed when it is the only choice, and DefaultAzureCredential.
 */
const CHECK_ANSWERS = [
  { title: /which endpoint/, row: 'contoso-ai.services.ai.azure.com' },
  { title: /Azure AI or Azure OpenAI endpoint/, text: 'https://contoso-ai.services.ai.azure.com/models' },
  { title: /whose access/, row: /DefaultAzureCredential/ },
];

/** The emulator's default account (test/emulator/scenarios/base.json), renamed by the XSS test. */
const BASE_ACCOUNT = {
  subscriptionId: '00000000-0000-4000-8000-00000000a001',
  resourceGroup: 'rg-ai',
  kind: 'AIServices',
  location: 'eastus',
  customSubDomainName: 'contoso-ai',
  disableLocalAuth: true,
  publicNetworkAccess: 'Enabled',
  networkAcls: { defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
  deployments: [{ name: 'gpt-4o', model: 'gpt-4o', format: 'OpenAI', version: '2024-11-20' }],
};

/** Path of a sidebar-only screenshot next to the workbench ones. */
function sidebarShot(theme: string): string {
  return join(process.cwd(), '.test-artifacts', `panel-sidebar-${theme}.png`);
}

/** Nothing injected ran or rendered: no <img>, only our one <script>, no marker set. */
async function assertInert(frame: Frame): Promise<void> {
  const state = await frame.evaluate(
    (mark) => ({
      images: document.querySelectorAll('img').length,
      // Ours (main.js with the nonce) and the acquireVsCodeApi bootstrap VS Code itself injects.
      scripts: Array.from(document.querySelectorAll('script'))
        .filter(
          (script) =>
            !/\/dist\/webview\/main\.js$/.test(script.src) &&
            !(script.src === '' && (script.textContent ?? '').includes('acquireVsCodeApi')),
        )
        .map((script) => script.src || (script.textContent ?? '').slice(0, 60)),
      marker: (window as unknown as Record<string, unknown>)[mark] ?? null,
      inlineHandlers: Array.from(document.querySelectorAll('*')).filter((el) =>
        Array.from(el.attributes).some((a) => /^on/i.test(a.name)),
      ).length,
    }),
    XSS_MARK,
  );
  assert.deepEqual(state, { images: 0, scripts: [], marker: null, inlineHandlers: 0 });
}
