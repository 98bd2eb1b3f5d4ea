// Tests and demos point the access check at the local Azure emulator through this environment
// variable; it is honoured only on loopback, so no setting or variable can send tokens elsewhere.
export const EMULATOR_ENV = 'AZURE_AI_AUTH_DOCTOR_EMULATOR_URL';

export function loopbackEmulatorUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[EMULATOR_ENV];
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
      ? raw
      : undefined;
  } catch {
    return undefined;
  }
}
