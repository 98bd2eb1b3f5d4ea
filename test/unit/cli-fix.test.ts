// --fix on disk, in process: atomic writes, the "still the text that was analysed" guard (stale
// files are left untouched), encodings and BOMs kept, undecodable files never written.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixesToDisk, writeAtomic } from '../../src/cli/applyFixes';
import { decode, encode } from '../../src/cli/fileText';
import type { Fix } from '../../src/core/types';

describe('--fix on disk', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aad-fix-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fixFor = (file: string, line: number, start: number, end: number, newText: string): Fix => ({
    title: 'fix',
    preferred: true,
    edits: [{ file, range: { start: { line, character: start }, end: { line, character: end } }, newText }],
  });

  it('writes the fixed text and leaves no temp file', () => {
    const file = join(dir, 'a.py');
    writeFileSync(file, 'x = "old"\n');
    const analysed = new Map([[file, decode(readFileSync(file))]]);
    const outcome = applyFixesToDisk([fixFor(file, 0, 5, 8, 'new')], analysed);
    assert.equal(readFileSync(file, 'utf8'), 'x = "new"\n');
    assert.deepEqual([...outcome.changed.keys()], [file]);
    assert.deepEqual(readdirSync(dir), ['a.py']);
  });

  it('leaves a file untouched when it changed since it was analysed', () => {
    const file = join(dir, 'a.py');
    writeFileSync(file, 'x = "old"\n');
    const analysed = new Map([[file, decode(readFileSync(file))]]);
    writeFileSync(file, '# someone edited this\nx = "old"\n');
    const outcome = applyFixesToDisk([fixFor(file, 0, 5, 8, 'new')], analysed);
    assert.equal(readFileSync(file, 'utf8'), '# someone edited this\nx = "old"\n');
    assert.match(outcome.untouched[0].reason, /changed since it was analysed/);
  });

  it('leaves a file untouched when the edit no longer applies', () => {
    const file = join(dir, 'a.py');
    writeFileSync(file, 'short\n');
    const outcome = applyFixesToDisk([fixFor(file, 0, 2, 50, 'x')], new Map());
    assert.equal(readFileSync(file, 'utf8'), 'short\n');
    assert.match(outcome.untouched[0].reason, /no longer applies/);
  });

  it('never writes back a file that is not valid UTF-8', () => {
    const file = join(dir, 'a.py');
    const bytes = Buffer.concat([Buffer.from('x = "old" # '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n')]);
    writeFileSync(file, bytes);
    const outcome = applyFixesToDisk([fixFor(file, 0, 5, 8, 'new')], new Map([[file, decode(bytes)]]));
    assert.ok(readFileSync(file).equals(bytes));
    assert.match(outcome.untouched[0].reason, /not valid UTF-8/);
  });

  it('keeps UTF-8 BOM, UTF-16 LE/BE with BOM, and CRLF in inserted text', () => {
    for (const encoding of ['utf8bom', 'utf16le', 'utf16be'] as const) {
      const file = join(dir, `${encoding}.py`);
      writeFileSync(file, encode('x = "old"\r\ny = 1\r\n', encoding));
      const analysed = new Map([[file, decode(readFileSync(file))]]);
      applyFixesToDisk([fixFor(file, 0, 5, 8, 'new"\nz = "2')], analysed);
      const after = decode(readFileSync(file));
      assert.equal(after.encoding, encoding);
      assert.equal(after.text, 'x = "new"\r\nz = "2"\r\ny = 1\r\n');
    }
  });

  it('writeAtomic replaces the content in one step and cleans up on failure', () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'before');
    writeAtomic(file, Buffer.from('after'));
    assert.equal(readFileSync(file, 'utf8'), 'after');
    assert.throws(() => writeAtomic(join(dir, 'missing-folder', 'x.txt'), Buffer.from('x')));
    assert.deepEqual(readdirSync(dir), ['a.txt']);
  });
});
