// Workspace trust, checked where it can be without a host: the manifest declares limited support for
// untrusted workspaces and restricts every setting that redirects network calls or credentials; the
// analysis side (src/core, the CLI, the editor features, the panel) contains no network call at all;
// and every function that reaches Azure (the lazily loaded bundle's runAccessCheck / assignRole) checks
// vscode.workspace.isTrusted before it. The integration host runs with trust disabled
// (code-server --disable-workspace-trust), so the untrusted behaviour itself is covered here and by
// test/integration/trust.test.ts only when a host runs untrusted.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, repoRelative, repoRoot, withoutComments } from './repo';

const root = repoRoot;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const rel = repoRelative;
const stripComments = withoutComments;

/** Body of every named function (declaration or `name = (...) =>`) in a source text, by brace matching. */
function functionBodies(text: string): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  const re =
    /(?:function\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(|([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s*)?\([^)]*\)\s*(?::[^=]+)?=>\s*\{)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // The body starts at the first '{' after the parameter list (defaults such as `args = {}` are skipped).
    let open = m.index + m[0].length - 1;
    if (text[open] === '(') {
      let parens = 0;
      for (; open < text.length; open++) {
        if (text[open] === '(') parens++;
        else if (text[open] === ')' && --parens === 0) break;
      }
      open = text.indexOf('{', open);
    }
    if (open < 0) continue;
    let depth = 0;
    let i = open;
    for (; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) break;
    }
    out.push({ name: m[1] ?? m[2], body: text.slice(open, i + 1) });
  }
  return out;
}

describe('security: workspace trust', () => {
  it('declares limited support for untrusted workspaces, saying what is withheld', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted.description, /network/i);
    assert.match(untrusted.description, /(access check|probe)/i);
  });

  it('restricts every setting that could redirect network calls or credentials in an untrusted workspace', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    const properties = Object.keys(manifest.contributes.configuration.properties ?? {});
    const redirecting = properties.filter((name) =>
      /endpoint|host|url|authority|tenant|cloud|proxy|credential/i.test(name),
    );
    assert.ok(redirecting.length > 0, 'expected the ARM endpoint / authority host overrides');
    for (const name of redirecting)
      assert.ok(restricted.includes(name), `${name} can redirect requests but is not in restrictedConfigurations`);
  });

  it('keeps every network API out of the analysis side (engine, CLI, editor features, panel, state)', () => {
    const network =
      /\bfetch\s*\(|\bhttps?\.(request|get)\s*\(|(from\s+|require\s*\(\s*|import\s*\(\s*)['"]((node:)?(https?|net|tls|dgram|http2)|undici|@azure\/[^'"]*)['"]|\bXMLHttpRequest\b|\bnew\s+WebSocket\b/;
    const offenders: string[] = [];
    const files = [
      ...filesUnder(join(root, 'src', 'core'), /\.tsx?$/),
      ...filesUnder(join(root, 'src', 'cli'), /\.tsx?$/),
      join(root, 'src', 'cli.ts'),
      ...filesUnder(join(root, 'src', 'editor'), /\.tsx?$/),
      ...filesUnder(join(root, 'src', 'webview'), /\.tsx?$/),
      join(root, 'src', 'state.ts'),
      join(root, 'src', 'extension.ts'),
    ].filter(existsSync);
    for (const file of files) {
      // Type-only imports of the Azure bundle's API carry no code.
      const text = stripComments(readFileSync(file, 'utf8')).replace(/import\s+type\s[^;]+;/g, '');
      text.split('\n').forEach((line, i) => {
        if (network.test(line)) offenders.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, [], 'network use outside src/azure (the lazily loaded, trust-gated bundle)');
  });

  it('checks workspace trust before every call into the Azure bundle that reaches the network', () => {
    const reaching = /\.\s*(runAccessCheck|assignRole)\s*\(/;
    const unguarded: string[] = [];
    let reachingFunctions = 0;
    const checked: string[] = [];
    for (const file of [
      ...filesUnder(join(root, 'src', 'editor'), /\.tsx?$/),
      ...filesUnder(join(root, 'src', 'webview'), /\.tsx?$/),
    ]) {
      const text = stripComments(readFileSync(file, 'utf8'));
      for (const { name, body } of functionBodies(text)) {
        const call = body.search(reaching);
        if (call < 0) continue;
        reachingFunctions++;
        checked.push(`${name}()`);
        const guard = body.search(/workspace\.isTrusted/);
        if (guard < 0 || guard > call)
          unguarded.push(`${rel(file)}: ${name}() reaches Azure without checking vscode.workspace.isTrusted first`);
      }
    }
    if (reachingFunctions === 0)
      assert.fail('found no function calling runAccessCheck/assignRole: has the access check moved? update this test');
    console.log(`      trust guard checked in: ${checked.join(', ')}`);
    assert.deepEqual(unguarded, []);
  });

  it('loads the Azure bundle from one place only (so the guard above covers every way in)', () => {
    const loaders: string[] = [];
    for (const file of [
      ...filesUnder(join(root, 'src', 'editor'), /\.tsx?$/),
      ...filesUnder(join(root, 'src', 'webview'), /\.tsx?$/),
      join(root, 'src', 'extension.ts'),
    ]) {
      const text = stripComments(readFileSync(file, 'utf8'));
      if (
        /['"`]azure\.js['"`]|dist\/azure|['"]\.\.?\/azure(\/index)?['"]|bundle\(\s*['"`]azure['"`]\s*\)/.test(
          text.replace(/import\s+type\s[^;]+;/g, ''),
        )
      )
        loaders.push(rel(file));
    }
    assert.deepEqual(loaders, ['src/editor/accessCheck.ts']);
  });
});
