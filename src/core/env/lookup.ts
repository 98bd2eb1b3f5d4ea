// One way to read a variable through the workspace's EnvSource: .NET section names (`A:B`) also match
// the `A__B` environment form, and a failing source reads as unset.
import type { EnvSource, EnvValue } from '../types';

export function lookupEnvIn(env: EnvSource | undefined, name: string): EnvValue | undefined {
  if (!env) return undefined;
  try {
    return env.lookup(name) ?? (name.includes(':') ? env.lookup(name.replace(/:/g, '__')) : undefined);
  } catch {
    return undefined;
  }
}
