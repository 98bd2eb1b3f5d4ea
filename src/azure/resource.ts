// Step 2: find the Azure AI resource behind the endpoint. Lists the identity's tenants and their
// subscriptions, then each subscription's Cognitive Services accounts (bounded concurrency,
// nextLink paging by the SDK) until one's customSubDomainName (or regional endpoint) matches.
// A tenant or subscription that fails is recorded as a gap; the others are still searched.
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { CognitiveServicesManagementClient, type Account } from '@azure/arm-cognitiveservices';
import type { EndpointInfo } from '../core/types';
import type { ResourceInfo } from '../core/accessReport';
import type { IdentityProvider } from './identity';
import {
  adaptPipeline,
  boundedAll,
  classicArmOptions,
  describeError,
  modularArmOptions,
  throwIfCancelled,
  type HttpContext,
  CancelledError,
} from './http';

export interface SubscriptionRef {
  subscriptionId: string;
  tenantId?: string;
  displayName?: string;
}

export interface ResourceSearch {
  resource?: ResourceInfo;
  tenantId?: string;
  tenants: string[];
  subscriptions: SubscriptionRef[];
  accountsScanned: number;
  gaps: string[];
}

export const SUBSCRIPTION_CONCURRENCY = 12;

function subscriptionClient(identity: IdentityProvider, ctx: HttpContext, tenantId?: string): SubscriptionClient {
  const credential = identity.credentialFor(tenantId);
  const client = new SubscriptionClient(credential, modularArmOptions(ctx));
  adaptPipeline(client.pipeline, credential, ctx);
  return client;
}

export function cognitiveClient(
  identity: IdentityProvider,
  ctx: HttpContext,
  subscriptionId: string,
  tenantId?: string,
): CognitiveServicesManagementClient {
  const credential = identity.credentialFor(tenantId);
  const client = new CognitiveServicesManagementClient(credential, subscriptionId, classicArmOptions(ctx));
  adaptPipeline(client.pipeline, credential, ctx);
  return client;
}

function rethrowCancel(err: unknown): void {
  if (err instanceof CancelledError) throw err;
}

export interface TenantRef {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

/** The identity's tenants (for the tenant picker); failures surface to the caller. */
export async function listTenants(identity: IdentityProvider, ctx: HttpContext): Promise<TenantRef[]> {
  const out: TenantRef[] = [];
  for await (const t of subscriptionClient(identity, ctx).tenants.list()) {
    if (t.tenantId) out.push({ tenantId: t.tenantId, displayName: t.displayName, defaultDomain: t.defaultDomain });
  }
  return out;
}

/** True when this account serves the endpoint: same custom subdomain, or (regional endpoints) same endpoint host. */
export function accountMatches(account: Account, info: EndpointInfo): boolean {
  const sub = account.properties?.customSubDomainName?.toLowerCase();
  if (info.resource && sub) return sub === info.resource.toLowerCase();
  if (info.kind === 'regional' && !sub) {
    try {
      return new URL(account.properties?.endpoint ?? '').host.toLowerCase() === info.host.toLowerCase();
    } catch {
      return false;
    }
  }
  return false;
}

function parseId(id: string): { subscriptionId: string; resourceGroup: string } {
  const m = /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  return { subscriptionId: m?.[1] ?? '', resourceGroup: m?.[2] ?? '' };
}

export async function findResource(
  identity: IdentityProvider,
  ctx: HttpContext,
  info: EndpointInfo,
  log: (line: string) => void,
  onlyTenants?: string[],
): Promise<ResourceSearch> {
  const gaps: string[] = [];
  const search: ResourceSearch = { tenants: [], subscriptions: [], accountsScanned: 0, gaps };

  // Tenants (one failing tenant never hides the others).
  let tenants: (string | undefined)[] = onlyTenants?.length ? onlyTenants : [undefined];
  if (!onlyTenants?.length)
    try {
      const found: string[] = [];
      for await (const t of subscriptionClient(identity, ctx).tenants.list()) if (t.tenantId) found.push(t.tenantId);
      if (found.length) tenants = found;
    } catch (err) {
      rethrowCancel(err);
      gaps.push(`Could not list tenants (${describeError(err)}); searched the default tenant only.`);
    }
  search.tenants = tenants.filter((t): t is string => !!t);
  log(`Tenants: ${search.tenants.join(', ') || '(default)'}`);

  await boundedAll(tenants, 4, async (tenantId) => {
    try {
      for await (const s of subscriptionClient(identity, ctx, tenantId).subscriptions.list()) {
        if (s.subscriptionId && (s.state ?? 'Enabled') !== 'Disabled') {
          search.subscriptions.push({
            subscriptionId: s.subscriptionId,
            tenantId: s.tenantId ?? tenantId,
            displayName: s.displayName,
          });
        }
      }
    } catch (err) {
      rethrowCancel(err);
      gaps.push(`Tenant ${tenantId ?? '(default)'}: could not list subscriptions (${describeError(err)}).`);
    }
  });
  throwIfCancelled(ctx.signal);
  log(`Subscriptions: ${search.subscriptions.length}`);

  let match: { account: Account; sub: SubscriptionRef } | undefined;
  await boundedAll(
    search.subscriptions,
    SUBSCRIPTION_CONCURRENCY,
    async (sub) => {
      try {
        for await (const account of cognitiveClient(identity, ctx, sub.subscriptionId, sub.tenantId).accounts.list()) {
          search.accountsScanned++;
          if (accountMatches(account, info)) {
            match ??= { account, sub };
            break;
          }
          if (match) break;
        }
      } catch (err) {
        rethrowCancel(err);
        gaps.push(
          `Subscription ${sub.displayName ?? sub.subscriptionId}: could not list Azure AI accounts (${describeError(err)}).`,
        );
      }
    },
    () => !!match || ctx.signal.aborted,
  );
  throwIfCancelled(ctx.signal);
  if (!match) return search;

  const { account, sub } = match;
  const { subscriptionId, resourceGroup } = parseId(account.id ?? '');
  const props = account.properties ?? {};
  const resource: ResourceInfo = {
    id: account.id ?? '',
    name: account.name ?? '',
    subscriptionId,
    resourceGroup,
    kind: account.kind ?? 'unknown',
    location: account.location ?? '',
    endpoint: props.endpoint,
    customSubDomainName: props.customSubDomainName,
    disableLocalAuth: props.disableLocalAuth,
    publicNetworkAccess: props.publicNetworkAccess,
    networkAcls: props.networkAcls
      ? {
          defaultAction: props.networkAcls.defaultAction,
          ipRules: (props.networkAcls.ipRules ?? []).map((r) => r.value),
          virtualNetworkRules: (props.networkAcls.virtualNetworkRules ?? []).length,
        }
      : undefined,
    deployments: [],
  };
  try {
    for await (const d of cognitiveClient(identity, ctx, subscriptionId, sub.tenantId).deployments.list(
      resourceGroup,
      resource.name,
    )) {
      resource.deployments.push({
        name: d.name ?? '',
        model: d.properties?.model?.name ?? '',
        format: d.properties?.model?.format ?? '',
        version: d.properties?.model?.version,
      });
    }
  } catch (err) {
    rethrowCancel(err);
    gaps.push(`Could not list the deployments of ${resource.name} (${describeError(err)}).`);
  }
  search.resource = resource;
  search.tenantId = sub.tenantId;
  return search;
}
