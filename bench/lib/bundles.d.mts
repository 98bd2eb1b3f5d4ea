// Types of bundles.mjs for TypeScript callers (test/unit/bundle-size.test.ts).
export const EXTENSION_BUDGET_BYTES: number;
export function buildProduction(root: string, parentDir: string): { dir: string; metaPath: string; output: string };
export interface BundleInfo {
  bytes: number;
  azureModules: number;
  azureBytes: number;
  topInputs: Array<{ path: string; bytes: number }>;
  engineModules: string[];
}
export function bundleReport(metaPath: string): { bundles: Record<string, BundleInfo> };
