// How every Azure request of the access check behaves: ARM endpoint per cloud (or an override
// such as the local emulator), cancellation reaching every request, a per-attempt timeout with a
// clear message, bounded Retry-After, a request counter, and bearer tokens on loopback http
// (core-rest-pipeline refuses bearer tokens over http, which is right for anything but 127.0.0.1).
import type { TokenCredential, AccessToken } from '@azure/core-auth';
import type {
  Pipeline,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
  SendRequest,
} from '@azure/core-rest-pipeline';
import type { Cloud } from '../core/types';
import { redactSecrets } from './redact';

export const ARM_BY_CLOUD: Record<Cloud, string> = {
  public: 'https://management.azure.com',
  usgov: 'https://management.usgovcloudapi.net',
  china: 'https://management.chinacloudapi.cn',
};

/** Management-plane token scope per cloud (facts §3, §5; sovereign ARM from [JS-ARMSUB]). */
export const MANAGEMENT_SCOPE_BY_CLOUD: Record<Cloud, string> = {
  public: 'https://management.azure.com/.default',
  usgov: 'https://management.usgovcloudapi.net/.default',
  china: 'https://management.chinacloudapi.cn/.default',
};

export const MAX_RETRY_AFTER_SECONDS = 10;
export const DEFAULT_TIMEOUT_MS = 20_000;

export class CancelledError extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'CancelledError';
  }
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`Azure did not answer ${what} within ${Math.round(ms / 1000)} s (timeout).`);
    this.name = 'TimeoutError';
  }
}

/** Shared by every client of one check. */
export interface HttpContext {
  armEndpoint: string;
  cloud: Cloud;
  signal: AbortSignal;
  timeoutMs: number;
  /** Requests sent (every attempt, ARM and data plane). */
  requestCount: number;
  /** Longest Retry-After honoured, in seconds (default MAX_RETRY_AFTER_SECONDS). */
  maxRetryAfterSeconds?: number;
  /** Data-plane requests go to `${dataPlaneBase}/dataplane/<host><path>` when set (emulator only). */
  dataPlaneBase?: string;
}

export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')
    );
  } catch {
    return false;
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/** Attaches the check's signal before the retry policy, so retry delays stop on cancel too. */
function cancelPolicy(ctx: HttpContext): PipelinePolicy {
  return {
    name: 'aiAuthDoctorCancel',
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      throwIfCancelled(ctx.signal);
      request.abortSignal = request.abortSignal
        ? AbortSignal.any([request.abortSignal as AbortSignal, ctx.signal])
        : ctx.signal;
      try {
        return await next(request);
      } catch (err) {
        // An abort during a retry delay surfaces as the pipeline's AbortError: report it as the cancel it is.
        if (ctx.signal.aborted) throw new CancelledError();
        throw err;
      }
    },
  };
}

/** Per attempt: count, time out, cap Retry-After. */
function attemptPolicy(ctx: HttpContext): PipelinePolicy {
  return {
    name: 'aiAuthDoctorAttempt',
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      throwIfCancelled(ctx.signal);
      ctx.requestCount++;
      const timer = new AbortController();
      const handle = setTimeout(() => timer.abort(), ctx.timeoutMs);
      const outer = request.abortSignal;
      request.abortSignal = outer ? AbortSignal.any([outer as AbortSignal, timer.signal]) : timer.signal;
      try {
        const response = await next(request);
        const retryAfter = Number(response.headers.get('retry-after'));
        const cap = ctx.maxRetryAfterSeconds ?? MAX_RETRY_AFTER_SECONDS;
        if (Number.isFinite(retryAfter) && retryAfter > cap) response.headers.set('retry-after', String(cap));
        return response;
      } catch (err) {
        if (ctx.signal.aborted) throw new CancelledError();
        if (timer.signal.aborted)
          throw new TimeoutError(`${request.method} ${describeUrl(request.url)}`, ctx.timeoutMs);
        throw err;
      } finally {
        clearTimeout(handle);
        request.abortSignal = outer;
      }
    },
  };
}

/** Bearer tokens for a loopback http endpoint (the emulator); tokens cached until near expiry. */
function loopbackBearerPolicy(credential: TokenCredential, scopes: string[], ctx: HttpContext): PipelinePolicy {
  let cached: AccessToken | null = null;
  return {
    name: 'aiAuthDoctorLoopbackBearer',
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      if (!isLoopbackHttp(request.url))
        throw new Error('Refusing to send a bearer token over http to a non-loopback host.');
      if (!cached || cached.expiresOnTimestamp - Date.now() < 30_000) {
        cached = await credential.getToken(scopes, { abortSignal: ctx.signal });
        if (!cached) throw new Error('The credential returned no token.');
      }
      request.headers.set('authorization', `Bearer ${cached.token}`);
      return next(request);
    },
  };
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url.slice(0, 200);
  }
}

/** Pipeline options both kinds of ARM client share: loopback-only http, bounded retries, cancellation and request counting. */
function sharedPipelineOptions(ctx: HttpContext) {
  return {
    allowInsecureConnection: isLoopbackHttp(ctx.armEndpoint),
    retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 4000 },
    additionalPolicies: [
      { policy: cancelPolicy(ctx), position: 'perCall' as const },
      { policy: attemptPolicy(ctx), position: 'perRetry' as const },
    ],
    userAgentOptions: { userAgentPrefix: 'azure-ai-auth-doctor' },
  };
}

/** Options for the classic autorest ARM clients (arm-cognitiveservices 8, arm-authorization 9): set both $host and endpoint (facts §5). */
export function classicArmOptions(ctx: HttpContext) {
  return {
    $host: ctx.armEndpoint,
    endpoint: ctx.armEndpoint,
    credentialScopes: [MANAGEMENT_SCOPE_BY_CLOUD[ctx.cloud]],
    ...sharedPipelineOptions(ctx),
  };
}

/** Options for the modular SubscriptionClient (arm-resources-subscriptions 3): endpoint + explicit scopes (its default scope is hard-coded to public ARM). */
export function modularArmOptions(ctx: HttpContext) {
  return {
    endpoint: ctx.armEndpoint,
    credentials: { scopes: [MANAGEMENT_SCOPE_BY_CLOUD[ctx.cloud]] },
    ...sharedPipelineOptions(ctx),
  };
}

/** On loopback http, swap the SDK's https-only bearer policy for ours; elsewhere leave the SDK alone. */
export function adaptPipeline(pipeline: Pipeline, credential: TokenCredential, ctx: HttpContext): void {
  if (!isLoopbackHttp(ctx.armEndpoint)) return;
  pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  pipeline.addPolicy(loopbackBearerPolicy(credential, [MANAGEMENT_SCOPE_BY_CLOUD[ctx.cloud]], ctx), { phase: 'Sign' });
}

/** One message for an error from Azure or the network, without response bodies that could carry secrets. */
export function describeError(err: unknown): string {
  if (err instanceof CancelledError || err instanceof TimeoutError) return err.message;
  const e = err as { statusCode?: number; code?: string; message?: string; name?: string };
  const status = e?.statusCode ? `HTTP ${e.statusCode}` : '';
  const code = e?.code && e.code !== 'REQUEST_SEND_ERROR' ? ` ${e.code}` : '';
  const message = redactSecrets((e?.message ?? String(err)).split('\n')[0]).slice(0, 400);
  if (e?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return `Cannot connect to Azure (${message}).`;
  return `${status}${code}${status || code ? ': ' : ''}${message}`.trim();
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: number })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Runs tasks with at most `limit` in flight; stops starting new ones once `stop()` is true. */
export async function boundedAll<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length && !stop()) {
      const item = items[index++];
      results.push(await task(item));
    }
  });
  await Promise.all(workers);
  return results;
}
