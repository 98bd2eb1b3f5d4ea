// Emulator tokens: unsigned JWTs ("opaque but decodable") carrying aud/tid/oid/exp, as Entra's
// would. Only the emulator accepts them; they exist so the extension's real code paths
// (credential -> bearer header -> decoded claims) run unchanged against loopback.
import { randomUUID } from 'node:crypto';

export interface EmulatorClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  name?: string;
  upn?: string;
  appid: string;
  scp?: string;
  idtyp?: string;
  jti: string;
}

const b64url = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

/** The resource an audience stands for, without `/.default` or a trailing slash. */
export function normaliseAudience(resourceOrScope: string): string {
  return resourceOrScope.replace(/\/\.default$/i, '').replace(/\/+$/, '');
}

export function issueToken(
  claims: Omit<EmulatorClaims, 'iat' | 'nbf' | 'exp' | 'jti' | 'iss'>,
  lifetimeSeconds: number,
): { token: string; claims: EmulatorClaims } {
  const now = Math.floor(Date.now() / 1000);
  const full: EmulatorClaims = {
    ...claims,
    aud: normaliseAudience(claims.aud),
    iss: `https://sts.windows.net/${claims.tid}/`,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    jti: randomUUID(),
  };
  const token = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'emulator' }))}.${b64url(JSON.stringify(full))}.ZW11bGF0b3I`;
  return { token, claims: full };
}

export function readToken(authorization: string | undefined): EmulatorClaims | undefined {
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (!m) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8'));
    return typeof claims?.aud === 'string' && typeof claims?.oid === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}
