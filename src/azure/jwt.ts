// Reads the claims of an access token for the report (aud/tid/oid/exp...). Only the claims leave
// this module; the token string itself is never returned, logged or stored.
export interface TokenClaims {
  aud?: string;
  tid?: string;
  oid?: string;
  exp?: number;
  upn?: string;
  name?: string;
  appid?: string;
  azp?: string;
  idtyp?: string;
  preferredUsername?: string;
}

export function decodeClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return {
      aud: str(raw.aud),
      tid: str(raw.tid),
      oid: str(raw.oid),
      exp: typeof raw.exp === 'number' ? raw.exp : undefined,
      upn: str(raw.upn),
      name: str(raw.name),
      appid: str(raw.appid),
      azp: str(raw.azp),
      idtyp: str(raw.idtyp),
      preferredUsername: str(raw.preferred_username),
    };
  } catch {
    return undefined;
  }
}

/** `https://x/.default` -> `https://x` (the aud claim carries no `.default` and no trailing slash). */
export function audienceOfScope(scope: string): string {
  return scope.replace(/\/\.default$/i, '').replace(/\/+$/, '');
}

export function sameAudience(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && audienceOfScope(a).toLowerCase() === audienceOfScope(b).toLowerCase();
}
