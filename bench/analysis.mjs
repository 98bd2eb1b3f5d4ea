// Section 1: analyzeDocument on generated 1k / 10k / 50k-line files per language, median and p95.
// The engine is bundled from src/core (no VS Code) into .bench/build so the figures are those of
// the code as it is now, not of a stale dist/.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXTENSION, LANGUAGES, generateDocument } from './lib/code.mjs';
import { summarize } from './lib/stats.mjs';

export const ANALYSIS_BUDGET_MS = { 10000: 20, 50000: 100 };
const SIZES = [1000, 10000, 50000];

export async function buildEngine(root, benchDir) {
  const outfile = join(benchDir, 'build', 'analyze.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'src', 'core', 'analyze.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true, // as shipped
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  return require(outfile);
}

/** Runs the section; returns { rows: [{ language, lines, bytes, findings, skipped, median, p95, ... }] }. */
export async function benchAnalysis({ root, benchDir, quick, log }) {
  const { analyzeDocument } = await buildEngine(root, benchDir);
  const rows = [];
  for (const lines of SIZES) {
    const runs = quick ? { 1000: 20, 10000: 10, 50000: 5 }[lines] : { 1000: 60, 10000: 30, 50000: 15 }[lines];
    const warmup = Math.max(2, Math.floor(runs / 5));
    for (const language of LANGUAGES) {
      const text = generateDocument(language, lines, { seed: lines + language.length });
      const context = { fileName: `/bench/generated${EXTENSION[language]}` };
      let result;
      for (let i = 0; i < warmup; i++) result = analyzeDocument(text, language, context);
      const samples = [];
      const cpuStarted = process.cpuUsage();
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        result = analyzeDocument(text, language, context);
        samples.push(performance.now() - started);
      }
      const cpu = process.cpuUsage(cpuStarted);
      const cpuMsPerRun = Math.round(((cpu.user + cpu.system) / 1000 / runs) * 100) / 100;
      const stats = summarize(samples);
      const budget = ANALYSIS_BUDGET_MS[lines];
      const row = {
        language,
        lines,
        bytes: Buffer.byteLength(text),
        findings: result.findings.length,
        clients: result.clients.length,
        endpoints: result.endpoints.length,
        skipped: result.skipped ?? null,
        internalErrors: result.internalErrors.length,
        ...stats,
        cpuMsPerRun,
        budgetMs: budget ?? null,
        pass:
          result.internalErrors.length > 0
            ? false
            : budget === undefined
              ? null
              : stats.median < budget && !result.skipped,
      };
      rows.push(row);
      // An engine bug invalidates the figure: a rule that threw did less work than it should.
      for (const e of result.internalErrors)
        log(`analysis ${language} ${lines} lines: INTERNAL ERROR in ${e.rule}: ${e.message}`);
      log(
        `analysis ${language} ${lines} lines: median ${stats.median} ms, p95 ${stats.p95} ms (CPU ${cpuMsPerRun} ms/run), ${row.findings} findings${row.skipped ? `, SKIPPED: ${row.skipped}` : ''}`,
      );
    }
  }
  return { rows };
}
