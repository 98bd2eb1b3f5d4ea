// The tools' public names, which package.json declares and the extension registers at activation.
// Kept apart from the schemas so that extension.js holds only these strings (the rest is in dist/tools.js).
import type { ToolId } from './schemas';

/** Names of the VS Code language-model tools (package.json `contributes.languageModelTools[].name`). */
export const LM_TOOL_NAMES: Record<ToolId, string> = {
  analyzeFile: 'azureAiAuthDoctor_analyzeFile',
  explainError: 'azureAiAuthDoctor_explainError',
  checkAccess: 'azureAiAuthDoctor_checkAccess',
};

/** package.json `contributes.mcpServerDefinitionProviders[0].id` (src/editor/mcpProvider.ts). */
export const MCP_PROVIDER_ID = 'azureAiAuthDoctor.mcp';
