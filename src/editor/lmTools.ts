// The agent tools as VS Code language-model tools (Copilot agent mode and any chat participant):
// declared in package.json `contributes.languageModelTools` (mirrored from src/tools/schemas.ts) and
// registered here with vscode.lm.registerTool. Every input is validated against its schema; failures
// are thrown as errors whose message the model can act on (the documented convention). checkAccess
// asks the user first (prepareInvocation's confirmation) and runs the read-only access check command;
// no tool ever assigns a role.
import * as vscode from 'vscode';
import type { AccessReport } from '../core/accessReport';
import { LM_TOOL_NAMES } from '../tools/names';
import type { ToolOutcome } from '../tools/outcome';
import type { ToolDefinition } from '../tools/schemas';
import { bundle } from './lazyBundles';

type Input = Record<string, unknown>;

/** dist/tools.js (schemas, validator, folder scan), required on the first tool call: it stays out of extension.js. */
const tools = () => bundle('tools');
const checkAccessDefinition = () => tools().checkAccessTool(tools().IDENTITIES_IN_VSCODE);

/** The result as the model reads it; failures become an Error (redacted like every result). */
function toResult(outcome: ToolOutcome): vscode.LanguageModelToolResult {
  if (!outcome.ok)
    throw new Error(
      tools()
        .toolText(outcome)
        .replace(/^Error: /, ''),
    );
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(tools().toolText(outcome))]);
}

function validated(tool: ToolDefinition, input: unknown): Input {
  const checked = tools().validateInput(LM_TOOL_NAMES[tool.id], tool.inputSchema, input);
  if (!checked.ok) throw new Error(checked.error);
  return checked.value;
}

const workspaceRoots = () =>
  (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);

/** The editor's text of an open file (it may hold unsaved changes the disk does not). */
function openText(path: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path)?.getText();
}

const analyzeFile: vscode.LanguageModelTool<Input> = {
  async invoke(options) {
    const input = validated(tools().ANALYZE_FILE, options.input);
    return toResult(
      await tools().analyzeTarget(
        {
          path: input.path as string,
          text: input.text as string | undefined,
          startLine: input.startLine as number | undefined,
          endLine: input.endLine as number | undefined,
        },
        { roots: workspaceRoots(), openText },
      ),
    );
  },
  prepareInvocation(options) {
    const path = typeof options.input?.path === 'string' ? options.input.path.slice(0, 200) : 'the workspace';
    return { invocationMessage: `Analysing ${path} for Entra ID mistakes` };
  },
};

const explainError: vscode.LanguageModelTool<Input> = {
  invoke(options) {
    const input = validated(tools().EXPLAIN_ERROR, options.input);
    return toResult(tools().explainErrorText(input.errorText as string));
  },
  prepareInvocation() {
    return { invocationMessage: 'Explaining the error' };
  },
};

/** The endpoint and deployment checks beyond the schema (a URL, no token inside). */
const accessInputProblem = (input: Input): string | undefined =>
  tools().endpointProblem(String(input.endpoint)) ??
  (typeof input.deployment === 'string' ? tools().deploymentProblem(input.deployment) : undefined);

const checkAccess: vscode.LanguageModelTool<Input> = {
  prepareInvocation(options) {
    const input = validated(checkAccessDefinition(), options.input);
    const problem = accessInputProblem(input);
    if (problem) throw new Error(`Invalid input for ${LM_TOOL_NAMES.checkAccess}: ${problem}.`);
    const endpoint = String(input.endpoint).trim();
    const { title, message } = tools().accessConfirmation(
      endpoint,
      (input.identity as string | undefined) ?? 'default-credential',
    );
    return {
      invocationMessage: `Checking Entra ID access to ${endpoint.slice(0, 200)}`,
      confirmationMessages: { title, message: new vscode.MarkdownString(message) },
    };
  },
  async invoke(options) {
    const input = validated(checkAccessDefinition(), options.input);
    const problem = accessInputProblem(input);
    if (problem) throw new Error(`Invalid input for ${LM_TOOL_NAMES.checkAccess}: ${problem}.`);
    if (!vscode.workspace.isTrusted)
      throw new Error(
        'The access check calls Azure with the user’s credentials, so it only runs in a trusted workspace.',
      );
    const report = await vscode.commands.executeCommand<AccessReport | undefined>('azureAiAuthDoctor.checkAccess', {
      endpoint: String(input.endpoint).trim(),
      identity: (input.identity as string | undefined) ?? 'default-credential',
      probe: false, // the cheap read only: a tool never sends a (billed) chat completion
      deployment: input.deployment as string | undefined,
    });
    if (!report) throw new Error('The access check did not run (another check may be running, or it was cancelled).');
    return toResult(tools().accessSummary(report));
  },
};

export function registerLanguageModelTools(context: vscode.ExtensionContext): void {
  // vscode.lm.registerTool is API since 1.95; a host without it simply has no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return;
  context.subscriptions.push(
    vscode.lm.registerTool(LM_TOOL_NAMES.analyzeFile, analyzeFile),
    vscode.lm.registerTool(LM_TOOL_NAMES.explainError, explainError),
    vscode.lm.registerTool(LM_TOOL_NAMES.checkAccess, checkAccess),
  );
}
