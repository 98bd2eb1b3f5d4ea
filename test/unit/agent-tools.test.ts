// The agent tools' contract (src/tools/schemas.ts) and its mirror in package.json
// (`contributes.languageModelTools`, `contributes.mcpServerDefinitionProviders`), and the input
// validator every tool runs before anything else.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ANALYZE_FILE,
  checkAccessTool,
  EXPLAIN_ERROR,
  IDENTITIES_IN_VSCODE,
  LM_TOOL_NAMES,
  MCP_PROVIDER_ID,
} from '../../src/tools/schemas';
import { validateInput } from '../../src/tools/validate';
import { toolText } from '../../src/tools/outcome';
import { accessConfirmation } from '../../src/tools/access';
import { repoRoot } from './repo';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('agent tools: contract and input validation', () => {
  const tools = [ANALYZE_FILE, EXPLAIN_ERROR, checkAccessTool(IDENTITIES_IN_VSCODE)];

  it('package.json declares exactly these language-model tools, schemas and descriptions as in src/tools/schemas.ts', () => {
    const declared = manifest.contributes.languageModelTools as Array<Record<string, any>>;
    assert.deepEqual(
      declared.map((t) => t.name),
      tools.map((t) => LM_TOOL_NAMES[t.id]),
    );
    for (const tool of tools) {
      const entry = declared.find((t) => t.name === LM_TOOL_NAMES[tool.id])!;
      assert.deepEqual(entry.inputSchema, tool.inputSchema, `${entry.name} inputSchema`);
      assert.equal(entry.modelDescription, tool.description, `${entry.name} modelDescription`);
      assert.equal(entry.displayName, tool.title);
      assert.match(entry.toolReferenceName, /^[A-Za-z]+$/);
      assert.ok(entry.userDescription.length > 20);
      assert.match(entry.name, /^[A-Za-z0-9_-]{1,64}$/, 'a valid tool name for language models');
    }
  });

  it('package.json offers the MCP server definition provider', () => {
    assert.deepEqual(
      manifest.contributes.mcpServerDefinitionProviders.map((p: { id: string }) => p.id),
      [MCP_PROVIDER_ID],
    );
  });

  it('every schema is a closed object whose required properties exist', () => {
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object');
      assert.equal(tool.inputSchema.additionalProperties, false);
      for (const name of tool.inputSchema.required ?? []) assert.ok(tool.inputSchema.properties[name], name);
      for (const [name, p] of Object.entries(tool.inputSchema.properties))
        assert.ok(p.description.length > 10, `${tool.id}.${name} is described`);
    }
  });

  it('accepts valid input and returns only known properties', () => {
    const ok = validateInput('t', ANALYZE_FILE.inputSchema, { path: 'a.py', startLine: 3, endLine: undefined });
    assert.deepEqual(ok, { ok: true, value: { path: 'a.py', startLine: 3 } });
  });

  const cases: Array<[unknown, RegExp]> = [
    [null, /expected an object .* \(got null\)/],
    ['a.py', /expected an object .* \(got "a.py"\)/],
    [[1], /expected an object .* \(got an array\)/],
    [{}, /"path" is required/],
    [{ path: true }, /"path" must be a string \(got boolean true\)/],
    [{ path: 'a', startLine: '3' }, /"startLine" must be an integer \(got "3"\)/],
    [{ path: 'a', startLine: Number.NaN }, /"startLine" must be an integer/],
    [{ path: 'a', endLine: 10_000_001 }, /"endLine" must be at most 10000000/],
    [{ path: 'a', __proto__x: 1 }, /unknown property "__proto__x"/],
  ];
  for (const [input, expected] of cases) {
    it(`refuses ${JSON.stringify(input)?.slice(0, 50)} with a clear message`, () => {
      const result = validateInput('analyzeFile', ANALYZE_FILE.inputSchema, input);
      assert.equal(result.ok, false);
      assert.match((result as { error: string }).error, /^Invalid input for analyzeFile: /);
      assert.match((result as { error: string }).error, expected);
    });
  }

  it('never repeats a long string value in its error (it may be a key)', () => {
    const key = 'f00dfeed' + 'c0ffee42'.repeat(3);
    const result = validateInput('checkAccess', checkAccessTool(IDENTITIES_IN_VSCODE).inputSchema, {
      endpoint: 'https://contoso.openai.azure.com',
      identity: key,
    });
    assert.equal(result.ok, false);
    assert.ok(!(result as { error: string }).error.includes(key.slice(0, 12)), (result as { error: string }).error);
    assert.match(
      (result as { error: string }).error,
      /must be one of "default-credential", "vscode" \(got a string of 32 characters\)/,
    );
  });

  it('toolText redacts tokens from results and errors', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'none' })}.${b64({ aud: 'x' })}.c2ln`;
    assert.ok(!toolText({ ok: true, result: { text: `Bearer ${jwt}` } }).includes(jwt.split('.')[1]));
    assert.ok(!toolText({ ok: false, error: `bad ${jwt}` }).includes(jwt.split('.')[1]));
  });

  it('the access check confirmation names the identity and the endpoint and says it assigns no role', () => {
    const { title, message } = accessConfirmation(' https://contoso.openai.azure.com/`x` ', 'default-credential');
    assert.equal(title, 'Check Entra ID access?');
    assert.match(message, /\*\*what DefaultAzureCredential picks/);
    assert.match(message, /`https:\/\/contoso\.openai\.azure\.com\/x`/, 'backticks cannot break out of the code span');
    assert.match(message, /never assigns a role/);
    assert.match(message, /no chat completion/);
    assert.match(
      accessConfirmation('https://a.openai.azure.com', 'vscode').message,
      /the account signed in to VS Code/,
    );
  });
});
