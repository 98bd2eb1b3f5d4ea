// Parse focus (src/core/parse/focus.ts) and the compact parse (compact.ts): a large file is parsed
// with the block bodies nothing reads skipped, and the parser reads a text without the blank runs,
// whose tree is then shifted back. Neither may change what the engine reports: every corpus case
// padded past the focus threshold with ordinary code reports what it reports alone, the links focus
// keeps (helpers, fields, the calls on a client) are tested one by one, and the shifted tree has
// the nodes a parse of the blanked text has, at the same offsets.
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/analyze';
import { parserFor } from '../../src/core/parse/runtime';
import { parseInput, FOCUS_MIN_CHARS } from '../../src/core/parse/input';
import { parseSyntax, disposeSession, type ParseSession } from '../../src/core/parse/syntax';
import type { Tree } from '../../src/core/parse/runtime';
import type { AnalysisContext, Finding } from '../../src/core/types';
import { evaluateCorpus, type CaseResult } from './corpusEval';

/** Ordinary code nothing reads, reusing common local names (result, data, url, headers, client). */
const FILLER: Record<string, (n: number) => string> = {
  python: (n) =>
    [
      `def helper_${n}(rows, limit=${n % 50}):`,
      `    """Summarise rows ${n}: "quoted" and {braces}."""`,
      `    result = []`,
      `    url = "/local/path/${n}"`,
      `    headers = {"Accept": "text/plain"}`,
      `    for index, data in enumerate(rows):`,
      `        if index >= limit:  # the limit`,
      `            break`,
      `        result.append({"label": f"{data['name']}-{index:04d}", "url": url, "h": headers})`,
      `    return sorted(result, key=lambda x: x["label"])`,
      ``,
    ].join('\n'),
  javascript: (n) =>
    [
      `function helper${n}(rows, options = { limit: ${n % 50} }) {`,
      `  // "quotes" and 'quotes' in a comment`,
      `  const result = [];`,
      `  const url = "/local/path/${n}";`,
      `  const headers = { Accept: "text/plain" };`,
      `  for (const [index, data] of rows.entries()) {`,
      `    if (index >= options.limit) break;`,
      `    result.push({ label: \`\${data.name}-\${index}\`, url, headers });`,
      `  }`,
      `  return result.sort((a, b) => a.label.localeCompare(b.label));`,
      `}`,
      ``,
    ].join('\n'),
  csharp: (n) =>
    [
      `public static class Helper${n}`,
      `{`,
      `    public static List<string> Run(IEnumerable<string> rows, int limit = ${n % 50})`,
      `    {`,
      `        var result = new List<string>();`,
      `        var url = "/local/path/${n}";`,
      `        foreach (var data in rows)`,
      `        {`,
      `            if (result.Count >= limit) break;`,
      `            result.Add($"{data}-{url} \\"q\\"");`,
      `        }`,
      `        return result;`,
      `    }`,
      `}`,
      ``,
    ].join('\n'),
  java: (n) =>
    [
      `class Helper${n} {`,
      `    static List<String> run(List<String> rows, int limit) {`,
      `        List<String> result = new ArrayList<>();`,
      `        String url = "/local/path/${n}";`,
      `        for (String data : rows) {`,
      `            if (result.size() >= limit) break;`,
      `            result.add(String.format("%s-%s", data, url));`,
      `        }`,
      `        return result;`,
      `    }`,
      `}`,
      ``,
    ].join('\n'),
};
FILLER.javascriptreact = FILLER.javascript;
FILLER.typescript = FILLER.javascript;
FILLER.typescriptreact = FILLER.javascript;
FILLER.jupyter = FILLER.python;

/** `text` with ordinary code appended until it is well past the focus threshold. */
function padded(text: string, languageId: string): string {
  const parts = [text.endsWith('\n') ? text : `${text}\n`, '\n'];
  let length = parts[0].length;
  for (let n = 0; length < FOCUS_MIN_CHARS * 1.5; n++) {
    const chunk = FILLER[languageId](n);
    parts.push(chunk);
    length += chunk.length;
  }
  return parts.join('');
}

const shape = (findings: readonly Finding[]) =>
  findings.map((f) => ({ rule: f.rule, messageId: f.messageId, range: f.range, data: f.data }));

function analyze(text: string, languageId: string, context: Partial<AnalysisContext> = {}) {
  const ext = { python: 'py', javascript: 'js', typescript: 'ts', csharp: 'cs', java: 'java' }[languageId] ?? 'txt';
  const r = analyzeDocument(text, languageId, { fileName: `/w/app.${ext}`, ...context });
  assert.equal(r.skipped, undefined);
  assert.deepEqual(r.internalErrors, []);
  return r;
}

/** Asserts the file has findings, and that padding it (so focus runs) changes none of them. */
function assertFocusKeeps(text: string, languageId: string): void {
  const alone = analyze(text, languageId);
  assert.ok(alone.findings.length > 0, 'the case must have findings of its own');
  const big = padded(text, languageId);
  assert.ok(parseInput(big, languageId).focused, 'the padded file is focused');
  assert.deepEqual(shape(analyze(big, languageId).findings), shape(alone.findings));
}

/**
 * The document as the parser would see it without the compact step: the compact text with each
 * dropped run written back as spaces (line breaks kept), so it has the document's length and offsets.
 */
function blankedText(text: string, languageId: string): string {
  const { compact } = parseInput(text, languageId);
  const parts: string[] = [];
  let from = 0;
  let shift = 0;
  for (const gap of compact.gaps) {
    parts.push(compact.text.slice(from, gap.at));
    const original = gap.at + shift;
    parts.push(text.slice(original, original + gap.length).replace(/[^\n\r]/g, ' '));
    from = gap.at;
    shift += gap.length;
  }
  parts.push(compact.text.slice(from));
  const blanked = parts.join('');
  assert.equal(blanked.length, text.length);
  return blanked;
}

/** The opening of the C# cases: the Inference and Identity usings and a class. */
const CSHARP_SERVICE = ['using Azure.AI.Inference;', 'using Azure.Identity;', '', 'public class Service', '{'];

let corpusCache: ReturnType<typeof evaluateCorpus> | undefined;
const corpus = () => (corpusCache ??= evaluateCorpus());

function nodesOf(tree: Tree): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    out.push(`${cursor.nodeType}:${cursor.startIndex}-${cursor.endIndex}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
  }
}

describe('parse focus', () => {
  it('padding every corpus case past the threshold changes none of its findings', () => {
    const focusable = (r: CaseResult) => FILLER[r.languageId] !== undefined && r.text.length < FOCUS_MIN_CHARS;
    const alone = corpus().filter(focusable);
    assert.ok(alone.length > 200, `only ${alone.length} cases`);
    // the same evaluation (env files, manifests, imported modules), each case's text padded
    const padding = (text: string, languageId: string) => (FILLER[languageId] ? padded(text, languageId) : text);
    const big = new Map(evaluateCorpus(undefined, padding).map((r) => [r.file, r]));
    const differing = alone
      .filter((r) => JSON.stringify(shape(big.get(r.file)?.findings ?? [])) !== JSON.stringify(shape(r.findings)))
      .map((r) => r.file);
    assert.deepEqual(differing, []);
  });

  it('skips what nothing reads: most of a large ordinary file is not parsed', () => {
    for (const languageId of ['python', 'javascript', 'csharp', 'java']) {
      const big = padded('', languageId);
      const input = parseInput(big, languageId).compact.text;
      const parsed = input.replace(/\s/g, '').length / big.replace(/\s/g, '').length;
      assert.ok(parsed < 0.1, `${languageId}: ${(parsed * 100).toFixed(1)}% of the text is parsed`);
    }
  });

  it('keeps a same-file helper whose body names nothing a rule reads (Python)', () => {
    assertFocusKeeps(
      [
        'def pick_region():',
        '    return "eastus"',
        '',
        'ENDPOINT = f"https://{pick_region()}.api.cognitive.microsoft.com/"',
        'from azure.ai.inference import ChatCompletionsClient',
        'from azure.identity import DefaultAzureCredential',
        'client = ChatCompletionsClient(endpoint=ENDPOINT, credential=DefaultAzureCredential())',
        '',
      ].join('\n'),
      'python',
    );
  });

  it('keeps a field assigned in another method (Python self.x, C# constructor)', () => {
    assertFocusKeeps(
      [
        'from azure.ai.inference import ChatCompletionsClient',
        'from azure.identity import DefaultAzureCredential',
        '',
        'class Service:',
        '    def __init__(self):',
        '        self.region = "eastus"',
        '',
        '    def make(self):',
        '        return ChatCompletionsClient(endpoint=f"https://{self.region}.api.cognitive.microsoft.com/", credential=DefaultAzureCredential())',
        '',
      ].join('\n'),
      'python',
    );
    assertFocusKeeps(
      [
        ...CSHARP_SERVICE,
        '    private readonly string _region;',
        '',
        '    public Service()',
        '    {',
        '        _region = "eastus";',
        '    }',
        '',
        '    public ChatCompletionsClient Make()',
        '    {',
        '        return new ChatCompletionsClient(new Uri($"https://{_region}.api.cognitive.microsoft.com/"), new DefaultAzureCredential());',
        '    }',
        '}',
        '',
      ].join('\n'),
      'csharp',
    );
  });

  it('keeps the calls on a client made in another function (missing model)', () => {
    assertFocusKeeps(
      [
        'from azure.ai.inference import ChatCompletionsClient',
        'from azure.identity import DefaultAzureCredential',
        '',
        'client = ChatCompletionsClient(endpoint="https://contoso.services.ai.azure.com/models", credential=DefaultAzureCredential(), credential_scopes=["https://cognitiveservices.azure.com/.default"])',
        '',
        'def ask(question):',
        '    return client.complete(messages=[{"role": "user", "content": question}])',
        '',
      ].join('\n'),
      'python',
    );
  });

  it('keeps a helper method (Java, C#) and a helper function (TypeScript) returning a value', () => {
    assertFocusKeeps(
      [
        'import com.azure.ai.inference.*;',
        'import com.azure.identity.*;',
        '',
        'public final class App {',
        '    static String region() {',
        '        return "eastus";',
        '    }',
        '',
        '    static ChatCompletionsClient make() {',
        '        return new ChatCompletionsClientBuilder().endpoint("https://" + region() + ".api.cognitive.microsoft.com/").credential(new DefaultAzureCredentialBuilder().build()).buildClient();',
        '    }',
        '}',
        '',
      ].join('\n'),
      'java',
    );
    assertFocusKeeps(
      [
        ...CSHARP_SERVICE,
        '    private static string Region()',
        '    {',
        '        return "eastus";',
        '    }',
        '',
        '    public ChatCompletionsClient Make()',
        '    {',
        '        return new ChatCompletionsClient(new Uri($"https://{Region()}.api.cognitive.microsoft.com/"), new DefaultAzureCredential());',
        '    }',
        '}',
        '',
      ].join('\n'),
      'csharp',
    );
    assertFocusKeeps(
      [
        'import ModelClient from "@azure-rest/ai-inference";',
        'import { DefaultAzureCredential } from "@azure/identity";',
        '',
        'function region() {',
        '  return "eastus";',
        '}',
        '',
        'export function make() {',
        '  return ModelClient(`https://${region()}.api.cognitive.microsoft.com/`, new DefaultAzureCredential());',
        '}',
        '',
      ].join('\n'),
      'typescript',
    );
  });

  it('never skips half a statement: else/catch after a closing brace, decorators, attributes', () => {
    const js = padded(
      [
        'if (ready) {',
        '  start();',
        '}',
        'else {',
        '  stop();',
        '}',
        'try {',
        '  run();',
        '}',
        'catch (e) {',
        '  report(e);',
        '}',
        '',
      ].join('\n'),
      'javascript',
    );
    const py = padded(['@cached', 'def slow():', '    return compute()', '', 'x = slow()', ''].join('\n'), 'python');
    const cs = padded(
      [
        'public class A',
        '{',
        '    [Obsolete]',
        '    public void Old()',
        '    {',
        '        Run();',
        '    }',
        '}',
        '',
      ].join('\n'),
      'csharp',
    );
    for (const [text, languageId] of [
      [js, 'javascript'],
      [py, 'python'],
      [cs, 'csharp'],
    ] as const) {
      const parsed = parseSyntax(text, languageId);
      assert.ok(parsed && parsed !== 'timeout');
      try {
        assert.equal(parsed.tree.rootNode.hasError, false, `${languageId}: the focused parse has a syntax error`);
      } finally {
        parsed.release();
      }
    }
  });
});

describe('compact parse', () => {
  for (const languageId of ['python', 'javascript', 'typescript', 'csharp', 'java']) {
    it(`${languageId}: the shifted tree has the nodes and offsets of a parse of the blanked text`, () => {
      const cases = corpus().filter((r) => r.languageId === languageId);
      const texts = [padded('', languageId), ...cases.slice(0, 12).map((r) => padded(r.text, languageId))];
      const parser = parserFor(languageId);
      assert.ok(parser);
      for (const text of texts) {
        const direct = parser.parse(blankedText(text, languageId));
        assert.ok(direct);
        const parsed = parseSyntax(text, languageId);
        assert.ok(parsed && parsed !== 'timeout');
        try {
          assert.deepEqual(nodesOf(parsed.tree), nodesOf(direct));
        } finally {
          parsed.release();
          direct.delete();
        }
      }
    });
  }

  it('node.text reads the document, and an incremental reparse gives the fresh tree', () => {
    const base = padded(
      'from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://a.openai.azure.com/")\n',
      'python',
    );
    const session: ParseSession = {};
    const first = parseSyntax(base, 'python', session);
    assert.ok(first && first !== 'timeout');
    const call = first.tree.rootNode.descendantsOfType('call')[0];
    assert.ok(call);
    assert.equal(call.text, base.slice(call.startIndex, call.endIndex));
    first.release();
    const edited = base.replace('a.openai.azure.com', 'b.openai.azure.com').replace('def helper_3(', 'def helper_x(');
    const again = parseSyntax(edited, 'python', session);
    const fresh = parseSyntax(edited, 'python');
    assert.ok(again && again !== 'timeout' && fresh && fresh !== 'timeout');
    try {
      assert.deepEqual(nodesOf(again.tree), nodesOf(fresh.tree));
    } finally {
      again.release();
      fresh.release();
      disposeSession(session);
    }
  });
});

describe('focus memo (the editor re-analysing after an edit)', () => {
  for (const languageId of ['python', 'typescript', 'csharp']) {
    it(`${languageId}: each edit gives the compact text a fresh focus gives`, () => {
      const head =
        languageId === 'python'
          ? 'from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://a.openai.azure.com/")\n'
          : languageId === 'csharp'
            ? 'using Azure.AI.OpenAI;\npublic static class Clients\n{\n    static AzureOpenAIClient client = new AzureOpenAIClient(new Uri("https://a.openai.azure.com/"), new DefaultAzureCredential());\n}\n'
            : 'import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI({ endpoint: "https://a.openai.azure.com/" });\n';
      let text = padded(head, languageId);
      const memo = {};
      const local =
        languageId === 'csharp'
          ? 'var url = "/local/path/7";'
          : languageId === 'python'
            ? 'url = "/local/path/7"'
            : 'const url = "/local/path/7";';
      assert.ok(text.includes(local), 'the filler holds the edited line');
      const edits: Array<(t: string) => string> = [
        (t) => t.replace('https://a.openai.azure.com/', 'https://b.openai.azure.com/'), // a kept line's string
        (t) => t.replace('https://b.openai.azure.com/', 'https://b.openai.azure.com/{url}'), // a hole naming a local
        (t) => t.replace(local, local.replace('/local/path/7', '/local/path/77')), // inert: a skipped body
        (t) => t.replace('/local/path/77', '/local/AzureOpenAI'), // a seed word appears
        (t) => t.replace('/local/AzureOpenAI', '/local/path/8'), // and goes again
        (t) => t.replace('/local/path/8', '/local/" + client + "'), // a linked name
        (t) => t.replace('/local/" + client + "', '/local/path/9'),
        (t) => t.replace(local.replace('/local/path/7', '/local/path/9'), `  ${local}`), // indentation
        (t) => t.replace(`  ${local}`, `${local} /*`), // a comment left open
        (t) => t.replace(`${local} /*`, local),
        (t) => t.replace('/local/path/12"', '/local/path/12\n"'), // a new line
      ];
      for (const [n, edit] of edits.entries()) {
        const next = edit(text);
        assert.notEqual(next, text, `edit ${n} changed nothing`);
        text = next;
        const remembered = parseInput(text, languageId, memo).compact;
        const fresh = parseInput(text, languageId).compact;
        assert.equal(remembered.text, fresh.text, `edit ${n}: compact text`);
        assert.deepEqual(remembered.gaps, fresh.gaps, `edit ${n}: gaps`);
      }
    });
  }
});
