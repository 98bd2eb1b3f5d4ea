// Endpoint shapes (facts §1, §3; update §1a, §1b): which Azure AI endpoint a URL is, which cloud, which
// clients and token scopes fit it. Placeholders in the resource label (<resource>, {name}, ${RES}) still classify.
import type { Cloud, EndpointInfo, EndpointKind } from '../types';

/** Token scopes (facts §3). */
export const SCOPES = {
  cognitiveServices: 'https://cognitiveservices.azure.com/.default',
  cognitiveServicesUsGov: 'https://cognitiveservices.azure.us/.default',
  cognitiveServicesChina: 'https://cognitiveservices.azure.cn/.default',
  aiAzure: 'https://ai.azure.com/.default',
  /** US Government Foundry projects (update §1a: articles/foundry/concepts/foundry-azure-government.md). */
  aiAzureUsGov: 'https://ai.azure.us/.default',
  /** Azure China Foundry: seen only in third-party code (update §1a, Obs.). */
  aiAzureChina: 'https://ai.azure.cn/.default',
  ml: 'https://ml.azure.com/.default',
  management: 'https://management.azure.com/.default',
} as const;

const COGNITIVE_SCOPE_BY_CLOUD: Record<Cloud, string> = {
  public: SCOPES.cognitiveServices,
  usgov: SCOPES.cognitiveServicesUsGov,
  china: SCOPES.cognitiveServicesChina,
};

/** The Foundry audience per cloud (update §1a). */
export const FOUNDRY_SCOPE_BY_CLOUD: Record<Cloud, string> = {
  public: SCOPES.aiAzure,
  usgov: SCOPES.aiAzureUsGov,
  china: SCOPES.aiAzureChina,
};

/** A DNS label, or a placeholder standing for one. */
const LABEL = String.raw`(?:<[^<>\s/]{1,60}>|\{[^{}\s/]{1,60}\}|\$\{[^{}\s/]{1,60}\}|\$[A-Za-z_][A-Za-z0-9_]{0,60}|%[A-Za-z_][A-Za-z0-9_]{0,60}%|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)`;

interface HostShape {
  pattern: RegExp;
  cloud: Cloud;
  /** Decides the kind from the path (host alone is not enough for services.ai / openai hosts). */
  kind: (path: string) => EndpointKind;
  labels: (m: RegExpMatchArray) => { resource?: string; region?: string; deployment?: string };
}

const openAiPathKind = (path: string): EndpointKind =>
  /^\/openai\/v1(?:\/|$)/i.test(path) ? 'openai-v1' : 'azure-openai';

const servicesAiPathKind = (path: string): EndpointKind => {
  if (/^\/openai\/v1(?:\/|$)/i.test(path)) return 'openai-v1';
  if (/^\/openai(?:\/|$)/i.test(path)) return 'azure-openai';
  if (/^\/api\/projects\/[^/]+\/openai\/v1(?:\/|$)/i.test(path)) return 'project-openai-v1';
  if (/^\/api\/projects(?:\/|$)/i.test(path)) return 'foundry-project';
  if (/^\/models?(?:\/|$)/i.test(path)) return 'model-inference';
  return 'ai-services';
};

const cognitivePathKind = (path: string): EndpointKind => {
  if (/^\/openai\/v1(?:\/|$)/i.test(path)) return 'openai-v1';
  if (/^\/openai(?:\/|$)/i.test(path)) return 'azure-openai';
  if (/^\/models?(?:\/|$)/i.test(path)) return 'model-inference';
  return 'cognitive-services';
};

const host = (suffix: string) => new RegExp(`^(${LABEL})\\.${suffix.replace(/\./g, '\\.')}$`, 'i');

const HOSTS: HostShape[] = [
  { pattern: host('openai.azure.com'), cloud: 'public', kind: openAiPathKind, labels: (m) => ({ resource: m[1] }) },
  { pattern: host('openai.azure.us'), cloud: 'usgov', kind: openAiPathKind, labels: (m) => ({ resource: m[1] }) },
  { pattern: host('openai.azure.cn'), cloud: 'china', kind: openAiPathKind, labels: (m) => ({ resource: m[1] }) },
  {
    pattern: host('services.ai.azure.com'),
    cloud: 'public',
    kind: servicesAiPathKind,
    labels: (m) => ({ resource: m[1] }),
  },
  {
    // US Government Foundry (update §1a: https://{res}.services.ai.azure.us/api/projects/{p})
    pattern: host('services.ai.azure.us'),
    cloud: 'usgov',
    kind: servicesAiPathKind,
    labels: (m) => ({ resource: m[1] }),
  },
  {
    pattern: host('cognitiveservices.azure.com'),
    cloud: 'public',
    kind: cognitivePathKind,
    labels: (m) => ({ resource: m[1] }),
  },
  {
    pattern: host('cognitiveservices.azure.us'),
    cloud: 'usgov',
    kind: cognitivePathKind,
    labels: (m) => ({ resource: m[1] }),
  },
  {
    pattern: host('cognitiveservices.azure.cn'),
    cloud: 'china',
    kind: cognitivePathKind,
    labels: (m) => ({ resource: m[1] }),
  },
  {
    pattern: host('api.cognitive.microsoft.com'),
    cloud: 'public',
    kind: () => 'regional',
    labels: (m) => ({ region: m[1] }),
  },
  {
    pattern: host('api.cognitive.microsoft.us'),
    cloud: 'usgov',
    kind: () => 'regional',
    labels: (m) => ({ region: m[1] }),
  },
  {
    pattern: host('api.cognitive.azure.cn'),
    cloud: 'china',
    kind: () => 'regional',
    labels: (m) => ({ region: m[1] }),
  },
  {
    pattern: new RegExp(`^(${LABEL})\\.(${LABEL})\\.(?:models|inference)\\.ai\\.azure\\.com$`, 'i'),
    cloud: 'public',
    kind: () => 'serverless',
    labels: (m) => ({ deployment: m[1], region: m[2] }),
  },
  {
    pattern: new RegExp(`^(${LABEL})\\.(${LABEL})\\.inference\\.ml\\.azure\\.com$`, 'i'),
    cloud: 'public',
    kind: () => 'managed-online',
    labels: (m) => ({ resource: m[1], region: m[2] }),
  },
  { pattern: /^api\.openai\.com$/i, cloud: 'public', kind: () => 'openai-public', labels: () => ({}) },
];

const DESCRIPTIONS: Record<EndpointKind, string> = {
  'azure-openai': 'Azure OpenAI endpoint (deployment in the URL path, api-version required)',
  'openai-v1': 'Azure OpenAI v1 API (no api-version; the deployment name goes in `model`)',
  'model-inference': 'Azure AI Model Inference API (retirement date 2026-08-26; replaced by the v1 API …/openai/v1/)',
  'foundry-project': 'Azure AI Foundry project endpoint (agents, evaluations, connections)',
  'project-openai-v1':
    "Foundry project's OpenAI v1 surface (the plain OpenAI client; no api-version; ai.azure.com audience)",
  'ai-services': 'Azure AI Services (Foundry) resource endpoint',
  'cognitive-services': 'Azure AI / Cognitive Services custom-subdomain endpoint',
  regional: 'Regional Cognitive Services endpoint (no custom subdomain: API keys only, no Entra ID)',
  serverless: 'Serverless API (Models-as-a-Service) endpoint, one deployment per host',
  'managed-online': 'Azure Machine Learning managed online endpoint',
  'openai-public': 'OpenAI (api.openai.com), not an Azure endpoint',
};

const CLIENTS: Record<EndpointKind, string[]> = {
  'azure-openai': [
    'AzureOpenAI (openai)',
    'AzureOpenAIClient (.NET)',
    'OpenAIClientBuilder (Java com.azure.ai.openai)',
  ],
  'openai-v1': [
    'OpenAI (openai, base_url …/openai/v1/)',
    'OpenAIClient (OpenAI .NET)',
    'OpenAIOkHttpClient (openai-java)',
  ],
  // The Model Inference API was retired on 2026-08-26 (timeline.ts): its clients are no longer offered.
  'model-inference': ['none current: the API was retired; use the OpenAI client on …/openai/v1/'],
  'foundry-project': ['AIProjectClient (azure-ai-projects)', 'OpenAI (openai) on …/api/projects/<p>/openai/v1'],
  'project-openai-v1': ['OpenAI (openai, base_url …/api/projects/<p>/openai/v1)', 'project.get_openai_client()'],
  'ai-services': ['append /openai/v1/ for the OpenAI client'],
  'cognitive-services': ['AzureOpenAI (openai)', 'AzureOpenAIClient (.NET)'],
  regional: ['API-key clients only'],
  serverless: ['REST with the endpoint key'],
  'managed-online': ['plain HTTP (score)'],
  'openai-public': ['OpenAI (openai) with an OpenAI API key'],
};

/**
 * Accepted audiences, best first. Account-level endpoints accept cognitiveservices and ai.azure.com in the
 * public cloud (update §1a: the docs moved to ai.azure.com; the 401 body lists both); the v1 API's docs use
 * ai.azure.com, dated AzureOpenAI versions cognitiveservices (openai-node docs/azure.md). Project endpoints
 * accept only the Foundry audience (agent-framework#7201), ai.azure.us in US Government.
 */
function scopesFor(kind: EndpointKind, cloud: Cloud): string[] {
  const cognitive = COGNITIVE_SCOPE_BY_CLOUD[cloud];
  switch (kind) {
    case 'azure-openai':
    case 'cognitive-services':
    case 'ai-services':
    case 'model-inference':
      return cloud === 'public' ? [cognitive, SCOPES.aiAzure] : [cognitive];
    case 'openai-v1':
      return cloud === 'public' ? [SCOPES.aiAzure, cognitive] : [cognitive];
    case 'foundry-project':
    case 'project-openai-v1':
      return [FOUNDRY_SCOPE_BY_CLOUD[cloud]];
    case 'managed-online':
      return [SCOPES.ml];
    case 'serverless': // Entra support on serverless is unverified (facts §1); keys are the documented path.
    case 'regional': // Entra needs a custom subdomain (facts §1, [D7]).
    case 'openai-public':
      return [];
  }
}

/** Parses scheme://host[:port]/path?query without URL() so that placeholders survive. */
function splitUrl(raw: string): { host: string; path: string } | undefined {
  const m = /^\s*https?:\/\/([^/?#\s:]+)(?::\d+)?([^?#\s]*)/i.exec(raw);
  if (!m) return undefined;
  return { host: m[1], path: m[2] || '/' };
}

/** `<res>.azure.openai.<tld>`: the labels swapped, as in the openai-python/node docstrings
 * (`https://example-resource.azure.openai.com/`); the real host is `<res>.openai.azure.<tld>` (facts §1 notes [P1][N1]). */
const SWAPPED_HOST = new RegExp(`^(${LABEL})\\.azure\\.openai\\.(com|us|cn)$`, 'i');

/** The host with its labels in the right order when it is the swapped-label typo, else undefined. */
export function correctedTypoHost(host: string): string | undefined {
  const m = SWAPPED_HOST.exec(host);
  return m ? `${m[1]}.openai.azure.${m[2]}` : undefined;
}

/** The URL with a swapped-label host put right (other URLs unchanged). */
export function correctTypoUrl(url: string): string {
  const parts = splitUrl(url);
  const fixed = parts && correctedTypoHost(parts.host);
  return fixed ? url.replace(parts.host, fixed) : url;
}

export function classifyEndpoint(url: string): EndpointInfo | undefined {
  const parts = splitUrl(url);
  if (!parts) return undefined;
  const corrected = correctedTypoHost(parts.host);
  if (corrected) {
    const info = classifyEndpoint(url.replace(parts.host, corrected));
    return info && { ...info, url: url.trim(), host: parts.host, typoHost: parts.host };
  }
  for (const shape of HOSTS) {
    const m = parts.host.match(shape.pattern);
    if (!m) continue;
    const kind = shape.kind(parts.path);
    const labels = shape.labels(m);
    const deployment = labels.deployment ?? /^\/openai\/deployments\/([^/]+)/i.exec(parts.path)?.[1];
    const project = /^\/api\/projects\/([^/]+)/i.exec(parts.path)?.[1];
    return {
      url: url.trim(),
      kind,
      cloud: shape.cloud,
      host: parts.host,
      path: parts.path,
      resource: labels.resource,
      region: labels.region,
      deployment,
      project,
      scopes: scopesFor(kind, shape.cloud),
      clients: CLIENTS[kind],
      description: DESCRIPTIONS[kind],
    };
  }
  return undefined;
}

const TLD: Record<Cloud, string> = { public: 'com', usgov: 'us', china: 'cn' };

/** Resource label for a rewritten URL (kept as written, placeholder when the host has none). */
function resourceOf(info: EndpointInfo): string {
  return info.resource ?? '<resource>';
}

/** https://<res>.openai.azure.<tld> — what AzureOpenAI / AzureOpenAIClient / OpenAIClientBuilder take (facts §1). */
export function azureOpenAiBase(info: EndpointInfo): string {
  return `https://${resourceOf(info)}.openai.azure.${TLD[info.cloud]}`;
}

/** …/openai/v1/ on the same host when it serves it (openai / services.ai / cognitiveservices), for the plain OpenAI client [D4];
 * for a project endpoint, the project's own …/api/projects/<p>/openai/v1 (update §1b). */
export function openAiV1Base(info: EndpointInfo): string {
  if ((info.kind === 'foundry-project' || info.kind === 'project-openai-v1') && info.project)
    return projectOpenAiV1Base(info);
  if (/\.(?:openai|services\.ai|cognitiveservices)\.azure\./i.test(info.host) && info.resource)
    return `https://${info.host}/openai/v1/`;
  return `${azureOpenAiBase(info)}/openai/v1/`;
}

/** The project's OpenAI surface: https://<res>.services.ai.azure.<tld>/api/projects/<p>/openai/v1 (update §1b). */
export function projectOpenAiV1Base(info: EndpointInfo): string {
  return `https://${info.host}/api/projects/${info.project ?? '<project>'}/openai/v1`;
}

/** The audience for the plain OpenAI client on the v1 surface of this endpoint (update §1a). */
export function v1Scope(info: EndpointInfo | undefined): string {
  if (!info) return SCOPES.aiAzure;
  if (info.kind === 'foundry-project' || info.kind === 'project-openai-v1') return FOUNDRY_SCOPE_BY_CLOUD[info.cloud];
  return info.cloud === 'public' ? SCOPES.aiAzure : COGNITIVE_SCOPE_BY_CLOUD[info.cloud];
}

/** https://<res>.services.ai.azure.com/models — the (retired) model inference endpoint [D1][D3]. */
export function modelsEndpoint(info: EndpointInfo): string {
  if (/\.(?:services\.ai|cognitiveservices)\.azure\./i.test(info.host)) return `https://${info.host}/models`;
  return `https://${resourceOf(info)}.services.ai.azure.com/models`;
}

/** Host part of a URL as written, e.g. "https://x.openai.azure.com". */
export function originOf(url: string): string {
  const m = /^\s*(https?:\/\/[^/?#\s]+)/i.exec(url);
  return m ? m[1] : url;
}
