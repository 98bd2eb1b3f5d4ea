// `--fix` never corrupts a file, even when someone edits it while the CLI runs: a writer rewrites the
// target (atomically, cycling through shapes that move the faulty line and column) for as long as
// `scan --fix` runs over a busy tree, and an observer reads the file between writes. Every state ever
// seen must be a shape we wrote or the CLI's fix of one (computed beforehand on an untouched copy);
// a fix applied at stale ranges, a torn or empty write, or a leftover temp file fails the test.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCli, runCli } from './badinputSupport';

const SHAPES = 6;
const FILLERS = 1200;

/** Shape k: (k % 3) comment lines on top and (k % 2) `pass; ` before the client, so ranges move in both axes (6 distinct shapes). */
function shape(k: number): string {
  const top = Array.from({ length: k % 3 }, (_, i) => `# header line ${i}`).join('\n');
  return (
    (top ? top + '\n' : '') +
    'from openai import AzureOpenAI\n' +
    'from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n' +
    'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")\n' +
    'pass; '.repeat(k % 2) +
    'client = AzureOpenAI(azure_endpoint="https://contoso.services.ai.azure.com/models", azure_ad_token_provider=provider, api_version="2024-10-21")\n'
  );
}

describe('--fix under concurrent modification', function () {
  this.timeout(240_000);
  let root = '';
  const fixedOf = new Map<number, string>();

  before(async function () {
    requireCli();
    root = mkdtempSync(join(tmpdir(), 'aad-fixrace-'));
    // What the CLI makes of each shape when nobody interferes.
    for (let k = 0; k < SHAPES; k++) {
      const dir = join(root, `expected-${k}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'app.py'), shape(k));
      const run = await runCli(['scan', '.', '--fix', '--format', 'json', '--fail-on', 'never'], dir);
      assert.equal(run.code, 0, `--fix on shape ${k} exited ${run.code}: ${run.stderr.slice(0, 1000)}`);
      fixedOf.set(k, readFileSync(join(dir, 'app.py'), 'utf8'));
    }
    assert.ok(
      [...fixedOf.entries()].some(([k, text]) => text !== shape(k)),
      'the CLI fixes at least one shape (otherwise the race has nothing to race over)',
    );
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is idempotent on an untouched file (fixing a fixed file changes nothing)', async () => {
    const dir = join(root, 'idempotent');
    mkdirSync(dir);
    writeFileSync(join(dir, 'app.py'), fixedOf.get(4)!);
    await runCli(['scan', '.', '--fix', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(readFileSync(join(dir, 'app.py'), 'utf8'), fixedOf.get(4));
  });

  it('never leaves a torn, empty or stale-edited file while the file changes under it', async () => {
    const tree = join(root, 'race');
    const scratch = join(root, 'scratch'); // our own temp files, outside the scanned tree (same filesystem for rename)
    mkdirSync(join(tree, 'a'), { recursive: true });
    mkdirSync(join(tree, 'z'), { recursive: true });
    mkdirSync(scratch);
    for (let i = 0; i < FILLERS; i++) writeFileSync(join(tree, i % 2 ? 'a' : 'z', `filler${i}.py`), shape(i));
    const target = join(tree, 'm-target.py');
    writeFileSync(target, shape(0));

    const allowed = new Map<string, string>();
    for (let k = 0; k < SHAPES; k++) {
      allowed.set(shape(k), `shape ${k}`);
      allowed.set(fixedOf.get(k)!, `fixed shape ${k}`);
    }

    let done = false;
    const child = runCli(['scan', '.', '--fix', '--format', 'json', '--fail-on', 'never'], tree, 180_000).finally(
      () => {
        done = true;
      },
    );
    let writes = 0;
    let samples = 0;
    let fixedSeen = 0;
    const bad: string[] = [];
    for (let k = 1; !done; k++) {
      for (let i = 0; i < 3 && !done; i++) {
        const text = readFileSync(target, 'utf8');
        samples++;
        const what = allowed.get(text);
        if (what === undefined) bad.push(text);
        else if (what.startsWith('fixed')) fixedSeen++;
        await new Promise((r) => setImmediate(r));
      }
      const temp = join(scratch, `w${k}`);
      writeFileSync(temp, shape(k % SHAPES));
      renameSync(temp, target);
      writes++;
      await new Promise((r) => setTimeout(r, 2));
    }
    const run = await child;
    const final = readFileSync(target, 'utf8');
    samples++;
    if (!allowed.has(final)) bad.push(final);
    else if (allowed.get(final)!.startsWith('fixed')) fixedSeen++;
    const said =
      (run.stdout + run.stderr)
        .split('\n')
        .find((l) => l.includes('m-target.py'))
        ?.trim() ?? '(nothing)';
    console.log(
      `      --fix race: ${writes} concurrent writes, ${samples} reads, ${fixedSeen} fixed states seen, CLI ${run.ms} ms; CLI on the target: ${said}`,
    );

    assert.equal(run.code, 0, `exit ${run.code}: ${run.stderr.slice(0, 1000)}`);
    assert.deepEqual(bad.slice(0, 3), [], `${bad.length} corrupt state(s) observed; first one above`);
    if (fixedSeen === 0) {
      // The target kept changing, so the CLI must have left it alone, and said so.
      assert.ok(
        (run.stdout + run.stderr).includes('m-target.py'),
        `the CLI did not report the target it left untouched:\n${run.stderr.slice(0, 1500)}`,
      );
    }
    const leftovers = readdirSync(tree).filter((n) => n !== 'a' && n !== 'z' && n !== 'm-target.py');
    assert.deepEqual(leftovers, [], 'temp files left in the tree by --fix');
    for (const sub of ['a', 'z']) {
      assert.equal(readdirSync(join(tree, sub)).length, FILLERS / 2, `files appeared or vanished in ${sub}/`);
    }
  });
});
