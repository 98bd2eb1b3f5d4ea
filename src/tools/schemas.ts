// The agent tools' contract, in one place: names, descriptions and JSON Schemas of the three tools
// (analyse, explain, access check). The VS Code language-model tools (package.json
// `contributes.languageModelTools`, mirrored from here and checked by a unit test) and the MCP server
// serve exactly these, and validate every input against them (./validate.ts).

/** The subset of JSON Schema the tools use (and ./validate.ts understands). */
export interface PropertySchema {
  type: 'string' | 'integer' | 'boolean';
  description: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties: false;
}

export type ToolId = 'analyzeFile' | 'explainError' | 'checkAccess';

export interface ToolDefinition {
  id: ToolId;
  title: string;
  /** What the model reads to decide when to call the tool. */
  description: string;
  inputSchema: ObjectSchema;
}

/** Longest text an agent may hand in (the engine's own limit is 8 MB; agents send snippets). */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longest error text `explain` reads (the engine reads the first 200,000 characters). */
export const MAX_ERROR_CHARS = 200_000;
const MAX_PATH_CHARS = 4096;
const MAX_LINE = 10_000_000;

export const ANALYZE_FILE: ToolDefinition = {
  id: 'analyzeFile',
  title: 'Analyse for Entra ID mistakes',
  description:
    'Finds Microsoft Entra ID and authentication mistakes in code and config that call Azure OpenAI or Azure AI model inference (wrong client class for the endpoint, wrong token scope, token sent the wrong way, hard-coded keys, retired SDKs). Give a file or a folder inside the workspace; optionally the lines of a selection, or the current text of a file not yet saved. Returns each finding with its rule, location, message, documentation link and fixes as exact text edits (one preferred). Run it after writing or changing code that creates an Azure OpenAI / Azure AI client.',
  inputSchema: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description:
          'File or folder to analyse: absolute, or relative to the workspace root. A folder is scanned recursively (skipping .git, node_modules, build output and .gitignore).',
        minLength: 1,
        maxLength: MAX_PATH_CHARS,
      },
      text: {
        type: 'string',
        description:
          'The current text of the file at `path` when it differs from disk (unsaved or not yet written). `path` then only names the file (its type and folder).',
        maxLength: MAX_TEXT_CHARS,
      },
      startLine: {
        type: 'integer',
        description: 'First line of a selection (1-based): only findings that touch the selection are returned.',
        minimum: 1,
        maximum: MAX_LINE,
      },
      endLine: {
        type: 'integer',
        description: 'Last line of the selection (1-based, inclusive; default: startLine).',
        minimum: 1,
        maximum: MAX_LINE,
      },
    },
    required: ['path'],
    additionalProperties: false,
  },
};

export const EXPLAIN_ERROR: ToolDefinition = {
  id: 'explainError',
  title: 'Explain an Azure AI auth error',
  description:
    'Explains an error returned by Azure OpenAI or Azure AI model inference (401 / 403 / 404, PermissionDenied, audience is incorrect, AADSTS..., DefaultAzureCredential failures): the troubleshooting scenario, its root cause and the fix. Pass the error output as printed (exception line, HTTP status, response body). Tokens and keys in the text are not repeated.',
  inputSchema: {
    type: 'object',
    properties: {
      errorText: {
        type: 'string',
        description: 'The error message or output to explain.',
        minLength: 1,
        maxLength: MAX_ERROR_CHARS,
      },
    },
    required: ['errorText'],
    additionalProperties: false,
  },
};

const IDENTITIES = ['default-credential', 'vscode'] as const;
export type AccessIdentity = (typeof IDENTITIES)[number];

/** The access check; `identities` are those the host can offer (the MCP server has no VS Code account). */
export function checkAccessTool(identities: readonly AccessIdentity[]): ToolDefinition {
  return {
    id: 'checkAccess',
    title: 'Check Entra ID access to an endpoint',
    description:
      'Checks whether an identity can call an Azure OpenAI / Azure AI endpoint with Microsoft Entra ID: finds the Azure resource, lists the role assignments of the identity at its scope, checks the data action the call needs, gets a data-plane token and sends one cheap read request (never a chat completion). Read-only: it never creates a role assignment or changes anything; the report names the fix (for example the role to assign) for the user to apply. Calls Azure with the user’s credentials, so the user confirms each run.',
    inputSchema: {
      type: 'object',
      properties: {
        endpoint: {
          type: 'string',
          description:
            'The endpoint URL the code calls, e.g. https://<resource>.openai.azure.com or https://<resource>.services.ai.azure.com/models.',
          minLength: 8,
          maxLength: 2048,
        },
        identity: {
          type: 'string',
          description:
            identities.length > 1
              ? 'Whose access: "default-credential" (what DefaultAzureCredential picks: environment service principal, Azure CLI, Azure Developer CLI; the default) or "vscode" (the account signed in to VS Code).'
              : 'Whose access: "default-credential" (what DefaultAzureCredential picks: environment service principal, Azure CLI, Azure Developer CLI).',
          enum: [...identities],
        },
        deployment: {
          type: 'string',
          description:
            'The deployment (model) name the code calls, when the endpoint does not carry it (/models, /openai/v1).',
          minLength: 1,
          maxLength: 256,
        },
      },
      required: ['endpoint'],
      additionalProperties: false,
    },
  };
}

export const IDENTITIES_IN_VSCODE: readonly AccessIdentity[] = IDENTITIES;
export const IDENTITIES_OUTSIDE_VSCODE: readonly AccessIdentity[] = ['default-credential'];

export { LM_TOOL_NAMES, MCP_PROVIDER_ID } from './names';
