// Large scans run on worker threads (dist/cli.js started as a worker): the result must be the same
// as the single-threaded scan of the same tree, findings, skipped files and counts alike.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, WORKER_THRESHOLD, type ScanResult } from '../../src/cli/scan';
import { CLI, requireCli } from './badinputSupport';
import { snippet } from './cliSupport';

describe('scan on worker threads', function () {
  this.timeout(120_000);
  let root = '';
  before(function () {
    requireCli();
    root = mkdtempSync(join(tmpdir(), 'aad-workers-'));
    const bad = snippet('bad-azureopenai.py.txt');
    const envUser = snippet('env-azureopenai.py.txt');
    writeFileSync(join(root, '.env'), 'AZURE_OPENAI_ENDPOINT=https://contoso.services.ai.azure.com/models\n');
    for (let i = 0; i < WORKER_THRESHOLD + 500; i++) {
      const dir = join(root, `d${Math.floor(i / 50)}`);
      if (i % 50 === 0) mkdirSync(dir);
      const text =
        i % 97 === 0
          ? bad
          : i % 89 === 0
            ? envUser
            : i % 501 === 0
              ? 'azure\u0000binary'
              : `def f${i}(x):\n    return x + ${i}\n`;
      writeFileSync(join(dir, `f${i}.py`), text);
    }
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  const normalise = (r: ScanResult) => ({
    filesScanned: r.filesScanned,
    findings: r.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character}:${f.rule}`).sort(),
    skipped: r.skipped.map((s) => `${s.file}:${s.reason}`).sort(),
    texts: [...r.texts.keys()].sort(),
  });

  it('gives the same result as one thread', async () => {
    const single = await scan([root], root, {});
    const parallel = await scan([root], root, {}, { workerScript: CLI });
    assert.ok(single.findings.length > 40, `only ${single.findings.length} findings`);
    assert.ok(single.skipped.some((s) => /binary/.test(s.reason)));
    assert.deepEqual(normalise(parallel), normalise(single));
  });

  it('redoes the whole scan on this thread when a worker fails', async () => {
    const failing = `${root}-failing-worker.js`;
    writeFileSync(failing, "throw new Error('worker failed');\n");
    const single = await scan([root], root, {});
    try {
      const fallback = await scan([root], root, {}, { workerScript: failing });
      assert.deepEqual(normalise(fallback), normalise(single));
    } finally {
      rmSync(failing, { force: true });
    }
  });
});
