// The workspace scan's exclude matching (src/editor/glob.ts, src/editor/gitignore.ts): VS Code style
// globs from files.exclude / search.exclude / azureAiAuthDoctor.exclude and .gitignore lines.
import * as assert from 'node:assert/strict';
import { compileGlobs, enabledGlobs } from '../../src/editor/glob';

describe('editor exclude globs', () => {
  it('matches ** across folders and excludes everything under a matched folder', () => {
    const excluded = compileGlobs(['**/node_modules', '**/*.min.js']);
    assert.equal(excluded('node_modules/openai/index.js'), true);
    assert.equal(excluded('web/node_modules/x.py'), true);
    assert.equal(excluded('web/app.min.js'), true);
    assert.equal(excluded('web/app.js'), false);
  });

  it('handles braces, ? and character classes', () => {
    const excluded = compileGlobs(['src/{gen,build}/**', 'tmp?.py', 'v[0-9].py']);
    assert.equal(excluded('src/gen/a.py'), true);
    assert.equal(excluded('src/build/b/c.ts'), true);
    assert.equal(excluded('src/app/a.py'), false);
    assert.equal(excluded('tmp1.py'), true);
    assert.equal(excluded('tmp12.py'), false);
    assert.equal(excluded('v7.py'), true);
  });

  it('matches nothing without globs and treats regex characters literally', () => {
    assert.equal(compileGlobs([])('a.py'), false);
    assert.equal(compileGlobs(['a+b(1).py'])('a+b(1).py'), true);
    assert.equal(compileGlobs(['a+b(1).py'])('aab1.py'), false);
  });

  it('reads only enabled entries of an exclude setting', () => {
    assert.deepEqual(enabledGlobs({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' } }), [
      '**/.git',
    ]);
    assert.deepEqual(enabledGlobs(undefined), []);
  });
});
