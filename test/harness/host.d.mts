// Types of host.mjs for TypeScript callers (test/ui/workbench.ts).
export const CODE_SERVER_VERSION: string;
export const EXTENSION_ID: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function repoRoot(): string;
export function hostPaths(): { cache: string; node: string; entry: string; installed: boolean };
export function requireHost(): { cache: string; node: string; entry: string; installed: boolean };
export function ensureHost(): { cache: string; node: string; entry: string; installed: boolean };
export function freePort(): Promise<number>;
export function killGroup(pid: number | undefined, graceMs?: number): Promise<void>;
export interface Emulator {
  url: string;
  output: string[];
  stop(): Promise<void>;
}
export function startEmulator(options?: { echo?: boolean }): Promise<Emulator | undefined>;
export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  exited: Promise<number | null>;
  userDataDir: string;
  extensionsDir: string;
  scratch: string;
  output: string[];
  logsText(): string;
  stop(): Promise<void>;
}
export function startCodeServer(options?: {
  userDataDir?: string;
  extensionsDir?: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  echo?: boolean;
  keepScratch?: boolean;
  host?: string;
  port?: number;
  smokeTestDriver?: boolean;
}): Promise<CodeServer>;
export function installVsix(vsixPath: string, dirs: { extensionsDir: string; userDataDir: string }): string;
export function collectLogs(userDataDir: string, pattern?: RegExp): string;
export function workbenchUrl(
  server: { url: string; port: number },
  options: { folder?: string; workspace?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string;
export function launchBrowser(): Promise<import('playwright-core').Browser>;
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
