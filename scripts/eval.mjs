#!/usr/bin/env node
// npm run eval: runs the engine over test/fixtures/corpus and prints precision and recall per rule and
// per language, plus the case counts. Bundles test/unit/corpusEval.ts with esbuild (same code the
// corpus unit test uses) into a temp file and runs it. Exit code 1 when precision or recall < 1.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'aiad-eval-'));
const bundle = join(out, 'corpusEval.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test/unit/corpusEval.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const { evaluateCorpus, score, ensureAllParsers } = require(bundle);
await ensureAllParsers();
rmSync(out, { recursive: true, force: true });

const started = performance.now();
const results = evaluateCorpus(join(root, 'test/fixtures/corpus'));
const ms = performance.now() - started;
const pct = (x) => x.toFixed(3);
const rules = [
  ...new Set(results.flatMap((r) => [...r.expected.map((e) => e.rule), ...r.findings.map((f) => f.rule)])),
].sort();
const languages = [...new Set(results.map((r) => r.language))].sort();

console.log(
  `corpus: ${results.length} files, ${results.reduce((n, r) => n + r.expected.length, 0)} expected findings, ${results.filter((r) => r.expected.length === 0).length} negative files (${ms.toFixed(0)} ms)\n`,
);
console.log('rule'.padEnd(36) + 'TP'.padStart(5) + 'FP'.padStart(5) + 'FN'.padStart(5) + '  precision  recall');
for (const rule of rules) {
  const s = score(results, (r) => r === rule);
  console.log(
    rule.padEnd(36) +
      String(s.tp).padStart(5) +
      String(s.fp).padStart(5) +
      String(s.fn).padStart(5) +
      '  ' +
      pct(s.precision).padStart(9) +
      '  ' +
      pct(s.recall).padStart(6),
  );
}
console.log(
  '\nlanguage'.padEnd(20) +
    'files'.padStart(6) +
    'pos'.padStart(6) +
    'neg'.padStart(6) +
    'TP'.padStart(5) +
    'FP'.padStart(5) +
    'FN'.padStart(5) +
    '  precision  recall',
);
for (const lang of languages) {
  const rs = results.filter((r) => r.language === lang);
  const s = score(rs, () => true);
  const pos = rs.reduce((n, r) => n + r.expected.length, 0);
  const neg = rs.filter((r) => r.expected.length === 0).length;
  console.log(
    lang.padEnd(19) +
      String(rs.length).padStart(6) +
      String(pos).padStart(6) +
      String(neg).padStart(6) +
      String(s.tp).padStart(5) +
      String(s.fp).padStart(5) +
      String(s.fn).padStart(5) +
      '  ' +
      pct(s.precision).padStart(9) +
      '  ' +
      pct(s.recall).padStart(6),
  );
}
const all = score(results, () => true);
console.log(
  `\noverall: precision ${pct(all.precision)} recall ${pct(all.recall)} (TP ${all.tp}, FP ${all.fp}, FN ${all.fn})`,
);
for (const r of results) {
  for (const f of r.falsePositives) console.log(`  FP ${r.file}:${f.range.start.line + 1} ${f.rule}: ${f.message}`);
  for (const e of r.falseNegatives) console.log(`  FN ${r.file}:${e.line + 1} ${e.rule}`);
  if (r.skipped) console.log(`  SKIPPED ${r.file}: ${r.skipped}`);
}
process.exitCode = all.precision < 1 || all.recall < 1 ? 1 : 0;
