// The classes behind issue 16, closed as classes by property tests: the .gitignore automaton agrees
// with the glob semantics and its cost is bounded by (path length + 1) x (pattern length + 1) whatever
// the pattern; the regular expressions that see pasted or workspace text (explain, env readers,
// redaction) stay linear on adversarial input; nothing secret or terminal-active survives redaction;
// every option means the same as `--name=value` and `--name value`; the fix-safety seam notices what
// a fix can break.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, IgnoreStack } from '../../src/core/gitignore';
import { printable, redactSecrets, safeText } from '../../src/core/redact';
import { explain } from '../../src/core/explain';
import { parseEnvConfig } from '../../src/core/env';
import { parseArgs, UsageError } from '../../src/cli/args';
import { fixBreaksCode, parseProblem } from '../../src/core/fixSafety';
import { placeholderIn } from '../../src/core/placeholders';
import { minifiedReason } from '../../src/cli/fileText';
import { compileGlobs } from '../../src/editor/glob';

/** The editor's former glob-to-regex translation (VS Code dialect, no braces), kept as the oracle. */
function vscodeOracle(glob: string): RegExp {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 3 : 2;
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (ch === '?') {
      out += '[^/]';
      i += 1;
    } else if (ch === '[' && glob.indexOf(']', i + 1) > 0) {
      const close = glob.indexOf(']', i + 1);
      out += `[${glob.slice(i + 1, close)}]`;
      i = close + 1;
    } else {
      out += ch.replace(/[.+^$()|\\[\]{}]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`^${out}$`);
}

/** The translation the matcher replaced (glob to backtracking regex), kept as the semantic oracle. */
function oracle(glob: string): RegExp {
  const anchored = glob.includes('/');
  const pattern = glob.startsWith('/') ? glob.slice(1) : glob;
  let re = '';
  let i = 0;
  if (pattern.startsWith('**/')) {
    re += '(?:.*/)?';
    i = 3;
  }
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atEnd = i + 2 === pattern.length;
        const beforeSlash = pattern[i + 2] === '/';
        const afterSlash = i === 0 || pattern[i - 1] === '/';
        if (afterSlash && atEnd) {
          re += '.*';
          i += 1;
          continue;
        }
        if (afterSlash && beforeSlash) {
          re += '(?:.*/)?';
          i += 2;
          continue;
        }
        i += 1;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close) + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += esc(pattern[i + 1]);
      i++;
    } else re += esc(c);
  }
  return new RegExp(anchored ? `^${re}$` : `^(?:.*/)?${re}$`);
}

const globPiece = fc.constantFrom('a', 'b', '.', '*', '**', '?', '/', '[ab]', '[a-b]', '\\*', 'ab');
const glob = fc.array(globPiece, { minLength: 1, maxLength: 10 }).map((p) => p.join(''));
const subject = fc.array(fc.constantFrom('a', 'b', '/', '.', '*'), { maxLength: 14 }).map((p) => p.join(''));
const lastSegment = (s: string) => s.slice(s.lastIndexOf('/') + 1);

// eslint-disable-next-line no-control-regex
const TERMINAL_ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/** What the automaton may cost: every state visited at most twice per character (see gitignore.ts). */
const costBound = (glob: string, subject: string) => 2 * (subject.length + 1) * (2 * glob.length + 2);

describe('hostile input: the classes of issue 16', function () {
  this.timeout(120_000);

  describe('.gitignore matching (d01, d16)', () => {
    it('the automaton matches exactly what the glob means (the old regex translation as oracle)', () => {
      fc.assert(
        fc.property(glob, subject, (g, s) => {
          const compiled = compileGlob(g);
          const expected = oracle(g).test(s);
          assert.equal(compiled.matches(compiled.anchored ? s : lastSegment(s)), expected, `${g} vs ${s}`);
        }),
        { numRuns: 3000 },
      );
    });

    it('its cost is at most 2 (path length + 1)(2 glob length + 2) steps, whatever the glob (no backtracking)', () => {
      const hostile = fc.tuple(
        fc.array(fc.constantFrom('*a', '*', 'a', '?', '**/', '[a-c]', 'a*'), { minLength: 1, maxLength: 60 }),
        fc.constantFrom('c', 'a', ''),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom('a', 'a/', 'ab'),
      );
      let worst = 0;
      fc.assert(
        fc.property(hostile, ([pieces, tail, n, unit]) => {
          const g = pieces.join('') + tail;
          const s = unit.repeat(n);
          const { steps } = compileGlob(g).matchWithCost(s);
          worst = Math.max(worst, steps / costBound(g, s));
          assert.ok(steps <= costBound(g, s), `${g} on ${s.length} chars: ${steps} steps`);
        }),
        { numRuns: 300 },
      );
      console.log(`      worst cost: ${(worst * 100).toFixed(0)}% of the bound`);
    });

    it("the editor's exclude globs (VS Code dialect) match as before, on the same bounded automaton", () => {
      fc.assert(
        fc.property(glob, subject, (g, s) => {
          const compiled = compileGlob(g, 'vscode');
          assert.equal(compiled.matches(s), vscodeOracle(g).test(s), `${g} vs ${s}`);
          assert.ok(compiled.matchWithCost(s).steps <= costBound(g, s));
        }),
        { numRuns: 3000 },
      );
      const excluded = compileGlobs(['*a*a*a*a*a*a*c', 'src/{gen,{build,out}}/**', './tmp' + '/'.repeat(50_000)]);
      assert.equal(excluded('a'.repeat(300) + '.py'), false);
      assert.equal(excluded('src/out/x.py'), true);
      assert.equal(excluded('tmp/x.py'), true);
      assert.equal(compileGlobs(['{a,b}'.repeat(60)])('ab'), false, 'a brace bomb (2^60) is dropped, not expanded');
    });

    it('d01: *a*a*a*a*a*c against a 200-character name answers in a few thousand steps', () => {
      const { matched, steps } = compileGlob('*a*a*a*a*a*c').matchWithCost('a'.repeat(200) + '.py');
      assert.equal(matched, false);
      assert.ok(steps <= costBound('*a*a*a*a*a*c', 'a'.repeat(203)), `${steps} steps`);
      assert.equal(
        IgnoreStack.empty()
          .with('', '*a*a*a*a*a*c\n')
          .ignores('a'.repeat(200) + '.py', false),
        false,
      );
    });

    it('d16: 5,000 globs against 20,000 paths: each path meets only the globs its prefix or suffix allows', () => {
      const stack = IgnoreStack.empty().with(
        '',
        Array.from({ length: 5000 }, (_, i) => `generated_${i}_*.py\n`).join('') + '*.log\n!keep.log\n',
      );
      const started = Date.now();
      let ignored = 0;
      for (let d = 0; d < 10; d++) for (let i = 0; i < 2000; i++) if (stack.ignores(`d${d}/f${i}.py`, false)) ignored++;
      const ms = Date.now() - started;
      console.log(`      20,000 paths x 5,002 globs: ${ms} ms`);
      assert.equal(ignored, 0);
      assert.equal(stack.ignores('d1/generated_4999_x.py', false), true);
      assert.equal(stack.ignores('generated_12_.py', false), true);
      assert.equal(stack.ignores('generated_12.py', false), false);
      assert.equal(stack.ignores('a/b.log', false), true);
      assert.equal(stack.ignores('a/keep.log', false), false, 'the later negation still wins');
      assert.ok(ms < 3000, `${ms} ms (the patterns x paths loop took 21.7 s in the CLI)`);
    });
  });

  describe('redaction and printing (d04, d08, d15)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
    const key84 = fc
      .stringMatching(/^[A-Za-z0-9]{84}$/)
      .filter((s) => /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s));
    const jwt = fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), fc.stringMatching(/^[A-Za-z0-9_-]{8,60}$/))
      .map(([a, b]) => `eyJ${a}.${b}.sig`);
    const context = fc.constantFrom(
      (k: string) => `https://contoso.openai.azure.com/openai?api-key=${k}`,
      (k: string) => `https://contoso.openai.azure.com/x?api-version=2024-10-21&sig=${k}`,
      (k: string) => `line 2: ${k}`,
      (k: string) => `api-key: ${k}`,
      (k: string) => `Authorization: Bearer ${k}`,
      (k: string) => `fetched once (${k.slice(0, 60)}`,
      (k: string) => `'${k}'`,
      (k: string) => `AccountKey=${k};EndpointSuffix=core.windows.net`,
    );

    it('no key, token or query secret survives redactSecrets, in any context', () => {
      fc.assert(
        fc.property(fc.oneof(hex, key84, jwt), context, fc.string({ maxLength: 20 }), (secret, wrap, noise) => {
          const text = `${noise} ${wrap(secret)} ${noise}`;
          const out = redactSecrets(text);
          const shown = secret.slice(0, Math.min(secret.length, 60));
          assert.ok(!out.includes(shown.slice(0, 24)), `leaked: ${out}`);
        }),
        { numRuns: 1500 },
      );
    });

    it('keeps what is not secret: the api-version, host names, env variable names', () => {
      const text =
        "'https://contoso.services.ai.azure.com/models?api-version=2024-05-01-preview' read from AZURE_AI_INFERENCE_ENDPOINT_FOR_PRODUCTION_2024";
      assert.equal(redactSecrets(text), text);
    });

    it('printable leaves no character a terminal acts on (C0 but TAB, DEL, C1, bidi controls, LS/PS)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
          assert.doesNotMatch(printable(s), TERMINAL_ACTIVE);
        }),
        { numRuns: 2000 },
      );
      assert.equal(printable('a\x1b[2Kb\u202ec\nd'), 'a\\x1b[2Kb\\u202ec\\x0ad');
    });

    it('redaction is linear: 1 MB of adversarial near-secrets in well under a second each', () => {
      const shapes = [
        'eyJ' + 'a.'.repeat(400_000),
        '?a='.repeat(300_000),
        'api-key'.padEnd(1_000_000, ' '),
        'Bearer '.repeat(150_000),
        'aA1'.repeat(300_000) + '.',
        'f'.repeat(1_000_000),
      ];
      for (const s of shapes) {
        const started = Date.now();
        safeText(s);
        const ms = Date.now() - started;
        assert.ok(ms < 1500, `${JSON.stringify(s.slice(0, 12))}...: ${ms} ms`);
      }
    });
  });

  describe('explain and the env readers stay linear on pasted or workspace text (d06)', () => {
    // Pieces of every explain pattern, repeated to 200,000 characters: the shapes that make a
    // backtracking regex quadratic (a prefix that matches, then a long run that fails late).
    const piece = fc.constantFrom(
      '\n',
      ' ',
      '\t',
      '401 ',
      '401 Unauthorized',
      'audience is incorrect (',
      'https://a or ',
      'Status ',
      'Status code: ',
      'HTTP/1.1 ',
      'Error code: ',
      '"status": ',
      'curl ',
      'POST ',
      'Virtual Network ',
      'Must provide either the api_version',
      'services.ai.azure.com/model',
      '(',
      ', ',
    );
    let slowest = 0;
    after(() => console.log(`      explain on 200,000-character adversarial text: slowest ${slowest} ms`));

    it('explain() on 200,000 characters of repeated pattern fragments takes well under a second', () => {
      fc.assert(
        fc.property(
          fc.array(piece, { minLength: 1, maxLength: 4 }),
          fc.constantFrom('', '401 Unauthorized\n'),
          (pieces, head) => {
            const unit = pieces.join('');
            const text = head + unit.repeat(Math.ceil(200_000 / unit.length));
            const started = Date.now();
            explain(text);
            const ms = Date.now() - started;
            slowest = Math.max(slowest, ms);
            assert.ok(ms < 2000, `${JSON.stringify(unit)} x ${text.length / unit.length}: ${ms} ms`);
          },
        ),
        { numRuns: 60 },
      );
    });

    it('the .env and JSON config readers read 1 MB of hostile text in well under a second', () => {
      const envPiece = fc.constantFrom('A=', '"', "'", '`', '\\', '\n', '\r', ' ', '#', 'export ', '=', 'x');
      const jsonPiece = fc.constantFrom('{', '[', '"', '\\', ':', ',', '/*', '//', '\n', ' ', '"k":', '1');
      fc.assert(
        fc.property(
          fc.array(envPiece, { minLength: 1, maxLength: 4 }),
          fc.array(jsonPiece, { minLength: 1, maxLength: 4 }),
          (e, j) => {
            for (const [name, unit] of [
              ['.env', e.join('')],
              ['appsettings.json', j.join('')],
            ]) {
              const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
              const started = Date.now();
              parseEnvConfig(name, text);
              const ms = Date.now() - started;
              assert.ok(ms < 2500, `${name} with ${JSON.stringify(unit)} repeated: ${ms} ms`);
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });

  describe('options follow one rule (d03)', () => {
    const valued = fc.oneof(
      fc.tuple(fc.constant('--format'), fc.constantFrom('text', 'json', 'sarif')),
      fc.tuple(fc.constant('--fail-on'), fc.constantFrom('error', 'warning', 'never')),
      fc.tuple(fc.constant('--rule'), fc.constantFrom('hardcoded-key=off', 'static-token=error')),
    );

    it('--name=value and --name value parse the same, in any order with paths', () => {
      fc.assert(
        fc.property(
          fc.array(valued, { maxLength: 3 }),
          fc.array(fc.constantFrom('a.py', 'src', './x'), { maxLength: 2 }),
          fc.boolean(),
          (opts, paths, fix) => {
            const unique = [...new Map(opts.map(([n, v]) => [n === '--rule' ? v : n, [n, v] as const])).values()];
            const joined = [...paths, ...unique.map(([n, v]) => `${n}=${v}`), ...(fix ? ['--fix'] : [])];
            const split = [...(fix ? ['--fix=true'] : []), ...unique.flatMap(([n, v]) => [n, v]), ...paths];
            assert.deepEqual(parseArgs(['scan', ...joined]), parseArgs(['scan', ...split]));
          },
        ),
        { numRuns: 500 },
      );
    });

    it('an unknown option, a value given to a switch, or a value not allowed is a usage error', () => {
      const bad = fc.oneof(
        fc
          .stringMatching(/^--[a-z][a-z-]{0,10}$/)
          .filter((o) => !['--format', '--fail-on', '--rule', '--fix', '--help'].includes(o)),
        fc
          .stringMatching(/^[A-Za-z0-9]{1,8}$/)
          .filter((v) => v !== 'true' && v !== 'false')
          .map((v) => `--fix=${v}`),
        fc
          .stringMatching(/^[a-z]{1,8}$/)
          .filter((v) => !['text', 'json', 'sarif'].includes(v))
          .map((v) => `--format=${v}`),
        fc.stringMatching(/^-[a-zA-Z]$/).filter((o) => o !== '-h'),
      );
      fc.assert(
        fc.property(bad, (arg) => {
          assert.throws(() => parseArgs(['scan', arg, 'a.py']), UsageError, arg);
        }),
        { numRuns: 500 },
      );
      assert.throws(() => parseArgs(['scan', '-']), /does not read standard input/);
      assert.equal((parseArgs(['scan', '--', '--fix=x', '-']) as { paths: string[] }).paths.join(' '), '--fix=x -');
      assert.equal((parseArgs(['explain', '-1 error']) as { text: string }).text, '-1 error');
    });
  });

  describe('what --fix must never write (d05, placeholders)', () => {
    it('parseProblem finds what breaks Python and JS/TS, and only that', () => {
      assert.equal(parseProblem('python', 'f(a=1, b=2)\n'), undefined);
      assert.match(parseProblem('python', 'f(a=1, a=2)\n') ?? '', /keyword argument a repeated/);
      assert.equal(parseProblem('python', 'f(a=1, g(a=2))\nx == 1\n'), undefined);
      assert.match(parseProblem('python', 'import os\nfrom __future__ import annotations\n') ?? '', /__future__/);
      assert.equal(parseProblem('python', '"""doc"""\nfrom __future__ import annotations\nimport os\n'), undefined);
      assert.match(parseProblem('python', 'f(a=1\n') ?? '', /missing '\)'|syntax error/);
      assert.equal(parseProblem('python', 's = "(" # )\n'), undefined, 'strings and comments do not count');
      assert.match(
        parseProblem('typescript', 'const c = new X({ apiKey: k, apiKey: j });\n') ?? '',
        /property apiKey repeated/,
      );
      assert.equal(
        parseProblem('typescript', 'const c = new X({ a: { b: 1 }, b: 2 });\nswitch (x) { case a: break; }\n'),
        undefined,
      );
      assert.match(parseProblem('jupyter', '{"cells": [}') ?? '', /JSON/);
      assert.equal(parseProblem('dotenv', 'A=(('), undefined, 'unchecked languages pass');
    });

    it('a file that was already broken is judged only on what the fix adds', () => {
      assert.equal(fixBreaksCode('python', 'f(\nx = 1\n', 'f(\nx = 2\n'), undefined);
      assert.ok(fixBreaksCode('python', 'f(a=1, b=2)\n', 'f(a=1, a=2)\n'));
    });

    it('placeholders are recognised in any fix edit', () => {
      const fix = (newText: string) => ({
        title: 't',
        preferred: true,
        edits: [{ file: 'f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }],
      });
      assert.equal(placeholderIn(fix(', model="<deployment-name>"')), '<deployment-name>');
      assert.equal(placeholderIn(fix('https://<resource>.openai.azure.com')), '<resource>');
      assert.equal(placeholderIn(fix('os.environ["AZURE_OPENAI_API_KEY"]')), undefined);
      assert.equal(placeholderIn(fix('a < b > c')), undefined);
    });
  });

  it('d12, d13: the minified check exempts notebooks and ends lines at CR, LF or CRLF', () => {
    const longLine = 'x'.repeat(30_000);
    const lines = 'print(1)\n'.repeat(12_000);
    assert.match(minifiedReason(longLine + lines, 'a.py') ?? '', /minified/);
    assert.equal(minifiedReason(longLine + lines, 'plot.ipynb'), undefined);
    assert.equal(minifiedReason(lines.replace(/\n/g, '\r'), 'cr.py'), undefined);
    assert.equal(minifiedReason(lines.replace(/\n/g, '\r\n'), 'crlf.py'), undefined);
  });
});
