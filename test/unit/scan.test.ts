// Strings, comments and docstrings as the engine sees them (tree-sitter for programming languages,
// the small readers for the other formats), and file-type detection.
import * as assert from 'node:assert/strict';
import { readFormat } from '../../src/core/parse/formats';
import { ensureAllParsers, isParsedLanguage } from '../../src/core/parse/runtime';
import { parseSyntax, type Lexed } from '../../src/core/parse/syntax';
import { analyzeDocument } from '../../src/core/analyze';
import { isCandidateFile, languageIdForFile } from '../../src/core/languages';

function lex(text: string, languageId: string): Lexed {
  if (!isParsedLanguage(languageId)) return readFormat(text, languageId);
  const parsed = parseSyntax(text, languageId);
  assert.ok(parsed && parsed !== 'timeout', `no parse for ${languageId}`);
  return parsed.lexed;
}

const values = (text: string, lang: string) => lex(text, lang).strings.map((t) => text.slice(t.valueStart, t.valueEnd));

describe('token views', () => {
  before(async () => {
    await ensureAllParsers();
  });

  it('an apostrophe in a shell here-doc or in JSX text hides nothing after it', () => {
    const sh = "cat <<EOF\nit's here\nEOF\ncurl -H 'Authentication: Bearer $T' https://a.openai.azure.com/x\n";
    assert.ok(
      analyzeDocument(sh, 'shellscript', { fileName: '/w/a.sh' }).findings.some((f) => f.rule === 'rest-auth-header'),
    );
    const jsx =
      'const A = () => <p>Don\'t panic</p>;\nconst c = new AzureOpenAI({ endpoint: "https://x.services.ai.azure.com/models", apiVersion: "1" });\n';
    assert.ok(
      analyzeDocument(jsx, 'javascriptreact', { fileName: '/w/a.jsx' }).findings.some(
        (f) => f.rule === 'openai-class-endpoint',
      ),
    );
  });

  it('a lone CR ends a line (comment ends, positions count it) and U+2028 ends a // comment in JS', () => {
    const py = '# comment\rc = AzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models", api_version="1")\r';
    const r = analyzeDocument(py, 'python', { fileName: '/w/a.py' });
    const f = r.findings.find((x) => x.rule === 'openai-class-endpoint');
    assert.ok(f, 'finding after a CR-terminated comment');
    assert.equal(f.range.start.line, 1);
    const js =
      '// note\u2028const c = new AzureOpenAI({ endpoint: "https://x.services.ai.azure.com/models", apiVersion: "1" });\n';
    assert.ok(
      analyzeDocument(js, 'javascript', { fileName: '/w/a.js' }).findings.some(
        (x) => x.rule === 'openai-class-endpoint',
      ),
    );
  });

  it('reads Python prefixes, triple quotes and f-strings, and treats docstrings as comments', () => {
    const text =
      'def f():\n    """doc "https://x" """\n    a = f"https://{res}.openai.azure.com"  # c "q"\n    b = rb\'x\\\'y\'\n    c = """multi\nline"""\n';
    assert.deepEqual(values(text, 'python'), ['https://{res}.openai.azure.com', "x\\'y", 'multi\nline']);
    const l = lex(text, 'python');
    assert.equal(l.strings[0].interpolated, true);
    assert.ok(l.code.includes('a = "'));
    assert.ok(!l.code.includes('doc'));
    assert.ok(!l.noComments.includes('# c'));
  });

  it('reads JS template literals with nested holes and skips regex literals', () => {
    const text = 'const a = `https://${env["R"]}.x/${`in`}`; const r = /"[a-z]\'/g; const b = \'q\'; // "c"\n';
    assert.deepEqual(values(text, 'typescript'), ['https://${env["R"]}.x/${`in`}', 'q']);
  });

  it('reads C# verbatim, interpolated and raw strings', () => {
    const text = 'var a = @"c:\\""x"; var b = $"{r}.openai"; var c = """\n raw "q" \n"""; char d = \'"\'; // "no"\n';
    assert.deepEqual(values(text, 'csharp'), ['c:\\""x', '{r}.openai', '\n raw "q" \n']);
  });

  it('reads Java text blocks', () => {
    assert.deepEqual(values('String s = """\n  a "b"\n  """; /* "c" */ String t = "d";', 'java'), [
      '\n  a "b"\n  ',
      'd',
    ]);
  });

  it('handles shell, PowerShell, .http and .env comments', () => {
    assert.deepEqual(values('curl -H "a: $T" # "b"\necho x#y \'z\'', 'shellscript'), ['a: $T', 'z']);
    assert.deepEqual(values('<# "a" #> $h = @{ "b" = "c`"d" } # "e"', 'powershell'), ['b', 'c`"d']);
    assert.equal(lex('# comment https://x\nPOST https://y\n// c2\n', 'http').comments.length, 2);
    assert.equal(lex('A=1 # c\nB="x # y"\n', 'dotenv').comments.length, 1);
  });
});

describe('languageIdForFile / isCandidateFile', () => {
  const cases: Array<[string, string | undefined]> = [
    ['a.py', 'python'],
    ['a.mjs', 'javascript'],
    ['a.tsx', 'typescriptreact'],
    ['Program.cs', 'csharp'],
    ['A.java', 'java'],
    ['.env', 'dotenv'],
    ['.env.local', 'dotenv'],
    ['appsettings.Development.json', 'json'],
    ['local.settings.json', 'json'],
    ['.vscode/launch.json', 'jsonc'],
    ['api.http', 'http'],
    ['api.rest', 'http'],
    ['run.sh', 'shellscript'],
    ['run.ps1', 'powershell'],
    ['requirements-dev.txt', 'pip-requirements'],
    ['pyproject.toml', 'toml'],
    ['package.json', 'json'],
    ['App.csproj', 'xml'],
    ['pom.xml', 'xml'],
    ['build.gradle', 'groovy'],
    ['build.gradle.kts', 'kotlin'],
    ['nb.ipynb', 'jupyter'],
    ['README.md', undefined],
    ['data.json', undefined],
  ];
  for (const [file, id] of cases) it(`${file} -> ${id}`, () => assert.equal(languageIdForFile(file), id));
  it('skips minified bundles and unrelated launch.json files', () => {
    assert.equal(isCandidateFile('dist/app.min.js'), false);
    assert.equal(isCandidateFile('x/.vscode/launch.json'), true);
    assert.equal(isCandidateFile('src/app.py'), true);
  });
});
