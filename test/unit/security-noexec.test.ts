// "Nothing from the workspace is ever executed or passed to a shell": a static guard over our own
// sources. Every way of starting a process or evaluating code (child_process, eval, new Function,
// vm, terminals, tasks, dynamic require/import of a computed path) must appear only in the places
// listed in ALLOWED below, each with the reason it is safe. Library code (e.g. @azure/identity's
// AzureCliCredential running `az` from PATH with a fixed argument list) is not ours and not scanned.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { filesUnder, repoRoot, withoutComments } from './repo';

const root = repoRoot;

interface Danger {
  name: string;
  pattern: RegExp;
}

const DANGERS: Danger[] = [
  { name: 'child_process', pattern: /\bchild_process\b/ },
  { name: 'exec/spawn call', pattern: /\b(execSync|execFileSync|spawnSync|execFile|spawn|fork)\s*\(/ },
  { name: 'exec call', pattern: /(?<![.\w])exec\s*\(/ },
  { name: 'shell option', pattern: /\bshell\s*:\s*(true|['"`])/ },
  { name: 'eval', pattern: /(?<![.\w])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'node:vm', pattern: /['"](node:)?vm['"]/ },
  { name: 'terminal', pattern: /\bcreateTerminal\s*\(|\.sendText\s*\(/ },
  { name: 'task execution', pattern: /\btasks\.executeTask\s*\(|new\s+vscode\.(ShellExecution|ProcessExecution)\b/ },
  { name: 'worker with code string', pattern: /new\s+Worker\s*\([^)]*eval\s*:\s*true/ },
  { name: 'computed require', pattern: /(?<![.\w])require\s*\(\s*(?!['"`][^'"`$]*['"`]\s*\))/ },
  { name: 'computed import()', pattern: /(?<![.\w])import\s*\(\s*(?!['"`][^'"`$]*['"`]\s*\))/ },
];

/**
 * Justified uses: file (relative, forward slashes) -> danger name -> why it is safe.
 * A use listed here must also match `mustMention` on the same line, so the exception cannot silently grow.
 */
const ALLOWED: Record<string, Record<string, { why: string; mustMention: RegExp }>> = {
  'src/editor/lazyBundles.ts': {
    'computed require': {
      why: "loads the extension's own dist/azure.js, dist/engine.js or dist/tools.js on first use (a path inside the extension, never the workspace; the name is one of three literal keys)",
      mustMention: /extensionPath, 'dist', `\$\{name\}\.js`/,
    },
  },
  'src/cli/mcp.ts': {
    'computed require': {
      why: "loads the CLI's own dist/mcp.js bundle (the MCP server) next to dist/cli.js, only for `mcp`",
      mustMention: /mcp\.js/,
    },
  },
  'src/mcp/server.ts': {
    'computed require': {
      why: "loads the package's own dist/azure.js bundle next to dist/mcp.js, only for an allowed access check",
      mustMention: /azure\.js/,
    },
  },
};

describe('security: nothing from the workspace is executed', () => {
  const files = filesUnder(join(root, 'src'), /\.(ts|tsx|js|mjs|cjs)$/);

  it('finds the sources to scan', () => {
    assert.ok(files.length > 0, `no sources under ${join(root, 'src')}`);
  });

  it('uses no process, shell, eval or computed-module API outside the justified places', () => {
    const hits: string[] = [];
    for (const file of files) {
      const rel = relative(root, file).split(sep).join('/');
      const lines = withoutComments(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const danger of DANGERS) {
          if (!danger.pattern.test(line)) continue;
          const allowed = ALLOWED[rel]?.[danger.name];
          if (allowed && allowed.mustMention.test(line)) continue;
          hits.push(`${rel}:${index + 1}: ${danger.name}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(hits, [], `unjustified process/eval use:\n${hits.join('\n')}`);
  });

  it('ships an extension bundle and a CLI bundle that contain no child_process at all', function () {
    const bundles = ['dist/extension.js', 'dist/cli.js'].map((f) => join(root, f));
    for (const bundle of bundles) assert.ok(existsSync(bundle), `${bundle} is built`);
    for (const bundle of bundles) {
      const text = readFileSync(bundle, 'utf8');
      assert.ok(
        !/require\(["'](node:)?child_process["']\)/.test(text),
        `${relative(root, bundle)} requires child_process`,
      );
      assert.ok(!/(?<![.\w])eval\(|new Function\(/.test(text), `${relative(root, bundle)} evaluates code`);
    }
  });

  it('the danger patterns catch what they are meant to (self-test)', () => {
    const samples: Record<string, string> = {
      child_process: `import { spawn } from 'node:child_process';`,
      'exec/spawn call': `spawn(cmd, args)`,
      'exec call': `exec(userText)`,
      'shell option': `{ shell: true }`,
      eval: `eval(text)`,
      'new Function': `new Function('return 1')`,
      'node:vm': `import * as vm from 'node:vm'`,
      terminal: `vscode.window.createTerminal('x')`,
      'task execution': `new vscode.ShellExecution(cmd)`,
      'computed require': `require(path.join(workspace, 'x.js'))`,
      'computed import()': 'await import(`${dir}/plugin.js`)',
    };
    for (const [name, sample] of Object.entries(samples)) {
      const danger = DANGERS.find((d) => d.name === name)!;
      assert.ok(danger.pattern.test(sample), `${name} misses ${sample}`);
    }
    const computedRequire = DANGERS.find((d) => d.name === 'computed require')!;
    assert.ok(!computedRequire.pattern.test(`require('vscode')`));
    assert.ok(!computedRequire.pattern.test(`regex.exec(text)`));
    assert.ok(!DANGERS.find((d) => d.name === 'exec call')!.pattern.test(`/x/.exec(text)`));
  });
});
