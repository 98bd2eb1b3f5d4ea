// Step 5: call the endpoint with a real token and classify the answer with explain(). A cheap read
// (list deployments/models) costs nothing and runs whenever a token is available; a chat completion
// can cost money, so it runs only when the user agreed. The token goes into the Authorization
// header and nowhere else; response text is trimmed and kept only as the service's error message.
import type { EndpointInfo, ScenarioId } from '../core/types';
import type { ProbeInfo } from '../core/accessReport';
import { explain } from '../core/explain';
import { TimeoutError, CancelledError, type HttpContext } from './http';
import { redactSecrets } from './redact';

const API_VERSION = { openai: '2024-10-21', inference: '2024-05-01-preview' };

export interface ProbeRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  /** What it is, for the report. */
  label: string;
}

function origin(info: EndpointInfo): string {
  return `https://${info.host}`;
}

function withQuery(path: string, original: string, defaultVersion?: string): string {
  const query = /\?([^#]*)/.exec(original)?.[1];
  if (query) return `${path}?${query}`;
  return defaultVersion ? `${path}?api-version=${defaultVersion}` : path;
}

/** The cheap read for this endpoint kind (no completion, no cost). */
export function cheapRead(info: EndpointInfo): ProbeRequest {
  const o = origin(info);
  switch (info.kind) {
    // The project's OpenAI surface lists models like the account's v1 API does (update §1b).
    case 'foundry-project':
    case 'project-openai-v1':
      return {
        method: 'GET',
        url: `${o}/api/projects/${encodeURIComponent(info.project ?? '_project')}/openai/v1/models`,
        label: 'list models (project v1)',
      };
    case 'openai-v1':
      return { method: 'GET', url: `${o}/openai/v1/models`, label: 'list models (v1)' };
    case 'model-inference':
      return { method: 'GET', url: `${o}/models/info?api-version=${API_VERSION.inference}`, label: 'model info' };
    default:
      return { method: 'GET', url: `${o}/openai/deployments?api-version=2022-12-01`, label: 'list deployments' };
  }
}

/** The chat completion the code would make, on the endpoint as written (so a wrong path shows up as the 404 it is). */
export function chatRequest(info: EndpointInfo, deployment?: string): ProbeRequest {
  const o = origin(info);
  const path = info.path.replace(/\/+$/, '');
  const message = { messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 };
  if (/\/chat\/completions$/i.test(path)) {
    const needsModel =
      info.kind === 'model-inference' || info.kind === 'openai-v1' || info.kind === 'project-openai-v1';
    return {
      method: 'POST',
      url: withQuery(
        `${o}${path}`,
        info.url,
        info.kind === 'azure-openai'
          ? API_VERSION.openai
          : info.kind === 'model-inference'
            ? API_VERSION.inference
            : undefined,
      ),
      body: JSON.stringify(needsModel ? { ...message, model: deployment } : message),
      label: 'chat completion',
    };
  }
  switch (info.kind) {
    case 'foundry-project':
    case 'project-openai-v1':
      return {
        method: 'POST',
        url: `${o}/api/projects/${encodeURIComponent(info.project ?? '_project')}/openai/v1/chat/completions`,
        body: JSON.stringify({ ...message, model: deployment }),
        label: 'chat completion (project v1)',
      };
    case 'openai-v1':
      return {
        method: 'POST',
        url: `${o}/openai/v1/chat/completions`,
        body: JSON.stringify({ ...message, model: deployment }),
        label: 'chat completion (v1)',
      };
    case 'model-inference':
      return {
        method: 'POST',
        url: withQuery(`${o}${path}/chat/completions`, info.url, API_VERSION.inference),
        body: JSON.stringify({ ...message, model: deployment }),
        label: 'chat completion (/models)',
      };
    default: {
      const base = /\/openai\/deployments\/[^/]+$/i.test(path)
        ? `${o}${path}`
        : `${o}/openai/deployments/${encodeURIComponent(deployment ?? info.deployment ?? 'unknown')}`;
      return {
        method: 'POST',
        url: withQuery(`${base}/chat/completions`, info.url, API_VERSION.openai),
        body: JSON.stringify(message),
        label: 'chat completion (Azure OpenAI)',
      };
    }
  }
}

/** Where the request really goes: Azure, or the emulator's /dataplane/<host>/<path> in tests and the demo. */
export function physicalUrl(url: string, ctx: HttpContext): string {
  if (!ctx.dataPlaneBase) return url;
  const u = new URL(url);
  return `${ctx.dataPlaneBase.replace(/\/+$/, '')}/dataplane/${u.host}${u.pathname}${u.search}`;
}

/** The service's message from a JSON or text body: error.code + error.message, or statusCode + message. */
export function serviceMessage(status: number, text: string): string {
  let message = text.trim();
  try {
    const body = JSON.parse(text);
    if (body?.error) message = `(${body.error.code ?? ''}) ${body.error.message ?? ''}`.trim();
    else if (typeof body?.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the text
  }
  return `${status} ${redactSecrets(message).replace(/\s+/g, ' ').slice(0, 500)}`.trim();
}

export async function probe(ctx: HttpContext, request: ProbeRequest, token: string): Promise<ProbeInfo> {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), ctx.timeoutMs);
  ctx.requestCount++;
  try {
    const response = await fetch(physicalUrl(request.url, ctx), {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'user-agent': 'azure-ai-auth-doctor',
      },
      body: request.body,
      signal: AbortSignal.any([ctx.signal, timer.signal]),
      redirect: 'manual',
    });
    const text = (await response.text()).slice(0, 64_000);
    if (response.ok) {
      return {
        url: request.url,
        status: response.status,
        scenario: null,
        message: `${response.status} OK: ${request.label} succeeded.`,
      };
    }
    const message = serviceMessage(response.status, text);
    const explanation = explain(message);
    const scenario: ScenarioId | null = explanation.scenario;
    return {
      url: request.url,
      status: response.status,
      scenario,
      message,
      ...(explanation.details ? { details: explanation.details } : {}),
    };
  } catch (err) {
    if (ctx.signal.aborted) throw new CancelledError();
    if (timer.signal.aborted) throw new TimeoutError(`${request.label}`, ctx.timeoutMs);
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return {
      url: request.url,
      scenario: null,
      message: redactSecrets(`Request failed: ${e.cause?.code ?? ''} ${e.cause?.message ?? e.message}`.trim()),
    };
  } finally {
    clearTimeout(handle);
  }
}
