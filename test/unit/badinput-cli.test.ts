// Bad files through the real CLI (dist/cli.js as a child process on a temp tree, generated at test
// time, nothing large committed): huge, binary, minified, invalid UTF-8, UTF-16 with BOM, CRLF, odd .env,
// JSONC appsettings, truncated notebooks, a FIFO, a symlink loop, odd file names. The CLI must finish,
// keep scanning the other files, name every skipped file with a reason, and find the same problem at the
// same position whatever the encoding or line ending. `--fix` must leave skipped files byte-identical.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireCli, parseJsonReport, runCli, type CliRun, type JsonFinding } from './badinputSupport';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The control problem: a Python AzureOpenAI pointed at the model inference endpoint (rule openai-class-endpoint). */
const CONTROL_LINES = [
  'import os',
  'from openai import AzureOpenAI',
  'from azure.identity import DefaultAzureCredential, get_bearer_token_provider',
  '',
  'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")',
  'client = AzureOpenAI(azure_endpoint="https://contoso.services.ai.azure.com/models", azure_ad_token_provider=provider, api_version="2024-10-21")',
  '',
];
const CONTROL = CONTROL_LINES.join('\n');

/** Every bad file: name, how to write it, and whether the CLI must name it as skipped. */
interface BadFile {
  name: string;
  write: (path: string) => void;
  /** 'skip': must be named on stderr as skipped; 'same': must give exactly the control's findings; 'survive': anything but a crash. */
  expect: 'skip' | 'same' | 'survive';
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

const BAD_FILES: BadFile[] = [
  {
    name: 'huge.py',
    expect: 'skip',
    write: (p) => {
      // 50 MB of plausible Python that mentions Azure (so a trigger-byte pre-filter does not hide the size check).
      const block = Buffer.from(CONTROL + '# padding azure openai inference ' + 'x'.repeat(900) + '\n');
      const copies = Math.ceil((50 * 1024 * 1024) / block.length);
      writeFileSync(p, Buffer.concat(Array.from({ length: copies }, () => block)));
    },
  },
  {
    name: 'binary.py',
    expect: 'skip',
    write: (p) =>
      writeFileSync(
        p,
        Buffer.concat([
          Buffer.from(CONTROL),
          Buffer.from([0, 1, 2, 0, 255, 0, 0x89, 0x50, 0x4e, 0x47]),
          Buffer.alloc(4096, 0),
        ]),
      ),
  },
  {
    name: 'minified.js',
    expect: 'skip',
    write: (p) => {
      const stmt =
        'var a=new AzureOpenAI({endpoint:"https://contoso.services.ai.azure.com/models",apiVersion:"2024-10-21"});';
      writeFileSync(p, stmt.repeat(Math.ceil((5 * 1024 * 1024) / stmt.length)));
    },
  },
  { name: 'crlf.py', expect: 'same', write: (p) => writeFileSync(p, CONTROL.replace(/\n/g, '\r\n')) },
  { name: 'bom.py', expect: 'same', write: (p) => writeFileSync(p, '\uFEFF' + CONTROL) },
  { name: 'bom-crlf.py', expect: 'same', write: (p) => writeFileSync(p, '\uFEFF' + CONTROL.replace(/\n/g, '\r\n')) },
  { name: 'utf16le-bom.py', expect: 'same', write: (p) => writeFileSync(p, utf16le(CONTROL)) },
  { name: 'utf16be-bom.py', expect: 'same', write: (p) => writeFileSync(p, utf16be(CONTROL)) },
  {
    name: 'invalid-utf8.py',
    expect: 'same',
    // Invalid bytes inside a comment on the first line: the rest of the file is the control, positions unchanged
    // when the decoder maps each bad byte to one U+FFFD.
    write: (p) =>
      writeFileSync(
        p,
        Buffer.concat([
          Buffer.from('import os  # '),
          Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]),
          Buffer.from(CONTROL.slice('import os'.length)),
        ]),
      ),
  },
  { name: 'lone-cr.py', expect: 'survive', write: (p) => writeFileSync(p, CONTROL.replace(/\n/g, '\r')) },
  { name: 'empty.py', expect: 'survive', write: (p) => writeFileSync(p, '') },
  { name: 'only-bom.py', expect: 'survive', write: (p) => writeFileSync(p, '\uFEFF') },
  {
    name: 'unterminated.py',
    expect: 'survive',
    write: (p) =>
      writeFileSync(
        p,
        'client = AzureOpenAI(azure_endpoint="https://contoso.services.ai.azure.com/models' + ' x'.repeat(50_000),
      ),
  },
  { name: 'parens.ts', expect: 'survive', write: (p) => writeFileSync(p, 'new AzureOpenAI' + '('.repeat(10_000)) },
  {
    name: 'odd/.env',
    expect: 'survive',
    write: (p) =>
      writeFileSync(
        p,
        [
          'export AZURE_OPENAI_ENDPOINT="https://contoso.services.ai.azure.com/models"',
          "OPENAI_API_VERSION='2024-10-21' # trailing comment",
          'QUOTED="unterminated',
          'MULTI="line one',
          'line two"',
          '=no-name',
          'no-equals-sign',
          'SPACES = "around equals"',
          'export',
          'ESCAPES="a\\"b\\nc\\\\"',
          'BACKTICK=`x`',
          '\t# indented comment',
          'DUP=1',
          'DUP=2',
          '\u0000NUL=1',
        ].join('\r\n'),
      ),
  },
  {
    name: 'cfg/appsettings.json',
    expect: 'survive',
    write: (p) =>
      writeFileSync(
        p,
        '{\n  // comment\n  /* block */\n  "AzureOpenAI": { "Endpoint": "https://contoso.services.ai.azure.com/models", },\n  "List": [1, 2, ],\n}\n',
      ),
  },
  {
    name: 'cfg/appsettings.Broken.json',
    expect: 'survive',
    write: (p) => writeFileSync(p, '{ "AzureOpenAI": { "Endpoint": "https://contoso.services.ai.azure.com/models" '),
  },
  {
    name: 'cfg/local.settings.json',
    expect: 'survive',
    write: (p) => writeFileSync(p, '{ "Values": [ "not", "an", "object" ], }'),
  },
  {
    name: 'nb/truncated.ipynb',
    expect: 'survive',
    write: (p) => {
      const full = JSON.stringify({
        cells: [{ cell_type: 'code', metadata: {}, outputs: [], source: [CONTROL] }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      });
      writeFileSync(p, full.slice(0, Math.floor(full.length * 0.6)));
    },
  },
  {
    name: 'nb/not-a-notebook.ipynb',
    expect: 'survive',
    write: (p) => writeFileSync(p, '{"cells": "nope", "nbformat": "four"}'),
  },
  { name: 'nb/array.ipynb', expect: 'survive', write: (p) => writeFileSync(p, '[1,2,3]') },
  {
    name: 'req/requirements.txt',
    expect: 'survive',
    write: (p) => writeFileSync(p, 'openai==\nazure-ai-inference>=\n-r missing.txt\n--index-url x\n\u0000\n'),
  },
  {
    name: 'req/package.json',
    expect: 'survive',
    write: (p) => writeFileSync(p, '{ "dependencies": { "openai": 4, "@azure-rest/ai-inference": null }, '),
  },
  { name: 'weird name with spaces ✓.py', expect: 'same', write: (p) => writeFileSync(p, CONTROL) },
];

describe('bad input through the CLI', function () {
  this.timeout(240_000);
  let tree = '';
  const hashes = new Map<string, string>();
  let run: CliRun;
  let report: ReturnType<typeof parseJsonReport>;

  before(async function () {
    requireCli();
    tree = mkdtempSync(join(tmpdir(), 'aad-badinput-'));
    writeFileSync(join(tree, 'aaa-control.py'), CONTROL);
    for (const bad of BAD_FILES) {
      const full = join(tree, bad.name);
      mkdirSync(dirname(full), { recursive: true });
      bad.write(full);
      hashes.set(bad.name, sha(full));
    }
    // Things a walker can trip on: a FIFO (reading it blocks forever), a symlink loop, a dangling link.
    spawnSync('mkfifo', [join(tree, 'pipe.py')]);
    symlinkSync('..', join(tree, 'cfg', 'loop'));
    symlinkSync(join(tree, 'does-not-exist.py'), join(tree, 'dangling.py'));
    writeFileSync(join(tree, 'zzz-control.py'), CONTROL); // scanned after the bad files: proves the scan went on
    run = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], tree);
    report = parseJsonReport(run);
  });

  after(() => {
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('finishes without crashing, with exit code 0 and a JSON report', () => {
    assert.equal(run.signal, null);
    assert.equal(run.code, 0, `exit ${run.code}; stderr: ${run.stderr.slice(0, 2000)}`);
    assert.equal(report.version, 1);
    assert.ok(!/\bat .+:\d+:\d+\)?$/m.test(run.stderr), `stack trace on stderr:\n${run.stderr.slice(0, 2000)}`);
    console.log(
      `      bad-input scan: ${BAD_FILES.length + 5} files incl. FIFO and symlink loop, ${run.ms} ms, ${report.filesScanned} scanned, ${report.findings.length} findings`,
    );
  });

  it('keeps scanning after the bad files (the control before and after both analysed)', () => {
    assert.ok(report.filesScanned >= 2, `filesScanned = ${report.filesScanned}`);
  });

  it('names every skipped file on stderr with a reason', () => {
    for (const bad of BAD_FILES.filter((b) => b.expect === 'skip')) {
      const line = run.stderr.split(/\r?\n/).find((l) => l.includes(bad.name));
      assert.ok(line, `${bad.name} is not reported as skipped; stderr:\n${run.stderr.slice(0, 2000)}`);
      assert.ok(
        line.replace(bad.name, '').replace(/[\s:.,()-]/g, '').length >= 4,
        `no reason given for ${bad.name}: "${line}"`,
      );
    }
  });

  it('reports no finding inside skipped files', () => {
    for (const bad of BAD_FILES.filter((b) => b.expect === 'skip')) {
      assert.deepEqual(
        report.findings.filter((f) => f.file.endsWith(bad.name)),
        [],
        `${bad.name} was skipped but has findings`,
      );
    }
  });

  it('finds the same problems at the same positions whatever the encoding, BOM or line ending', function () {
    const key = (f: JsonFinding): string => `${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    const control = report.findings
      .filter((f) => f.file === 'aaa-control.py')
      .map(key)
      .sort();
    assert.ok(control.length > 0, 'the control file has findings to compare the encodings against');
    assert.deepEqual(
      report.findings
        .filter((f) => f.file === 'zzz-control.py')
        .map(key)
        .sort(),
      control,
    );
    for (const bad of BAD_FILES.filter((b) => b.expect === 'same')) {
      assert.deepEqual(
        report.findings
          .filter((f) => f.file === bad.name)
          .map(key)
          .sort(),
        control,
        `${bad.name} differs from the control`,
      );
    }
  });

  it('--fix leaves skipped, binary and undecodable files byte-identical and leaves no temp files', async () => {
    const fixRun = await runCli(['scan', '.', '--fix', '--format', 'json', '--fail-on', 'never'], tree);
    assert.equal(fixRun.code, 0, `exit ${fixRun.code}; stderr: ${fixRun.stderr.slice(0, 2000)}`);
    for (const bad of BAD_FILES.filter(
      (b) => b.expect === 'skip' || b.name.startsWith('utf16') || b.name.startsWith('invalid-utf8'),
    )) {
      const now = sha(join(tree, bad.name));
      if (bad.expect === 'skip' || bad.name.startsWith('invalid-utf8')) {
        assert.equal(now, hashes.get(bad.name), `${bad.name} was modified by --fix`);
      } else {
        // A UTF-16 file may be fixed, but only if it stays UTF-16 with its BOM.
        const bytes = readFileSync(join(tree, bad.name));
        const bom = bad.name.startsWith('utf16le') ? [0xff, 0xfe] : [0xfe, 0xff];
        assert.deepEqual([...bytes.subarray(0, 2)], bom, `${bad.name} lost its BOM`);
        assert.equal(bytes.length % 2, 0, `${bad.name} is no longer UTF-16`);
      }
    }
    // Line endings and BOMs survive a fix.
    const crlf = readFileSync(join(tree, 'crlf.py'), 'utf8');
    assert.ok(!/[^\r]\n/.test(crlf), 'crlf.py got a bare LF');
    assert.ok(
      readFileSync(join(tree, 'bom-crlf.py'))
        .subarray(0, 3)
        .equals(Buffer.from([0xef, 0xbb, 0xbf])),
      'bom-crlf.py lost its BOM',
    );
    const leftovers: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (/\.tmp|~$|\.swp$|\.aad-/.test(entry.name)) leftovers.push(entry.name);
      }
    };
    walk(tree);
    assert.deepEqual(leftovers, [], 'temp files left behind by --fix');
  });
});
