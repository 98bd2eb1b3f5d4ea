// The access check end to end, measured INSIDE the real extension host against the Azure emulator
// (large-tenant scenario: 50 subscriptions, 500 accounts, 200 role assignments): the
// azureAiAuthDoctor.checkAccess command as the CodeLens/panel call it, wall time per run and the
// number of HTTP requests the emulator counted for each run. The first run also loads dist/azure.js.
import * as vscode from 'vscode';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';
const SCENARIO = 'large-tenant';
const ENDPOINT = 'https://contoso-ai.openai.azure.com/';
const RUN_TIMEOUT_MS = 30_000;

async function emulator(base: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(
    new URL(path, base),
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status}`);
  return response.json();
}

interface ReportEvents {
  state: { onDidChangeReport(listener: (report: any) => void): { dispose(): void } };
}

/** One check; quick picks it might open are closed so a prompt can never hang the bench. Also returns
 * when each step of the report first reached a final status (from the partial reports the check publishes). */
async function checkOnce(
  api: ReportEvents | undefined,
): Promise<{ ms: number; report: any; stepsDoneAtMs: Record<string, number>; firstUpdateMs: number | null }> {
  const stepsDoneAtMs: Record<string, number> = {};
  let firstUpdateMs: number | null = null;
  let settled = false;
  const closer = (async () => {
    for (let i = 0; !settled && i < RUN_TIMEOUT_MS / 500; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (!settled && i % 4 === 3) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  })();
  const started = performance.now();
  const subscription = api?.state.onDidChangeReport((partial) => {
    const at = Math.round(performance.now() - started);
    firstUpdateMs ??= at;
    for (const step of partial?.steps ?? []) {
      if (!['pending', 'running'].includes(step.status) && stepsDoneAtMs[step.id] === undefined)
        stepsDoneAtMs[step.id] = at;
    }
  });
  try {
    const report = await Promise.race([
      vscode.commands.executeCommand('azureAiAuthDoctor.checkAccess', {
        endpoint: ENDPOINT,
        identity: 'default-credential',
        probe: true,
      }),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`checkAccess did not finish within ${RUN_TIMEOUT_MS / 1000} s`)),
          RUN_TIMEOUT_MS,
        ),
      ),
    ]);
    return { ms: performance.now() - started, report, stepsDoneAtMs, firstUpdateMs };
  } finally {
    subscription?.dispose();
    settled = true;
    await closer;
  }
}

export async function measureAccessCheck(runs: number): Promise<Record<string, unknown>> {
  const base = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
  if (!base)
    return {
      error:
        'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL is not set (the emulator is not built: node esbuild.config.mjs --tests)',
    };
  const world = await emulator(base, '/_emulator/scenario', { name: SCENARIO });
  const state = await emulator(base, '/_emulator/state');
  const api = vscode.extensions.getExtension<ReportEvents>(EXTENSION_ID)?.exports;
  const samples: Array<Record<string, unknown> & { ms: number; requests: number }> = [];
  for (let i = 0; i < runs; i++) {
    await emulator(base, '/_emulator/reset-stats', {});
    const { ms, report, stepsDoneAtMs, firstUpdateMs } = await checkOnce(api);
    const stats = await emulator(base, '/_emulator/state');
    const verdict =
      report && typeof report === 'object' && 'verdict' in report
        ? String(report.verdict?.status ?? JSON.stringify(report.verdict))
        : null;
    samples.push({
      ms,
      requests: stats.requestCount,
      byRoute: stats.byRoute,
      verdict,
      stepsDoneAtMs,
      firstUpdateMs,
      reportStats: report?.stats ?? null,
    });
  }
  return { scenario: world.name ?? SCENARIO, roleAssignments: state.roleAssignments, endpoint: ENDPOINT, samples };
}
