// SDK package facts for manifests (facts §2, §3, §7; update §1c): retired packages and versions with known
// auth defects, each with its source and the version that fixes it. Updating a fact is a one-line change;
// dates live in the timeline so messages take their tense from the clock.
import { TIMELINE, type DatedFact } from './timeline';

export type Ecosystem = 'pypi' | 'npm' | 'nuget' | 'maven';

export interface PackageAdvice {
  ecosystem: Ecosystem;
  /** Package id as written in manifests (maven: group:artifact). */
  name: string;
  /** Retired (or retiring): every version is flagged; the message's tense follows the clock. */
  retired?: { fact: DatedFact; replacement: string };
  /** Versions below `below` are flagged (only when the manifest pins/caps below it). */
  below?: {
    version: string;
    why: string;
    fixVersion: string;
    source: string;
    /** When the fixing release shipped, when the source gives it. */
    since?: string;
    severity?: 'info' | 'warning' | 'error';
  };
}

/** The replacement both the SDK and the /models API point to (update §1a, §1b: flink-agents PR #988). */
export const INFERENCE_REPLACEMENT =
  "the OpenAI client on the v1 API (https://<resource>.openai.azure.com/openai/v1/, or a project's …/api/projects/<project>/openai/v1) with a token provider for https://ai.azure.com/.default, the deployment name as `model`";

const INFERENCE_RETIRED = { fact: TIMELINE.inferenceSdkRetired, replacement: INFERENCE_REPLACEMENT };

export const PACKAGE_ADVICE: PackageAdvice[] = [
  { ecosystem: 'pypi', name: 'azure-ai-inference', retired: INFERENCE_RETIRED },
  { ecosystem: 'npm', name: '@azure-rest/ai-inference', retired: INFERENCE_RETIRED },
  { ecosystem: 'nuget', name: 'Azure.AI.Inference', retired: INFERENCE_RETIRED },
  { ecosystem: 'maven', name: 'com.azure:azure-ai-inference', retired: INFERENCE_RETIRED },
  {
    ecosystem: 'pypi',
    name: 'openai',
    below: {
      version: '1.35.12',
      why: 'the Entra ID token is not refreshed when a request is retried (openai-python#1526, fixed in 1.35.12)',
      fixVersion: '1.106.0',
      source: '[I24][P2]',
      severity: 'error',
    },
  },
  {
    ecosystem: 'pypi',
    name: 'openai',
    below: {
      version: '1.106.0',
      why: 'api_key does not accept a callable before 1.106.0, so the OpenAI client cannot take get_bearer_token_provider(...) for the Azure v1 API',
      fixVersion: '1.106.0',
      source: '[P2][D4]',
      severity: 'info',
    },
  },
  {
    ecosystem: 'npm',
    name: '@azure/openai',
    below: {
      version: '2.0.0',
      why: "the 1.x beta OpenAIClient was removed in 2.0.0-beta.1 and is no longer maintained; 2.x only ships types for openai's AzureOpenAI",
      fixVersion: '2.0.0',
      source: '[JO2]',
      severity: 'warning',
    },
  },
];

/** Compares dotted versions (pre-release tags such as b9 / -beta.1 sort before the release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(v.trim());
    if (!m) return { nums: [0, 0, 0], pre: v };
    return { nums: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4].replace(/^[.-]/, '') };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return x.pre < y.pre ? -1 : x.pre > y.pre ? 1 : 0;
}

/**
 * The highest version a specifier allows, as [version, inclusive]; undefined when unbounded.
 * Understands PEP 440 (==, ===, <=, <, ~=, comma lists), npm/poetry (exact, ^, ~, <, <=) and maven exact versions.
 */
export function upperBound(spec: string): [string, boolean] | undefined {
  let best: [string, boolean] | undefined;
  const consider = (v: string, inclusive: boolean) => {
    if (!best || compareVersions(v, best[0]) < 0) best = [v, inclusive];
  };
  for (const part of spec.split(/[,\s]+|\|\|/).filter(Boolean)) {
    const m = /^(===|==|<=|<|~=|\^|~|>=|>|=|!=)?\s*v?(\d[\w.+-]*)$/.exec(part.trim());
    if (!m) continue;
    const op = m[1] ?? '';
    const v = m[2].replace(/\.\*$/, '');
    const nums = v.split(/[.-]/).map((n) => parseInt(n, 10));
    switch (op) {
      case '':
      case '=':
      case '==':
      case '===':
        if (!part.includes('*')) consider(v, true);
        break;
      case '<=':
        consider(v, true);
        break;
      case '<':
        consider(v, false);
        break;
      case '~=': {
        const segs = v.split('.');
        if (segs.length >= 3) consider(`${segs[0]}.${Number.parseInt(segs[1], 10) + 1}.0`, false);
        else consider(`${Number.parseInt(segs[0], 10) + 1}.0.0`, false);
        break;
      }
      case '^':
        if (nums[0] > 0) consider(`${nums[0] + 1}.0.0`, false);
        else consider(`0.${(nums[1] || 0) + 1}.0`, false);
        break;
      case '~':
        consider(`${nums[0]}.${(nums[1] || 0) + 1}.0`, false);
        break;
      default:
        break;
    }
  }
  return best;
}

/** True when every version the specifier allows is below `threshold`. */
export function allBelow(spec: string, threshold: string): boolean {
  const ub = upperBound(spec);
  if (!ub) return false;
  const c = compareVersions(ub[0], threshold);
  return ub[1] ? c < 0 : c <= 0;
}
