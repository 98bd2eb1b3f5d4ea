// The engine's public contract: what analyzeDocument returns and what the editor, the CLI,
// the access check and the tests consume. Plain data only, so findings serialise to JSON/SARIF.

export const RULE_IDS = [
  'openai-class-endpoint',
  'openai-class-non-openai-model',
  'plain-openai-class-azure-endpoint',
  'inference-endpoint',
  'token-scope',
  'inference-default-scope',
  'rest-auth-header',
  'token-passed-as-api-key',
  'static-token',
  'regional-endpoint-entra',
  'missing-model',
  'missing-api-version',
  'sdk-version',
  'mixed-credentials',
  'hardcoded-key',
  'serverless-entra',
  'retired-inference-api',
  'projects-sdk-api',
  'async-token-provider',
  'realtime-endpoint',
  'anthropic-endpoint',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning' | 'info';
/** What a user may set per rule (settings, CLI `--rule`). */
export type SeveritySetting = Severity | 'off' | 'default';
export type RuleSeverities = Partial<Record<RuleId, SeveritySetting>>;

/** Zero-based line and UTF-16 column, as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** A replacement in one file. `file` is the path as given to the engine (the analysed file, or a manifest/config file). */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Exactly one fix of a finding is preferred (the one "fix all" applies). */
  preferred: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Which of the rule's meta.messages this is; `message` is that text rendered with `data`. */
  messageId: string;
  /** The facts behind the message (urls, scopes, class names): what consumers read, never the text. */
  data: Readonly<Record<string, string | number>>;
  message: string;
  file: string;
  /** The offending literal or argument, not the whole line. */
  range: Range;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Link to docs/rules/<rule>.md. */
  docsUrl: string;
  /** The endpoint this finding is about, when there is one (feeds the access check). */
  endpoint?: string;
}

/** A value read from a workspace env/config file, with where it was set. */
export interface EnvValue {
  value: string;
  file: string;
  range: Range;
}

/** Resolves environment/config variable names for the analysed file (nearest config file first). */
export interface EnvSource {
  lookup(name: string): EnvValue | undefined;
}

export interface AnalysisContext {
  /** Path of the analysed file; used in findings and edits. Its base name also picks the file type. */
  fileName: string;
  env?: EnvSource;
  rules?: RuleSeverities;
  /**
   * Keeps the previous syntax tree of this document so the next analysis reparses incrementally
   * (the editor passes one per open document; see src/core/parse/syntax.ts). Opaque to callers.
   */
  parseSession?: import('./parse/syntax').ParseSession;
  /**
   * Reads another workspace file for cross-file constants (`from .settings import ENDPOINT`,
   * `import { ENDPOINT } from "./config"`): given the importing file and the module specifier, the
   * file's path, text and language id, or undefined when it is not in the workspace / not loaded.
   */
  readModule?: (
    fromFile: string,
    specifier: string,
  ) => { fileName: string; text: string; languageId: string } | undefined;
  /** "Today" for facts with dates (retired on ...); default: the real time. Tests pin it. */
  now?: Date;
  /** The workspace's manifests (which version of a package the code gets); absent: unknown. */
  packages?: PackageSource;
}

/** A package as the nearest manifest lists it: the version specifier ('' when unpinned) and the manifest. */
export interface PackageSpec {
  spec: string;
  file: string;
}

export interface PackageSource {
  lookup(ecosystem: 'pypi' | 'npm', name: string): PackageSpec | undefined;
}

export type EndpointKind =
  | 'azure-openai' // https://<res>.openai.azure.com[/openai/deployments/<d>]
  | 'openai-v1' // https://<res>.openai.azure.com/openai/v1/ (also services.ai.azure.com/openai/v1/)
  | 'model-inference' // https://<res>.services.ai.azure.com/models
  | 'foundry-project' // https://<res>.services.ai.azure.com/api/projects/<p>
  | 'project-openai-v1' // https://<res>.services.ai.azure.com/api/projects/<p>/openai/v1 (the project's OpenAI surface)
  | 'ai-services' // https://<res>.services.ai.azure.com/ (no path)
  | 'cognitive-services' // https://<res>.cognitiveservices.azure.com/
  | 'regional' // https://<region>.api.cognitive.microsoft.com (no custom subdomain)
  | 'serverless' // https://<dep>.<region>.models.ai.azure.com / inference.ai.azure.com
  | 'managed-online' // https://<ep>.<region>.inference.ml.azure.com/score
  | 'openai-public'; // https://api.openai.com (not Azure)

export type Cloud = 'public' | 'usgov' | 'china';

export interface EndpointInfo {
  url: string;
  kind: EndpointKind;
  cloud: Cloud;
  host: string;
  /** Path without query, e.g. "/openai/deployments/gpt-4o/chat/completions". */
  path: string;
  /** Custom subdomain / resource name, when the host carries one (placeholders kept as written). */
  resource?: string;
  deployment?: string;
  project?: string;
  region?: string;
  /** Token scopes that work for this endpoint, best first (empty: Entra not supported). */
  scopes: string[];
  /** Client classes that fit this endpoint (display names). */
  clients: string[];
  /** One-line description for hovers and reports. */
  description: string;
  /** Set when the host was written with its labels swapped (`<res>.azure.openai.com`, the openai docstrings'
   * typo): the host as written; the other fields describe the corrected host. */
  typoHost?: string;
}

/** An endpoint literal (or resolved variable) in the document. */
export interface EndpointMention {
  range: Range;
  info: EndpointInfo;
  /** Where the value came from when it was not written here (env file line). */
  source?: EnvValue;
}

/** A client construction in the document (CodeLens anchor). */
export interface ClientConstruction {
  range: Range;
  className: string;
  endpoint?: EndpointInfo;
}

export interface AnalysisResult {
  findings: Finding[];
  endpoints: EndpointMention[];
  clients: ClientConstruction[];
  /** Set when the document was not analysed (binary, minified, too large...), with the reason. */
  skipped?: string;
  /**
   * Set (to the language id) when the document was not analysed because its grammar is not loaded
   * yet: `await ensureParser(languageId)` (src/core/parse/runtime.ts) and analyse again.
   */
  parserPending?: string;
  /**
   * Engine bugs met while analysing: a rule (or an extraction stage) that threw. The other rules
   * still ran; callers show these (editor output channel, CLI stderr + exit 3), tests fail on them.
   */
  internalErrors: InternalError[];
}

export interface InternalError {
  /** The rule id, or the engine stage (`extract-clients`, `endpoint-mentions`, `engine`) that threw. */
  rule: string;
  message: string;
  /** The first lines of the stack trace. */
  stack: string;
}

export const SCENARIO_IDS = [
  'principal-lacks-permission',
  'token-invalid-or-wrong-audience',
  'not-found',
  'deployment-not-found',
  'custom-subdomain-required',
  'network-denied',
  'public-access-disabled',
  'key-auth-disabled',
  'invalid-key',
  'missing-credentials',
  'missing-api-version',
  'tenant-mismatch',
  'sdk-api-changed',
  'async-token-provider',
  'resource-blocked',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** What explain(errorText) returns; `scenario` is null when nothing matches (title etc. then say so). */
export interface Explanation {
  scenario: ScenarioId | null;
  title: string;
  rootCause: string;
  solution: string;
  links: string[];
  /** What the error text itself names (the detailed 401: principal, data action, operation). */
  details?: ExplanationDetails;
}

export interface ExplanationDetails {
  principal?: string;
  dataAction?: string;
  operation?: string;
}
