// Seed documents and hostile fragments shared by the fuzz and bad-input suites. The seeds are small
// realistic files in every language the engine reads (right and wrong Azure AI client code, config,
// manifests), so mutations of them reach deep into the scanners instead of stopping at a pre-filter.

export interface LanguageCase {
  languageId: string;
  fileName: string;
  seeds: string[];
}

const AOAI = 'https://contoso.openai.azure.com';
const MODELS = 'https://contoso.services.ai.azure.com/models';
const V1 = 'https://contoso.openai.azure.com/openai/v1/';
const PROJECT = 'https://contoso.services.ai.azure.com/api/projects/p1';
const COG = 'https://cognitiveservices.azure.com/.default';
const ML = 'https://ml.azure.com/.default';

export const LANGUAGE_CASES: LanguageCase[] = [
  {
    languageId: 'python',
    fileName: 'app.py',
    seeds: [
      `import os\nfrom openai import AzureOpenAI\nfrom azure.identity import DefaultAzureCredential, get_bearer_token_provider\n\ntoken_provider = get_bearer_token_provider(DefaultAzureCredential(), "${COG}")\nclient = AzureOpenAI(\n    azure_endpoint="${MODELS}",\n    azure_ad_token_provider=token_provider,\n    api_version="2024-10-21",\n)\nresp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])\n`,
      `from azure.ai.inference import ChatCompletionsClient\nfrom azure.identity import DefaultAzureCredential\n# endpoint: ${AOAI} in a comment is never a finding\nclient = ChatCompletionsClient(endpoint=os.environ["AZURE_INFERENCE_ENDPOINT"], credential=DefaultAzureCredential(), credential_scopes=["${ML}"])\n"""docstring ${MODELS}"""\nprint(f"{client!r} {'${V1}'}")\n`,
      `from openai import OpenAI\nclient = OpenAI(base_url="${V1}", api_key=token_provider)\nclient2 = AzureOpenAI(azure_endpoint="${V1}", api_key=credential.get_token("${COG}").token, api_version="2024-06-01")\nr'''raw ${PROJECT}'''\n`,
    ],
  },
  {
    languageId: 'javascript',
    fileName: 'index.js',
    seeds: [
      `const { AzureOpenAI } = require("openai");\nconst { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");\nconst azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "${COG}");\nconst client = new AzureOpenAI({ endpoint: "${MODELS}", azureADTokenProvider, apiVersion: "2024-10-21" });\n`,
      `import ModelClient from "@azure-rest/ai-inference";\nconst client = ModelClient(process.env.AZURE_INFERENCE_ENDPOINT ?? \`${AOAI}/\${dep}\`, new DefaultAzureCredential());\n/* ${V1} */\n// ${PROJECT}\nconst re = /https:\\/\\/[a-z]+\\.openai\\.azure\\.com/g;\n`,
    ],
  },
  {
    languageId: 'typescript',
    fileName: 'client.ts',
    seeds: [
      `import { OpenAI } from "openai";\nconst scope: string = "${COG}";\nexport const client = new OpenAI({ baseURL: \`${AOAI}/openai/v1/\`, apiKey: getBearerTokenProvider(cred, scope) });\nfetch("${AOAI}/openai/deployments/gpt/chat/completions", { headers: { "api-key": token } });\n`,
    ],
  },
  {
    languageId: 'typescriptreact',
    fileName: 'App.tsx',
    seeds: [
      `export const App = () => <div title={"${MODELS}"}>{new AzureOpenAI({ endpoint: "${V1}" }) && "x"}</div>;\n`,
    ],
  },
  {
    languageId: 'csharp',
    fileName: 'Program.cs',
    seeds: [
      `using Azure.AI.OpenAI;\nusing Azure.Identity;\nvar client = new AzureOpenAIClient(new Uri("${MODELS}"), new DefaultAzureCredential());\nvar s = @"verbatim ""${AOAI}"" ";\nvar i = $"{endpoint}/openai/v1/";\nvar raw = """\n  ${PROJECT}\n  """;\n`,
      `var inference = new ChatCompletionsClient(new Uri(Environment.GetEnvironmentVariable("AZURE_INFERENCE_ENDPOINT")), new AzureKeyCredential("0123456789abcdef0123456789abcdef"));\nvar cfg = configuration["AzureOpenAI:Endpoint"];\n`,
    ],
  },
  {
    languageId: 'java',
    fileName: 'Main.java',
    seeds: [
      `import com.azure.ai.openai.OpenAIClientBuilder;\nclass Main { void run() {\n  var c = new OpenAIClientBuilder()\n    .endpoint("${MODELS}")\n    .credential(new DefaultAzureCredentialBuilder().build())\n    .buildClient();\n  String block = """\n    ${V1}\n    """;\n  var e = System.getenv("AZURE_OPENAI_ENDPOINT");\n} }\n`,
    ],
  },
  {
    languageId: 'dotenv',
    fileName: '.env',
    seeds: [
      `AZURE_OPENAI_ENDPOINT=${MODELS}\nexport OPENAI_API_VERSION="2024-10-21"\n# comment ${V1}\nAZURE_OPENAI_API_KEY='0123456789abcdef0123456789abcdef'\nMULTI="line one\nline two"\nEMPTY=\n =novalue\nnovalue\n`,
    ],
  },
  {
    languageId: 'json',
    fileName: 'appsettings.json',
    seeds: [
      `{\n  // comment\n  "AzureOpenAI": { "Endpoint": "${MODELS}", "Deployment": "gpt-4o", },\n  "Logging": { "LogLevel": { "Default": "Information" } },\n}\n`,
    ],
  },
  {
    languageId: 'json',
    fileName: 'local.settings.json',
    seeds: [
      `{ "IsEncrypted": false, "Values": { "AZURE_OPENAI_ENDPOINT": "${V1}", "FUNCTIONS_WORKER_RUNTIME": "python" } }\n`,
    ],
  },
  {
    languageId: 'jsonc',
    fileName: '.vscode/launch.json',
    seeds: [
      `{ "version": "0.2.0", "configurations": [ { "name": "py", "type": "debugpy", "env": { "AZURE_OPENAI_ENDPOINT": "${PROJECT}" } } ] }\n`,
    ],
  },
  {
    languageId: 'http',
    fileName: 'requests.http',
    seeds: [
      `### chat\nPOST ${AOAI}/openai/deployments/gpt-4o/chat/completions\nContent-Type: application/json\napi-key: {{token}}\nAuthentication: Bearer {{token}}\n\n{ "messages": [] }\n\n###\nGET ${MODELS}/info?api-version=2024-05-01-preview\nAuthorization: {{token}}\n`,
    ],
  },
  {
    languageId: 'shellscript',
    fileName: 'call.sh',
    seeds: [
      `#!/bin/sh\nTOKEN=$(az account get-access-token --resource https://management.azure.com --query accessToken -o tsv)\ncurl -sS "${MODELS}/chat/completions?api-version=2024-05-01-preview" \\\n  -H "api-key: $TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  -d '{"model":"Llama-3.3-70B-Instruct"}'\n`,
    ],
  },
  {
    languageId: 'powershell',
    fileName: 'call.ps1',
    seeds: [
      `$token = (Get-AzAccessToken -ResourceUrl "https://cognitiveservices.azure.com").Token\nInvoke-RestMethod -Uri "${AOAI}/openai/deployments/gpt/chat/completions" -Headers @{ Authentication = "Bearer $token" } -Method Post\n`,
    ],
  },
  {
    languageId: 'pip-requirements',
    fileName: 'requirements.txt',
    seeds: [`openai==1.30.0\nazure-ai-inference>=1.0.0b9\nazure-identity\n-e ./local\n# comment\n`],
  },
  {
    languageId: 'toml',
    fileName: 'pyproject.toml',
    seeds: [`[project]\nname = "x"\ndependencies = [\n  "openai<1.35",\n  "azure-ai-inference==1.0.0b9",\n]\n`],
  },
  {
    languageId: 'json',
    fileName: 'package.json',
    seeds: [
      `{ "name": "x", "dependencies": { "@azure-rest/ai-inference": "1.0.0-beta.6", "@azure/openai": "^1.0.0-beta.12", "openai": "^4.0.0" } }\n`,
    ],
  },
  {
    languageId: 'xml',
    fileName: 'app.csproj',
    seeds: [
      `<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Azure.AI.Inference" Version="1.0.0-beta.5" />\n    <PackageReference Include="Azure.AI.OpenAI" Version="2.1.0" />\n  </ItemGroup>\n</Project>\n`,
    ],
  },
  {
    languageId: 'xml',
    fileName: 'pom.xml',
    seeds: [
      `<project><dependencies><dependency><groupId>com.azure</groupId><artifactId>azure-ai-inference</artifactId><version>1.0.0-beta.1</version></dependency></dependencies></project>\n`,
    ],
  },
  {
    languageId: 'groovy',
    fileName: 'build.gradle',
    seeds: [`dependencies {\n  implementation 'com.azure:azure-ai-inference:1.0.0-beta.1'\n}\n`],
  },
  {
    languageId: 'kotlin',
    fileName: 'build.gradle.kts',
    seeds: [`dependencies {\n  implementation("com.azure:azure-ai-inference:1.0.0-beta.1")\n}\n`],
  },
  {
    languageId: 'jupyter',
    fileName: 'notebook.ipynb',
    seeds: [
      JSON.stringify(
        {
          cells: [
            { cell_type: 'markdown', metadata: {}, source: ['# ', MODELS] },
            {
              cell_type: 'code',
              metadata: {},
              execution_count: null,
              outputs: [],
              source: [
                'from openai import AzureOpenAI\n',
                `client = AzureOpenAI(azure_endpoint="${MODELS}", api_version="2024-10-21")\n`,
              ],
            },
          ],
          metadata: {},
          nbformat: 4,
          nbformat_minor: 5,
        },
        null,
        1,
      ),
    ],
  },
];

/** Fragments that stress tokenizers and regexes when inserted anywhere in a document. */
export const HOSTILE_FRAGMENTS: string[] = [
  '"',
  "'",
  '`',
  '"""',
  "'''",
  '\\',
  '${',
  '{{',
  '/*',
  '*/',
  '//',
  '#',
  '<!--',
  '@"',
  '$"',
  '"""\n',
  '\r\n',
  '\r',
  '\u0000',
  '\uFEFF',
  '\uFFFD',
  '\uD800',
  '\u2028',
  'https://',
  'https://x.openai.azure.com',
  '.services.ai.azure.com/models',
  '/openai/deployments/',
  'AzureOpenAI(',
  'new AzureOpenAI({',
  'ChatCompletionsClient(',
  'credential_scopes=[',
  'os.environ["',
  'process.env.',
  'Authorization: Bearer ',
  'api-key: ',
  'azure-ai-doctor-disable-next-line',
  'azure-ai-auth-doctor-disable-next-line token-scope',
  '{"cells": [',
  '(((',
  ')))',
  '[[[',
  '\t',
  '𝒜',
];

/** Adversarial whole documents of roughly `n` units, for the linear-time checks. */
export const ADVERSARIAL: Array<{ name: string; make: (n: number) => string }> = [
  { name: 'run of double quotes', make: (n) => '"'.repeat(n) },
  { name: 'run of single quotes', make: (n) => "'".repeat(n) },
  { name: 'run of backticks', make: (n) => '`'.repeat(n) },
  { name: 'run of backslashes', make: (n) => 'x = "' + '\\'.repeat(n) },
  { name: 'backslash-quote pairs', make: (n) => 'x = "' + '\\"'.repeat(n) },
  { name: 'https:// repeated', make: (n) => 'AzureOpenAI(azure_endpoint="' + 'https://'.repeat(n) },
  { name: 'azure hosts chained', make: (n) => '"https://' + 'a.openai.azure.com.'.repeat(n) + '"' },
  { name: 'path segments', make: (n) => '"https://contoso.services.ai.azure.com' + '/models'.repeat(n) + '"' },
  {
    name: 'unterminated string',
    make: (n) => 'client = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com' + ' x'.repeat(n),
  },
  { name: 'unterminated triple quote', make: (n) => '"""' + 'openai.azure.com '.repeat(n) },
  { name: 'unterminated block comment', make: (n) => '/* ' + 'AzureOpenAI( '.repeat(n) },
  { name: 'unterminated template literal', make: (n) => 'const u = `' + '${x}https://a.openai.azure.com'.repeat(n) },
  { name: 'nested template literals', make: (n) => 'const u = ' + '`${'.repeat(n) + '}`'.repeat(n) },
  { name: '10k open parens', make: (n) => 'AzureOpenAI' + '('.repeat(n) },
  {
    name: 'deep nesting balanced',
    make: (n) => 'f' + '('.repeat(n) + '"https://contoso.openai.azure.com"' + ')'.repeat(n),
  },
  { name: 'deep JSON nesting', make: (n) => '{"a":'.repeat(n) + '"https://contoso.openai.azure.com"' + '}'.repeat(n) },
  { name: 'deep array nesting', make: (n) => '['.repeat(n) },
  { name: 'many keyword args', make: (n) => 'AzureOpenAI(' + 'azure_endpoint=x, '.repeat(n) + ')' },
  {
    name: 'many client constructions',
    make: (n) =>
      'c = AzureOpenAI(azure_endpoint="https://x.services.ai.azure.com/models")\n'.repeat(Math.max(1, n >> 6)),
  },
  { name: 'long line of words', make: (n) => 'openai azure inference cognitive '.repeat(n >> 2) },
  { name: 'many .env lines', make: (n) => 'A="x\n'.repeat(n >> 2) },
  {
    name: 'many headers',
    make: (n) => 'POST https://a.openai.azure.com/openai/deployments/d\n' + 'api-key: Bearer \n'.repeat(n >> 3),
  },
  { name: 'curl continuation', make: (n) => 'curl https://a.openai.azure.com \\\n'.repeat(n >> 4) },
  { name: 'whitespace only', make: (n) => ' \t'.repeat(n) },
  { name: 'newlines only', make: (n) => '\n'.repeat(n) },
  { name: 'CR only', make: (n) => '\r'.repeat(n) },
  { name: 'dots and slashes', make: (n) => './'.repeat(n) },
  { name: 'hex run', make: (n) => 'api_key="' + '0123456789abcdef'.repeat(n >> 4) },
  {
    name: 'suppression comments',
    make: (n) => '# azure-ai-auth-doctor-disable-next-line token-scope,\n'.repeat(n >> 5),
  },
];
