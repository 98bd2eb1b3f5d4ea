// Runs a mocha suite bundle INSIDE a real VS Code extension host: code-server + Debian chromium,
// the development payload, and VS Code's smoke-test hooks (codeAutomationLog / codeAutomationExit)
// to receive the suite's console output and exit code. Used by run-integration.mjs for the
// development build and for the installed .vsix.
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { launchBrowser, startCodeServer, startEmulator, workbenchUrl, withTimeout } from './host.mjs';
import { readResult } from './results.mjs';

const RESULT_LINE = /AAD_TEST_RESULT passed=(\d+) failed=(\d+)/;
const PENDING_LINE = /AAD_TEST_PENDING /;
const BEGIN_MARKER = 'AAD_TEST_BEGIN';

/**
 * options: { label, folder | workspace (a .code-workspace file), extensionDevelopmentPath, extensionTestsPath,
 *            timeoutMs, env?, serverOptions? }
 * Returns { label, passed, failed, pending: string[], exitCode, error? }; prints the suite output as it arrives and the
 * extension-host logs when anything fails.
 */
export async function runInHost(options) {
  const { label, folder, workspace, extensionDevelopmentPath, extensionTestsPath, timeoutMs } = options;
  if (!existsSync(extensionTestsPath))
    throw new Error(`${extensionTestsPath} is missing: run node esbuild.config.mjs --tests`);
  let emulator;
  let server;
  let browser;
  const lines = [];
  const result = { label, passed: 0, failed: 0, pending: [], exitCode: 1 };
  try {
    emulator = await startEmulator();
    const env = { ...(options.env || {}) };
    const settings = {};
    if (emulator) {
      env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL = emulator.url;
      settings['azureAiAuthDoctor.access.armEndpoint'] = emulator.url;
      console.log(`[${label}] Azure emulator at ${emulator.url}`);
    }
    server = await startCodeServer({ ...(options.serverOptions || {}), env, settings });
    console.log(`[${label}] code-server ${server.url} (pid group ${server.pid})`);

    browser = await launchBrowser();
    const page = await browser.newPage();
    let settle;
    const exited = new Promise((resolveExit) => (settle = resolveExit));
    // The renderer forwards every console call here (workbench noise included); only the text
    // between the suite's BEGIN and RESULT markers is echoed, the rest is shown on failure.
    let echoing = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      for (const line of text.split('\n')) {
        lines.push(line);
        if (line.includes(BEGIN_MARKER)) echoing = true;
        else if (echoing || RESULT_LINE.test(line) || PENDING_LINE.test(line)) console.log(`  ${line}`);
        if (line.match(RESULT_LINE)) echoing = false;
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    page.on('pageerror', (error) => console.log(`[${label}] page error: ${error.message}`));
    // The consent a person gives once to the test authentication provider (test/integration/
    // account.test.ts registers it with a label ending in "(emulator)"): VS Code asks in a modal
    // dialog that no in-host API can answer. Only that dialog is answered, with its Allow button.
    let consenting = true;
    const consent = (async () => {
      const prompt = page.locator('.monaco-dialog-box', { hasText: /wants to sign in using .*\(emulator\)/ });
      while (consenting) {
        try {
          if (await prompt.isVisible()) {
            await prompt
              .locator('.monaco-button', { hasText: /^Allow$/ })
              .first()
              .click({ timeout: 2000 });
            console.log(`[${label}] allowed the test sign-in prompt`);
          }
        } catch {
          // the page is navigating or closing
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    exited.finally(() => (consenting = false));
    page.once('close', () => (consenting = false));
    void consent;
    await page.goto(workbenchUrl(server, { folder, workspace, extensionDevelopmentPath, extensionTestsPath }));
    result.exitCode = await withTimeout(
      exited,
      timeoutMs,
      `the ${label} suites (raise AAD_TEST_TIMEOUT_MS to wait longer)`,
    );
    Object.assign(result, readResult(lines.join('\n'), result.exitCode));
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    result.failed = Math.max(result.failed, 1);
    console.log(`[${label}] ERROR: ${result.error}`);
  } finally {
    if (result.failed > 0 && server) {
      console.log(`[${label}] ===== workbench console =====\n${lines.join('\n')}`);
      console.log(`[${label}] ===== extension host log (${server.userDataDir}) =====`);
      console.log(server.logsText() || '(no extension-host log written)');
      console.log(`[${label}] ===== code-server output =====\n${server.output.join('')}`);
    }
    await browser?.close().catch(() => {});
    await server?.stop();
    await emulator?.stop();
  }
  return result;
}

export function defaultTimeoutMs() {
  return Number(process.env.AAD_TEST_TIMEOUT_MS || 10 * 60_000);
}
