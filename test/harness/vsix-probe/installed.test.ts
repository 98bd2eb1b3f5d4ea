// Checks the packaged .vsix as users get it: installed with `code-server --install-extension`,
// it activates, its commands run, and it holds no src/, test/, node_modules/ or source maps.
// A .vscodeignore mistake (a missing dist/ file, shipped sources) fails here.
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'azure-ai-auth-doctor.azure-ai-auth-doctor';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Runs a command; one still waiting for user input after waitMs counts as running. */
async function runCommand(id: string, waitMs = 3000): Promise<'done' | 'waiting for input'> {
  let timer: NodeJS.Timeout | undefined;
  const waiting = new Promise<'waiting for input'>((resolve) => {
    timer = setTimeout(() => resolve('waiting for input'), waitMs);
  });
  const outcome = await Promise.race([
    Promise.resolve(vscode.commands.executeCommand(id)).then(() => 'done' as const),
    waiting,
  ]);
  clearTimeout(timer);
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return outcome;
}

describe('vsix: the packaged extension installed into code-server', () => {
  const ext = () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is installed`);
    return found;
  };

  it('is the installed copy, not the development folder', () => {
    const installedIn = process.env.AAD_VSIX_EXTENSIONS_DIR;
    assert.ok(installedIn, 'the runner passes the extensions dir');
    assert.ok(ext().extensionPath.startsWith(installedIn), `${ext().extensionPath} is under ${installedIn}`);
  });

  it('holds no src/, test/, node_modules/ or source maps, and ships every bundle', () => {
    const files = filesUnder(ext().extensionPath).map((file) => relative(ext().extensionPath, file));
    const unwanted = files.filter(
      (f) => /^(src|test|node_modules|out)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'),
    );
    assert.deepEqual(unwanted, []);
    for (const bundle of [
      'dist/extension.js',
      'dist/azure.js',
      'dist/engine.js',
      'dist/parse/tree-sitter.js',
      'dist/parse/tree-sitter.wasm',
      'dist/parse/tree-sitter-python.wasm',
      'dist/parse/tree-sitter-typescript.wasm',
      'dist/cli.js',
      'dist/webview/main.js',
      'media/icon.png',
      'media/activity.svg',
    ]) {
      assert.ok(files.includes(bundle), `${bundle} is in the .vsix (files: ${files.join(', ')})`);
    }
  });

  it('activates when a Python file opens', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace is open');
    const [python] = await vscode.workspace.findFiles('**/*.py', undefined, 1);
    assert.ok(python, 'the workspace has a Python file');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(python));
    const deadline = Date.now() + 20_000;
    while (!ext().isActive && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(ext().isActive, 'the extension activated');
    const api = ext().exports as { activationMs?: number };
    assert.equal(typeof api.activationMs, 'number');
    console.log(`    activation time (installed .vsix): ${api.activationMs!.toFixed(2)} ms`);
  });

  it('analyses the Python file with the engine and grammar shipped in the .vsix (loaded on first use)', async () => {
    const [python] = await vscode.workspace.findFiles('**/app.py', undefined, 1);
    assert.ok(python, 'the demo workspace has app.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(python));
    const ours = () => vscode.languages.getDiagnostics(python).filter((d) => d.source === 'Azure AI Auth Doctor');
    if (ours().length === 0)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          listener.dispose();
          reject(new Error('no diagnostics for app.py within 30 s'));
        }, 30_000);
        const listener = vscode.languages.onDidChangeDiagnostics(() => {
          if (ours().length === 0) return;
          clearTimeout(timer);
          listener.dispose();
          resolve();
        });
      });
    assert.ok(ours().length > 0);
  });

  it('registers and runs its commands', async () => {
    const contributed: Array<{ command: string }> = ext().packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.map((c) => c.command).filter((id) => !registered.has(id)),
      [],
    );
    for (const id of [
      'azureAiAuthDoctor.showPanel',
      'azureAiAuthDoctor.scanWorkspace',
      'azureAiAuthDoctor.checkAccess',
    ]) {
      const outcome = await runCommand(id);
      console.log(`    ${id}: ${outcome}`);
    }
  });
});
