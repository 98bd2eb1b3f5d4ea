// Client classes per language and what each expects (facts §2): which argument carries the endpoint,
// the credential, the scopes, the model; which env variables the SDK falls back to; default scopes.
import type { Family } from '../languages';
import { SCOPES } from './endpoints';

export type ClientFamily = 'azure-openai' | 'openai' | 'inference' | 'project';

export interface ClientSpec {
  family: ClientFamily;
  className: string;
  /** Display name used in messages. */
  display: string;
  /** Keyword/property names carrying the endpoint, in priority order, and positional index. */
  endpointNames: string[];
  endpointPosition?: number;
  credentialNames: string[];
  credentialPosition?: number;
  /** SDK env fallback for the endpoint when no argument is given [P1][N1]. */
  envEndpoint?: string;
  /** SDK default scope when none is given (facts §3). */
  defaultScope?: string;
}

const py = (family: ClientFamily, className: string, extra: Partial<ClientSpec> = {}): ClientSpec => ({
  family,
  className,
  display: className,
  endpointNames:
    family === 'azure-openai' ? ['azure_endpoint', 'base_url'] : family === 'openai' ? ['base_url'] : ['endpoint'],
  endpointPosition: family === 'inference' || family === 'project' ? 0 : undefined,
  credentialNames: family === 'inference' || family === 'project' ? ['credential'] : [],
  credentialPosition: family === 'inference' || family === 'project' ? 1 : undefined,
  ...extra,
});

/** Class (or factory) names per language family. [P1][PS4][PS5][PP1] */
export const CLIENTS: Partial<Record<Family, ClientSpec[]>> = {
  python: [
    py('azure-openai', 'AzureOpenAI', { envEndpoint: 'AZURE_OPENAI_ENDPOINT' }),
    py('azure-openai', 'AsyncAzureOpenAI', { envEndpoint: 'AZURE_OPENAI_ENDPOINT' }),
    py('openai', 'OpenAI', { envEndpoint: 'OPENAI_BASE_URL' }),
    py('openai', 'AsyncOpenAI', { envEndpoint: 'OPENAI_BASE_URL' }),
    py('inference', 'ChatCompletionsClient', { defaultScope: SCOPES.ml }),
    py('inference', 'EmbeddingsClient', { defaultScope: SCOPES.ml }),
    py('inference', 'ImageEmbeddingsClient', { defaultScope: SCOPES.ml }),
    py('inference', 'load_client', { defaultScope: SCOPES.ml }),
    py('project', 'AIProjectClient', { defaultScope: SCOPES.aiAzure }),
  ],
  // [N1][N3][JI1][JP1]
  js: [
    {
      family: 'azure-openai',
      className: 'AzureOpenAI',
      display: 'AzureOpenAI',
      endpointNames: ['endpoint', 'baseURL'],
      credentialNames: ['azureADTokenProvider', 'apiKey'],
      envEndpoint: 'AZURE_OPENAI_ENDPOINT',
    },
    {
      family: 'openai',
      className: 'OpenAI',
      display: 'OpenAI',
      endpointNames: ['baseURL'],
      credentialNames: ['apiKey'],
      envEndpoint: 'OPENAI_BASE_URL',
    },
    {
      family: 'inference',
      className: 'ModelClient',
      display: 'ModelClient (@azure-rest/ai-inference)',
      endpointNames: [],
      endpointPosition: 0,
      credentialNames: [],
      credentialPosition: 1,
      defaultScope: SCOPES.ml,
    },
    {
      family: 'inference',
      className: 'createClient',
      display: 'createClient (@azure-rest/ai-inference)',
      endpointNames: [],
      endpointPosition: 0,
      credentialNames: [],
      credentialPosition: 1,
      defaultScope: SCOPES.ml,
    },
    {
      family: 'project',
      className: 'AIProjectClient',
      display: 'AIProjectClient',
      endpointNames: [],
      endpointPosition: 0,
      credentialNames: [],
      credentialPosition: 1,
      defaultScope: SCOPES.aiAzure,
    },
  ],
  // [N2][N3R][NI1][NP1][D4]
  csharp: [
    {
      family: 'azure-openai',
      className: 'AzureOpenAIClient',
      display: 'AzureOpenAIClient',
      endpointNames: ['endpoint'],
      endpointPosition: 0,
      credentialNames: ['credential'],
      credentialPosition: 1,
      defaultScope: SCOPES.cognitiveServices,
    },
    {
      family: 'openai',
      className: 'OpenAIClient',
      display: 'OpenAIClient',
      endpointNames: ['Endpoint'],
      credentialNames: ['authenticationPolicy', 'credential'],
      credentialPosition: 0,
    },
    {
      family: 'openai',
      className: 'ChatClient',
      display: 'ChatClient',
      endpointNames: ['Endpoint'],
      credentialNames: ['authenticationPolicy', 'credential'],
      credentialPosition: 1,
    },
    {
      family: 'openai',
      className: 'EmbeddingClient',
      display: 'EmbeddingClient',
      endpointNames: ['Endpoint'],
      credentialNames: ['authenticationPolicy', 'credential'],
      credentialPosition: 1,
    },
    {
      family: 'inference',
      className: 'ChatCompletionsClient',
      display: 'ChatCompletionsClient (Azure.AI.Inference)',
      endpointNames: ['endpoint'],
      endpointPosition: 0,
      credentialNames: ['credential'],
      credentialPosition: 1,
      defaultScope: SCOPES.ml,
    },
    {
      family: 'inference',
      className: 'EmbeddingsClient',
      display: 'EmbeddingsClient (Azure.AI.Inference)',
      endpointNames: ['endpoint'],
      endpointPosition: 0,
      credentialNames: ['credential'],
      credentialPosition: 1,
      defaultScope: SCOPES.ml,
    },
    {
      family: 'inference',
      className: 'ImageEmbeddingsClient',
      display: 'ImageEmbeddingsClient (Azure.AI.Inference)',
      endpointNames: ['endpoint'],
      endpointPosition: 0,
      credentialNames: ['credential'],
      credentialPosition: 1,
      defaultScope: SCOPES.ml,
    },
    {
      family: 'project',
      className: 'AIProjectClient',
      display: 'AIProjectClient',
      endpointNames: ['endpoint'],
      endpointPosition: 0,
      credentialNames: ['credential'],
      credentialPosition: 1,
      defaultScope: SCOPES.aiAzure,
    },
  ],
  // [JV1][JV3][D4] builders: chain methods are the "names"
  java: [
    {
      family: 'azure-openai',
      className: 'OpenAIClientBuilder',
      display: 'OpenAIClientBuilder (com.azure.ai.openai)',
      endpointNames: ['endpoint'],
      credentialNames: ['credential'],
      defaultScope: SCOPES.cognitiveServices,
    },
    {
      family: 'openai',
      className: 'OpenAIOkHttpClient',
      display: 'OpenAIOkHttpClient (openai-java)',
      endpointNames: ['baseUrl'],
      credentialNames: ['credential', 'apiKey'],
    },
    {
      family: 'openai',
      className: 'OpenAIOkHttpClientAsync',
      display: 'OpenAIOkHttpClientAsync (openai-java)',
      endpointNames: ['baseUrl'],
      credentialNames: ['credential', 'apiKey'],
    },
    {
      family: 'inference',
      className: 'ChatCompletionsClientBuilder',
      display: 'ChatCompletionsClientBuilder (azure-ai-inference)',
      endpointNames: ['endpoint'],
      credentialNames: ['credential'],
      defaultScope: SCOPES.ml,
    },
    {
      family: 'inference',
      className: 'EmbeddingsClientBuilder',
      display: 'EmbeddingsClientBuilder (azure-ai-inference)',
      endpointNames: ['endpoint'],
      credentialNames: ['credential'],
      defaultScope: SCOPES.ml,
    },
  ],
};

/** Model / deployment names that are not OpenAI models (facts §1, [D2]: "If your model is not from OpenAI, use the Azure AI Inference SDK"). */
export const NON_OPENAI_MODEL =
  /^(?:meta-)?llama|^mistral|^mixtral|^ministral|^codestral|^phi-?\d|^deepseek|^cohere|^command-r|^grok|^mai-ds|^jamba|^ai21|^jais|^nemotron|^qwen|^gemma/i;

/** Credential classes that produce Entra tokens (azure-identity in every language). */
export const TOKEN_CREDENTIAL =
  /\b(?:DefaultAzureCredential|ManagedIdentityCredential|AzureCliCredential|AzureDeveloperCliCredential|ClientSecretCredential|ClientCertificateCredential|WorkloadIdentityCredential|InteractiveBrowserCredential|DeviceCodeCredential|EnvironmentCredential|ChainedTokenCredential|AzurePowerShellCredential|VisualStudioCodeCredential|OnBehalfOfCredential|ClientAssertionCredential|AzurePipelinesCredential|(?:Default|ManagedIdentity|AzureCli|ClientSecret)CredentialBuilder|TokenCredential|BearerTokenPolicy|BearerTokenCredential|getBearerTokenSupplier|get_bearer_token_provider|getBearerTokenProvider)\b/;

/** Key credential shapes. */
export const KEY_CREDENTIAL = /\b(?:AzureKeyCredential|KeyCredential|ApiKeyCredential|AzureNamedKeyCredential)\b/;
