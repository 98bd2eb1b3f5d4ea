// Starts `dist/cli.js mcp` as a real child process and connects the MCP SDK's own client to it over
// stdio (the way VS Code agent mode and other MCP hosts do). Shared by the MCP and leak suites.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI } from './badinputSupport';

export interface McpSession {
  client: Client;
  /** Calls a tool; returns its text and whether the server flagged it as an error. */
  call(name: string, args: unknown): Promise<{ text: string; isError: boolean }>;
  close(): Promise<void>;
}

export async function startMcp(args: string[], cwd: string, env: Record<string, string> = {}): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    cwd,
    env: { ...(process.env as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'azure-ai-auth-doctor-tests', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    async call(name, callArgs) {
      const result = await client.callTool({ name, arguments: callArgs as Record<string, unknown> });
      const content = result.content as Array<{ type: string; text?: string }>;
      return { text: content.map((c) => c.text ?? '').join('\n'), isError: result.isError === true };
    },
    close: () => client.close(),
  };
}
