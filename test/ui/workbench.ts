// UI-test helper: a Playwright Page on a real VS Code (code-server + Debian chromium) with the
// extension loaded from this checkout (extensionDevelopmentPath only, no tests payload), plus
// console / page-error / CSP capture and screenshots under .test-artifacts/.
//
// API (for test/ui/*.test.ts, mocha BDD in Node):
//   const wb = await openWorkbench({ folder: 'test/fixtures/demo', name: 'panel' });
//     folder    workspace to open (relative to the repo root or absolute)
//     name      prefix for screenshots (default 'ui')
//     settings  extra user settings (merged into <user-data-dir>/User/settings.json)
//     env       extra environment for code-server (the extension host inherits it)
//     viewport  default { width: 1400, height: 900 }
//   wb.page               the Playwright Page showing the workbench (ready: .monaco-workbench shown)
//   wb.server             { url, port, userDataDir, extensionsDir, logsText() } of this code-server
//   wb.emulatorUrl        the Azure emulator's URL when out/test/emulator/main.js is built, else undefined
//   wb.consoleErrors      console.error / page errors of the page and its frames (webviews included)
//   wb.cspViolations      the subset that are Content-Security-Policy violations
//   await wb.runCommand('Azure AI Auth: Show Troubleshooting Panel')  via the command palette
//   await wb.paletteItems('Azure AI Auth')  labels the command palette lists for a filter
//   await wb.openFile('app.py')             quick-open a workspace file and wait for its editor
//   await wb.waitForActivityBarItem('Azure AI Auth Doctor')  the view container's icon
//   await wb.webviewFrame('Troubleshooting')  the Frame holding a webview view's content
//   await wb.screenshot('after-open')       saves .test-artifacts/<name>-after-open.png, returns its path
//   await wb.ourWebview('sidebar' | 'report') the content Frame of this extension's sidebar / report tab
//   await wb.pickTheme('Dark Modern', 'Light Modern')  switch colour theme with the theme picker
//   await wb.setSidebarWidth(280)           drag the sidebar's sash to that width (returns the width reached)
//   await wb.answerQuickInput([{ title: /whose access/, row: /DefaultAzureCredential/ }])
//                         answers the quick input on screen when its title is one of these (else does nothing)
//   await wb.close()      closes the browser, kills code-server's process group and the emulator
// Each openWorkbench starts its own code-server on a free port; call close() in after().
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
// host.mjs is ESM and this file compiles as CommonJS: load it with import() (esbuild inlines it).
type Host = typeof import('../harness/host.mjs', { with: { 'resolution-mode': 'import' } });
type CodeServer = Awaited<ReturnType<Host['startCodeServer']>>;
type Emulator = NonNullable<Awaited<ReturnType<Host['startEmulator']>>>;

export interface WorkbenchOptions {
  folder: string;
  name?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

/**
 * How to answer one question in the quick input: the one whose title matches `title` gets the row
 * whose text matches `row`, or, when it is an input box, `text` typed and Enter.
 */
export interface QuickInputAnswer {
  title: RegExp;
  row?: RegExp | string;
  text?: string;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  emulatorUrl: string | undefined;
  consoleErrors: string[];
  cspViolations: string[];
  runCommand(title: string): Promise<void>;
  paletteItems(filter: string): Promise<string[]>;
  openFile(relativePath: string): Promise<void>;
  waitForActivityBarItem(label: string): Promise<void>;
  webviewFrame(viewName: string, timeoutMs?: number): Promise<Frame>;
  screenshot(step: string): Promise<string>;
  ourWebview(mode: 'sidebar' | 'report', timeoutMs?: number): Promise<Frame>;
  pickTheme(current: string, next: string): Promise<void>;
  /** Answers the quick input on screen if its title is one of `answers`; returns what it did, if anything. */
  answerQuickInput(answers: QuickInputAnswer[]): Promise<string | undefined>;
  setSidebarWidth(width: number): Promise<number>;
  close(): Promise<void>;
}

const CSP = /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|CSP violation/i;

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const { launchBrowser, repoRoot, startCodeServer, startEmulator, workbenchUrl }: Host =
    await import('../harness/host.mjs');
  const root = repoRoot();
  const folder = isAbsolute(options.folder) ? options.folder : join(root, options.folder);
  const name = options.name ?? 'ui';
  const artifacts = join(root, '.test-artifacts');
  mkdirSync(artifacts, { recursive: true });

  let emulator: Emulator | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator?.stop();
  };
  try {
    emulator = await startEmulator();
    const env: Record<string, string> = { ...(options.env ?? {}) };
    const settings: Record<string, unknown> = {};
    if (emulator) {
      env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
      settings['azureAiAuthDoctor.access.armEndpoint'] = emulator.url;
    }
    server = await startCodeServer({ env, settings: { ...settings, ...(options.settings ?? {}) } });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });

    const consoleErrors: string[] = [];
    const cspViolations: string[] = [];
    const noteError = (text: string) => {
      consoleErrors.push(text);
      if (CSP.test(text)) cspViolations.push(text);
    };
    // securitypolicyviolation events become console errors in every frame, webviews included.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${location.pathname}`,
        ),
      );
    });
    page.on('console', (message) => {
      if (message.type() === 'error') noteError(message.text());
    });
    page.on('pageerror', (error) => noteError(`page error: ${error.message}`));

    const devUrl = workbenchUrl(server, { folder, extensionDevelopmentPath: root });
    await page.goto(devUrl);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });

    const quickInput = page.locator('.quick-input-widget');
    const openPalette = async (text: string) => {
      await page
        .locator('.monaco-workbench')
        .click({ position: { x: 700, y: 5 } })
        .catch(() => undefined);
      await page.keyboard.press('F1');
      await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.type(text);
    };
    const rowLabels = async () => {
      const rows = quickInput.locator('.monaco-list-row');
      await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
      return rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''));
    };

    const workbench: Workbench = {
      page,
      browser,
      server,
      emulatorUrl: emulator?.url,
      consoleErrors,
      cspViolations,
      async runCommand(title) {
        await openPalette(`>${title}`);
        const row = quickInput.locator('.monaco-list-row', { hasText: title.split(': ').pop() ?? title }).first();
        await row.waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Enter');
      },
      async paletteItems(filter) {
        await openPalette(`>${filter}`);
        // Wait until the list is filtered down to rows matching the filter.
        await quickInput
          .locator('.monaco-list-row', { hasText: filter })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        const labels = await rowLabels();
        await page.keyboard.press('Escape');
        return labels;
      },
      async openFile(relativePath) {
        await page.keyboard.press('Control+P');
        await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.type(relativePath);
        const base = relativePath.split('/').pop() ?? relativePath;
        await quickInput
          .locator('.monaco-list-row', { hasText: base })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Enter');
        await page.locator(`.tab[aria-label^="${base}"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
        await page
          .locator('.editor-group-container.active .monaco-editor .view-line')
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
      },
      async waitForActivityBarItem(label) {
        await page
          .locator(`.activitybar [aria-label^="${label}"]`)
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 });
      },
      async webviewFrame(viewName, timeoutMs = 30_000) {
        // A webview is an outer <iframe class="webview"> (the host, titled after the view when VS
        // Code sets a title) holding an inner iframe with the content. Prefer a title match; with a
        // single webview on screen, take it.
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const hosts = await page.locator('iframe.webview').elementHandles();
          const candidates: Frame[] = [];
          for (const host of hosts) {
            const title = (await host.getAttribute('title')) ?? '';
            const outer = await host.contentFrame();
            const inner = outer?.childFrames()[0];
            if (!inner) continue;
            if (viewName && title.includes(viewName)) return inner;
            candidates.push(inner);
          }
          if (candidates.length === 1) return candidates[0];
          await page.waitForTimeout(200);
        }
        throw new Error(`no webview content frame for '${viewName}' within ${timeoutMs} ms`);
      },
      async screenshot(step) {
        const file = join(artifacts, `${name}-${step}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async ourWebview(mode, timeoutMs = 30_000) {
        // The panel's bundle marks its surface on <body data-mode>: found by content, not by iframe title.
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          for (const frame of page.frames()) {
            const found = await frame.evaluate(() => document.body?.dataset.mode).catch(() => undefined);
            if (found === mode) return frame;
          }
          await page.waitForTimeout(200);
        }
        throw new Error(`no ${mode} webview frame within ${timeoutMs} ms`);
      },
      async pickTheme(current, next) {
        // Focus the workbench (the title bar), not a webview that may fill the editor area.
        await page
          .locator('.monaco-workbench')
          .click({ position: { x: 700, y: 5 } })
          .catch(() => undefined);
        await page.keyboard.press('F1');
        await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.type('Preferences: Color Theme');
        await quickInput
          .locator('.monaco-list-row', { hasText: /^Preferences: Color Theme/ })
          .first()
          .click();
        await quickInput
          .locator('.monaco-list-row', { hasText: current })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.type(next);
        await quickInput
          .locator('.monaco-list-row.focused', { hasText: next })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Enter');
        await quickInput.waitFor({ state: 'hidden', timeout: 15_000 });
      },
      async answerQuickInput(answers) {
        if (!(await quickInput.isVisible())) return undefined;
        const title = await quickInput
          .locator('.quick-input-title')
          .textContent({ timeout: 1000 })
          .catch(() => '');
        const answer = answers.find((a) => a.title.test(title ?? ''));
        // No Enter on a quick input it was not told about: that may be the command palette still closing
        // (Enter runs the command again) or the next question already shown (Enter takes its first row).
        if (!answer) return undefined;
        if (answer.row !== undefined) {
          // Found by its text, so a list replaced since the title was read is never answered.
          const row = quickInput.locator('.monaco-list-row', { hasText: answer.row }).first();
          // Move the pointer off the list first: a row's hover would cover the row asked for.
          await page.mouse.move(5, 700);
          const clicked = await row.click({ timeout: 5000 }).then(
            () => true,
            () => false,
          );
          return clicked ? `${title}: picked ${String(answer.row)}` : undefined;
        }
        const input = quickInput.locator('.quick-input-box input').first();
        await input.fill(answer.text ?? '', { timeout: 5000 });
        const still = await quickInput
          .locator('.quick-input-title')
          .textContent({ timeout: 1000 })
          .catch(() => '');
        if (still !== title || (await input.inputValue()) !== answer.text) return undefined;
        await input.press('Enter');
        return `${title}: typed ${answer.text}`;
      },
      async setSidebarWidth(width) {
        const sidebar = page.locator('.part.sidebar');
        for (let attempt = 0; attempt < 4; attempt++) {
          const box = await sidebar.boundingBox();
          if (!box) throw new Error('no sidebar');
          if (Math.abs(box.width - width) <= 2) return box.width;
          // The vertical sash nearest to the sidebar's right edge.
          const edge = box.x + box.width;
          const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) =>
            els.map((el) => {
              const r = el.getBoundingClientRect();
              return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height };
            }),
          );
          const sash = sashes.filter((s) => s.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
          const x = sash && Math.abs(sash.x - edge) < 8 ? sash.x : edge;
          const y = sash && Math.abs(sash.x - edge) < 8 ? sash.y : box.y + 200;
          await page.mouse.move(x, y);
          await page.mouse.down();
          await page.mouse.move(x + (width - box.width), y, { steps: 8 });
          await page.mouse.up();
        }
        return (await sidebar.boundingBox())?.width ?? 0;
      },
      close,
    };
    return workbench;
  } catch (error) {
    if (server) console.log(`code-server output:\n${server.output.join('')}\n${server.logsText()}`);
    await close();
    throw error;
  }
}
