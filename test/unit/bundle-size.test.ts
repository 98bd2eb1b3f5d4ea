// The bundle-size budget of issue 7, checked on every unit run (the timing benchmarks are not:
// they are flaky on shared machines). It makes a fresh production build in a scratch folder (so it
// can never pass on a stale or missing dist/meta.json) and reads esbuild's metafile:
// dist/extension.js must stay under 250 KB minified and carry no @azure/* code (the Azure SDKs live
// in dist/azure.js and load only when an access check runs) and no analysis engine (dist/engine.js,
// required on the first analysis; the grammars are separate .wasm files in dist/parse).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot } from './repo';

describe('bundle size (esbuild metafile of the production build)', function () {
  this.timeout(120_000);
  let report: Awaited<ReturnType<typeof load>>['report'];
  let budget: number;
  let scratch: string | undefined;

  async function load() {
    const bundles = await import('../../bench/lib/bundles.mjs');
    const build = bundles.buildProduction(repoRoot, tmpdir());
    return { build, report: bundles.bundleReport(build.metaPath), budget: bundles.EXTENSION_BUDGET_BYTES };
  }

  before(async () => {
    const loaded = await load();
    scratch = loaded.build.dir;
    report = loaded.report;
    budget = loaded.budget;
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('builds every shipped bundle', () => {
    for (const name of ['extension.js', 'azure.js', 'engine.js', 'cli.js', 'webview/main.js']) {
      assert.ok(
        report.bundles[name],
        `${name} is missing from the metafile outputs: ${Object.keys(report.bundles).join(', ')}`,
      );
    }
  });

  it('keeps dist/extension.js under 250 KB minified', () => {
    const { bytes, topInputs } = report.bundles['extension.js'];
    const largest = topInputs.map((input) => `${input.path} ${(input.bytes / 1024).toFixed(1)} KB`).join(', ');
    assert.ok(
      bytes < budget,
      `extension.js is ${(bytes / 1024).toFixed(1)} KB (budget ${budget / 1024} KB); largest inputs: ${largest}`,
    );
  });

  it('keeps the analysis engine out of dist/extension.js (dist/engine.js, required on the first analysis)', () => {
    assert.deepEqual(report.bundles['extension.js'].engineModules, []);
    assert.ok(report.bundles['engine.js'].engineModules.length > 20, 'engine.js holds the rules and the model');
  });

  it('has no @azure/* code in dist/extension.js', () => {
    const { azureModules, azureBytes } = report.bundles['extension.js'];
    assert.equal(
      azureModules,
      0,
      `${azureModules} @azure/* modules (${azureBytes} bytes) are bundled into extension.js: import them only from src/azure/`,
    );
  });
});
