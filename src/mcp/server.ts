// `azure-ai-auth-doctor mcp`: the agent tools (src/tools) over MCP on stdio, for Copilot agent mode
// and other MCP clients. Bundled alone as dist/mcp.js (the SDK never enters extension.js or the scan
// path of cli.js). Analyse and explain always; the access check only when the user started the
// server with --allow-access-check, because it calls Azure with the user's credentials.
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type * as AzureBundle from '../azure/index';
import { accessSummary, deploymentProblem, endpointProblem } from '../tools/access';
import { analyzeTarget } from '../tools/analyze';
import { loopbackEmulatorUrl } from '../tools/emulator';
import { explainErrorText } from '../tools/explain';
import { toolText, type ToolOutcome } from '../tools/outcome';
import {
  ANALYZE_FILE,
  checkAccessTool,
  EXPLAIN_ERROR,
  IDENTITIES_OUTSIDE_VSCODE,
  type ToolDefinition,
} from '../tools/schemas';
import { echoName, validateInput } from '../tools/validate';

export interface McpOptions {
  /** The workspace the tools may read (relative paths resolve against it). */
  root: string;
  allowAccessCheck: boolean;
  version: string;
}

const CHECK_ACCESS = checkAccessTool(IDENTITIES_OUTSIDE_VSCODE);

/** The Azure SDK bundle (dist/azure.js, next to this bundle), loaded on the first access check. */
let azure: typeof AzureBundle | undefined;
function loadAzureBundle(): typeof AzureBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  azure ??= require(join(__dirname, 'azure.js')) as typeof AzureBundle;
  return azure;
}

async function runCheck(input: Record<string, unknown>): Promise<ToolOutcome> {
  const problem =
    endpointProblem(String(input.endpoint)) ??
    (typeof input.deployment === 'string' ? deploymentProblem(input.deployment) : undefined);
  if (problem) return { ok: false, error: `Invalid input for checkAccess: ${problem}.` };
  const bundle = loadAzureBundle();
  const emulator = loopbackEmulatorUrl();
  try {
    const report = await bundle.runAccessCheck({
      endpoint: String(input.endpoint).trim(),
      identity: bundle.defaultCredentialIdentity(),
      probe: false, // the cheap read only: an agent never sends a (billed) chat completion
      deployment: typeof input.deployment === 'string' ? input.deployment : undefined,
      armEndpoint: emulator,
      dataPlaneBase: emulator,
    });
    return accessSummary(report);
  } catch (e) {
    return { ok: false, error: `the access check failed: ${(e as Error)?.message ?? String(e)}` };
  }
}

export function toolsFor(options: Pick<McpOptions, 'allowAccessCheck'>): ToolDefinition[] {
  return options.allowAccessCheck ? [ANALYZE_FILE, EXPLAIN_ERROR, CHECK_ACCESS] : [ANALYZE_FILE, EXPLAIN_ERROR];
}

export async function callTool(name: string, args: unknown, options: McpOptions): Promise<ToolOutcome> {
  const tool = toolsFor(options).find((t) => t.id === name);
  if (!tool) {
    const hint = name === 'checkAccess' ? ' (the access check is off: start the server with --allow-access-check)' : '';
    return { ok: false, error: `unknown tool ${echoName(String(name))}${hint}` };
  }
  const input = validateInput(tool.id, tool.inputSchema, args ?? {});
  if (!input.ok) return input;
  const value = input.value;
  switch (tool.id) {
    case 'analyzeFile':
      return analyzeTarget(
        {
          path: value.path as string,
          text: value.text as string | undefined,
          startLine: value.startLine as number | undefined,
          endLine: value.endLine as number | undefined,
        },
        { roots: [options.root] },
      );
    case 'explainError':
      return explainErrorText(value.errorText as string);
    case 'checkAccess':
      return runCheck(value);
  }
}

export async function serveMcp(options: McpOptions): Promise<void> {
  const server = new McpServer(
    { name: 'azure-ai-auth-doctor', version: options.version },
    {
      capabilities: { tools: {} },
      instructions:
        'Finds and explains Microsoft Entra ID mistakes in code that calls Azure OpenAI / Azure AI model inference. Call analyzeFile after writing or changing such code and apply the preferred fixes; call explainError with any 401/403/404 auth error output.',
    },
  );
  // The low-level handlers take the tools' JSON Schemas as they are (one schema for VS Code and MCP).
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: toolsFor(options).map((t) => ({
      name: t.id,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema,
      annotations: { readOnlyHint: true, openWorldHint: t.id === 'checkAccess' },
    })),
  }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const outcome = await callTool(request.params.name, request.params.arguments, options);
    return { content: [{ type: 'text' as const, text: toolText(outcome) }], ...(outcome.ok ? {} : { isError: true }) };
  });
  // The session ends when the client closes standard input.
  const ended = new Promise<void>((resolve) => process.stdin.once('end', resolve).once('close', resolve));
  await server.connect(new StdioServerTransport());
  await ended;
  await server.close().catch(() => undefined);
}
