// The CLI's own .gitignore matcher: anchoring, dir-only patterns, negation, ** globs, character
// classes, escapes, nested files (deeper wins) and "last matching pattern decides".
import * as assert from 'node:assert/strict';
import { IgnoreStack } from '../../src/core/gitignore';

const stack = (text: string) => IgnoreStack.empty().with('', text);

describe('gitignore matcher', () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    // pattern, path, isDir, ignored
    ['*.log', 'a.log', false, true],
    ['*.log', 'deep/er/a.log', false, true],
    ['*.log', 'a.log.txt', false, false],
    ['/root.py', 'root.py', false, true],
    ['/root.py', 'sub/root.py', false, false],
    ['sub/x.py', 'sub/x.py', false, true],
    ['sub/x.py', 'a/sub/x.py', false, false],
    ['build/', 'build', true, true],
    ['build/', 'build', false, false],
    ['build/', 'src/build', true, true],
    ['**/cache', 'a/b/cache', true, true],
    ['**/cache', 'cache', true, true],
    ['docs/**', 'docs/a/b.md', false, true],
    ['a/**/z.py', 'a/z.py', false, true],
    ['a/**/z.py', 'a/b/c/z.py', false, true],
    ['a/**/z.py', 'b/a/z.py', false, false],
    ['file?.py', 'file1.py', false, true],
    ['file?.py', 'file10.py', false, false],
    ['*.py[co]', 'x.pyc', false, true],
    ['*.py[!co]', 'x.pyc', false, false],
    ['*.py[!co]', 'x.pyd', false, true],
    ['\\#hash', '#hash', false, true],
    ['# comment', '# comment', false, false],
    ['trailing.py   ', 'trailing.py', false, true],
    ['a*b', 'a/b', false, false],
  ];
  for (const [pattern, path, isDir, ignored] of cases) {
    it(`${JSON.stringify(pattern)} ${ignored ? 'ignores' : 'keeps'} ${path}${isDir ? '/' : ''}`, () => {
      assert.equal(stack(pattern).ignores(path, isDir), ignored);
    });
  }

  it('negation re-includes, and the last matching pattern decides', () => {
    const s = stack('*.py\n!keep.py\n');
    assert.equal(s.ignores('x.py', false), true);
    assert.equal(s.ignores('keep.py', false), false);
    assert.equal(stack('!keep.py\n*.py\n').ignores('keep.py', false), true);
  });

  it('nested .gitignore files apply below their folder and win over outer ones', () => {
    const s = IgnoreStack.empty().with('', '*.gen.py\n').with('pkg', '!special.gen.py\n/local.py\n');
    assert.equal(s.ignores('pkg/special.gen.py', false), false);
    assert.equal(s.ignores('other/special.gen.py', false), true);
    assert.equal(s.ignores('pkg/local.py', false), true);
    assert.equal(s.ignores('pkg/sub/local.py', false), false);
    assert.equal(s.ignores('local.py', false), false);
  });

  it('ignores blank and comment-only files', () => {
    assert.equal(IgnoreStack.empty().with('', '\n# only comments\n\n').ignores('a.py', false), false);
  });

  it('survives odd patterns', () => {
    for (const p of ['[', '[]', '***', '\\', '!', '/', '**', '[z-a]'])
      assert.doesNotThrow(() => stack(p).ignores('a/b.py', false), p);
  });

  describe('ignoresPath (the editor scan, which lists files instead of walking)', () => {
    const stack = IgnoreStack.empty().with('', '*.log\n!keep.log\nbuild/\n').with('sub', '/gen/\n');
    it('ignores files below an ignored folder', () => {
      assert.equal(stack.ignoresPath('build/app.py'), true);
      assert.equal(stack.ignoresPath('src/build/app.py'), true);
      assert.equal(stack.ignoresPath('sub/gen/x.py'), true);
      assert.equal(stack.ignoresPath('gen/x.py'), false, 'the nested /gen/ is anchored to sub/');
    });
    it('honours negation', () => {
      assert.equal(stack.ignoresPath('logs/a.log'), true);
      assert.equal(stack.ignoresPath('logs/keep.log'), false);
      assert.equal(stack.ignoresPath('app.py'), false);
    });
  });
});
