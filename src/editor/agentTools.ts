// The tools coding agents call: language-model tools (./lmTools.ts) and, where the host supports it,
// the MCP server definition (./mcpProvider.ts). One registration for src/editor/register.ts.
import type * as vscode from 'vscode';
import { registerLanguageModelTools } from './lmTools';
import { registerMcpServerProvider } from './mcpProvider';

export function registerAgentTools(context: vscode.ExtensionContext): void {
  registerLanguageModelTools(context);
  registerMcpServerProvider(context);
}
