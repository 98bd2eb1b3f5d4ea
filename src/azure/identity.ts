// Whose credential the check uses. "default-credential" mirrors what DefaultAzureCredential picks
// on a developer machine (environment service principal, then Azure CLI, then Azure Developer
// CLI; managed identity only exists inside Azure) and remembers which one answered. The VS Code
// account is provided by the extension side (vscode.authentication) through the same interface.
import { AzureCliCredential, AzureDeveloperCliCredential, EnvironmentCredential } from '@azure/identity';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { decodeClaims } from './jwt';

export interface IdentityProvider {
  kind: 'vscode' | 'default-credential';
  /** Which credential answered, e.g. "AzureCliCredential" (known after the first token). */
  source(): string;
  /** A credential for one tenant (undefined: the identity's home/default tenant). */
  credentialFor(tenantId?: string): TokenCredential;
}

interface ChainLink {
  name: string;
  credential: TokenCredential;
}

/**
 * Tokens of one identity, cached per tenant and scope until 30 s before they expire (an expired
 * token is re-acquired). Requests for the home tenant share the entry of "no tenant given", so a
 * check does not ask the CLI twice for the same token.
 */
export class TokenCache {
  private readonly cache = new Map<string, AccessToken>();
  private readonly inflight = new Map<string, Promise<AccessToken | null>>();
  private home: string | undefined;
  constructor(
    private readonly acquire: (
      tenantId: string | undefined,
      scopes: string[],
      options?: GetTokenOptions,
    ) => Promise<AccessToken | null>,
  ) {}

  credentialFor(tenantId?: string): TokenCredential {
    return { getToken: (scopes, options) => this.get(tenantId, Array.isArray(scopes) ? scopes : [scopes], options) };
  }

  private async get(
    tenantId: string | undefined,
    scopes: string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> {
    const tenant = tenantId && tenantId.toLowerCase() !== this.home ? tenantId : undefined;
    const key = `${tenant ?? 'home'}|${scopes.join(' ')}`;
    const hit = this.cache.get(key);
    if (hit && hit.expiresOnTimestamp - Date.now() > 30_000) return hit;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.acquire(tenant, scopes, options).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const token = await pending;
    if (token) {
      this.cache.set(key, token);
      if (!tenant && !this.home) this.home = decodeClaims(token.token)?.tid?.toLowerCase();
    }
    return token;
  }
}

export function defaultCredentialIdentity(): IdentityProvider {
  const chain: ChainLink[] = [
    { name: 'EnvironmentCredential', credential: new EnvironmentCredential({ additionallyAllowedTenants: ['*'] }) },
    { name: 'AzureCliCredential', credential: new AzureCliCredential({ additionallyAllowedTenants: ['*'] }) },
    {
      name: 'AzureDeveloperCliCredential',
      credential: new AzureDeveloperCliCredential({ additionallyAllowedTenants: ['*'] }),
    },
  ];
  let answered = '';
  const ask = async (
    tenantId: string | undefined,
    scopes: string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> => {
    const failures: string[] = [];
    for (const link of chain) {
      if (options?.abortSignal?.aborted) throw new Error('The check was cancelled.');
      try {
        const token = await link.credential.getToken(scopes, { ...options, tenantId });
        if (token) {
          answered = link.name;
          return token;
        }
      } catch (err) {
        const e = err as Error;
        failures.push(`${link.name}: ${(e.message ?? String(err)).split('\n')[0].slice(0, 300)}`);
        // DefaultAzureCredential moves on only when a credential is unavailable; anything else stops the chain.
        if (e.name !== 'CredentialUnavailableError') break;
      }
    }
    throw new Error(
      `No developer credential could get a token${tenantId ? ` for tenant ${tenantId}` : ''}: ${failures.join('; ')}`,
    );
  };
  const tokens = new TokenCache(ask);
  return {
    kind: 'default-credential',
    source: () => answered || 'DefaultAzureCredential (no credential answered yet)',
    credentialFor: (tenantId?: string) => tokens.credentialFor(tenantId),
  };
}
