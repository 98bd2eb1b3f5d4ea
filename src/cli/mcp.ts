// `azure-ai-auth-doctor mcp [--allow-access-check] [--root <dir>]`: starts the MCP server on stdio.
// The server and the MCP SDK live in dist/mcp.js, loaded only by this command, so `scan` and
// `explain` start as fast as before.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as McpBundle from '../mcp/server';

export const MCP_HELP = `  mcp                      Serve the analyse and explain tools to coding agents over MCP (stdio).
    --allow-access-check   Also serve checkAccess (calls Azure with your credentials; read-only).
    --root <dir>           The workspace the tools may read (default: the current folder).
`;

export async function runMcp(
  argv: readonly string[],
  cwd: string,
  version: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let allowAccessCheck = false;
  let root = cwd;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      out(`Usage: azure-ai-auth-doctor mcp [options]\n\n${MCP_HELP}`);
      return 0;
    } else if (arg === '--allow-access-check') allowAccessCheck = true;
    else if (arg === '--root' || arg.startsWith('--root=')) {
      const value = arg === '--root' ? argv[++i] : arg.slice('--root='.length);
      if (!value) {
        err('azure-ai-auth-doctor: --root needs a folder\n');
        return 2;
      }
      root = resolve(cwd, value);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        err(`azure-ai-auth-doctor: --root ${value}: not a folder\n`);
        return 2;
      }
    } else {
      err(`azure-ai-auth-doctor: unknown option for mcp: ${arg.slice(0, 60)}\n`);
      return 2;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mcpBundle = require(join(__dirname, 'mcp.js')) as typeof McpBundle;
  await mcpBundle.serveMcp({ root, allowAccessCheck, version });
  return 0;
}
