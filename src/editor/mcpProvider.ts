// Offers the bundled MCP server (`dist/cli.js mcp`: analyse and explain, no access check) to VS Code's
// agent mode through `contributes.mcpServerDefinitionProviders`. That API is newer than the
// engines.vscode floor (^1.100), so it is feature-detected and typed locally; older hosts have the
// language-model tools (./lmTools.ts) only.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MCP_PROVIDER_ID } from '../tools/names';

interface StdioDefinitionClass {
  new (
    label: string,
    command: string,
    args?: string[],
    env?: Record<string, string | number | null>,
    version?: string,
  ): { cwd?: vscode.Uri };
}
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(): unknown[] },
  ): vscode.Disposable;
}

/** The stdio server definition: this extension's own CLI bundle run by the extension host's runtime. */
export function mcpServerCommand(extensionPath: string): {
  command: string;
  args: string[];
  env: Record<string, string>;
} {
  return {
    command: process.execPath,
    args: [path.join(extensionPath, 'dist', 'cli.js'), 'mcp'],
    // Desktop VS Code's execPath is Electron: this makes it behave as plain Node (ignored by Node).
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

export function registerMcpServerProvider(context: vscode.ExtensionContext): boolean {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinitionClass })
    .McpStdioServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || typeof Definition !== 'function') return false;
  const changed = new vscode.EventEmitter<void>();
  const version = String(context.extension.packageJSON?.version ?? '');
  context.subscriptions.push(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => {
        const { command, args, env } = mcpServerCommand(context.extensionPath);
        const definition = new Definition('Azure AI Auth Doctor', command, args, env, version);
        const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
        if (folder) definition.cwd = folder.uri;
        return [definition];
      },
    }),
  );
  return true;
}
