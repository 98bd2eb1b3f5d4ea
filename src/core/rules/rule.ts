// The rule contract (ESLint style) and the helpers every rule uses to report a finding with a precise
// range, related locations (env/config lines) and fixes as plain text edits.
//
// API note for rule authors:
// - A rule file exports `meta` (`{ ... } satisfies RuleMeta`) and `defineRule({ meta, check })`. meta holds
//   id, defaultSeverity, languages, a one-line `description` (CLI help, SARIF shortDescription, README
//   table), `docs` ({ url: docsUrl(id), details: a paragraph for SARIF fullDescription }) and `messages`:
//   messageId (camelCase) -> text with `{placeholder}`s (an identifier in single braces; other braces,
//   like `{ Audience = x }`, are literal). No citation tags ([D2]) in messages: they go in comments.
// - `check(ctx)` calls `ctx.report({ messageId, data, start, end } | { messageId, data, node })` plus
//   optional related, fixes, endpoint, severity. messageId is type-checked against meta.messages (helpers
//   take `RuleContext<keyof typeof meta.messages>`); a placeholder without data throws MessageError, which
//   analyzeDocument records in `internalErrors` (tests fail, the CLI exits 3) instead of a half-filled message.
//   `node` may be `{ start, end }` or a tree-sitter node (`startIndex`/`endIndex`, UTF-16 offsets).
// - Code is read through the file's semantic model (`FileModel.of(ctx.doc)`, src/core/model): calls with
//   their arguments, values of expressions, bindings seen at an offset, what a call is made on; the REST
//   checks go through rules/codeValues.ts. No regex look-back over the text to find a name or a receiver.
// - Message text is rendered only in core/messages.ts. Findings carry messageId and data; consumers read
//   facts from data, never from text. Conventions: `url` (endpoint as written), `cls` (client class shown),
//   `target` (the fix's value); in token-scope and inference-default-scope `scope` is the scope the code
//   requests (the access check reads it there; other rules use `scope` for the scope to use).
//   Data rendered into a message must never hold a key or a token (the corpus test checks).
// - Severity overrides and "exactly one preferred fix" are applied by core/policy.ts, not by rules; fix-all
//   selection is policy.compatiblePreferredFixes. Config-file duplicates of code findings are dropped per
//   workspace by core/workspaceFindings.ts (the code finding must carry the config line in related/fixes).
// - A new rule: id in RULE_IDS (types.ts), registry entry (rules/index.ts), docs/rules/<id>.md, then
//   `node scripts/gen-rule-docs.mjs` (README table, package.json enum, doc stub); test/unit/rule-meta.test.ts
//   fails while they disagree. Corpus goldens (ranges, messageIds, fixed text):
//   `AAD_UPDATE_CORPUS=1 npx mocha out/test/unit/corpus.test.js`, then review `git diff test/fixtures/corpus`.
import type {
  EndpointMention,
  Finding,
  Fix,
  PackageSource,
  RelatedLocation,
  RuleId,
  Severity,
  TextEdit,
} from '../types';
import type { Family } from '../languages';
import type { Doc } from '../scan/document';
import type { Value as Resolved } from '../model';
import type { ClientUse } from '../model/clients';
import type { EnvValue } from '../types';
import { renderMessage, type MessageData } from '../messages';
import { normalizePreferred } from '../policy';
import { redactSecrets } from '../redact';

export const DOCS_BASE = 'https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor/blob/main/docs/rules/';

export interface RuleMeta<M extends string = string> {
  id: RuleId;
  defaultSeverity: Severity;
  /** Language families the rule runs on. */
  languages: Family[];
  /** One line: what the rule finds (CLI help, SARIF shortDescription, README table). */
  description: string;
  docs: {
    /** docs/rules/<id>.md on GitHub. */
    url: string;
    /** A paragraph: why it fails and what to do (SARIF fullDescription). */
    details: string;
  };
  /** messageId -> message text with `{placeholder}`s filled from a report's data. */
  messages: Record<M, string>;
}

export interface RuleContext<M extends string = string> {
  doc: Doc;
  clients: ClientUse[];
  /** A workspace env/config variable's value (nearest file first). */
  lookupEnv(name: string): EnvValue | undefined;
  /** Azure endpoints written in (or resolved for) the document. */
  endpoints: EndpointMention[];
  /** The analysis time (AnalysisContext.now, else the real time): dated facts take their tense from it. */
  now: Date;
  /** The workspace's manifests (AnalysisContext.packages): which version of a package the code gets. */
  packages?: PackageSource;
  report(f: Report<M>): void;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/** Where a finding is: offsets in the document, or a syntax node carrying them. */
export type ReportSpan =
  | { start: number; end: number; node?: undefined }
  | { node: { start: number; end: number } | { startIndex: number; endIndex: number } };

export type Report<M extends string = string> = ReportSpan & {
  messageId: M;
  data?: MessageData;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** The endpoint this finding is about (feeds the access check). */
  endpoint?: string;
  /** A severity other than meta.defaultSeverity for this one report (user overrides still win). */
  severity?: Severity;
};

/** Declares a rule; infers the messageIds from meta.messages so `report` only accepts known ones. */
export function defineRule<M extends string>(rule: Rule<M>): Rule {
  return rule;
}

export const docsUrl = (id: string): string => `${DOCS_BASE}${id}.md`;

function spanOf(r: ReportSpan): [number, number] {
  if (r.node) return 'startIndex' in r.node ? [r.node.startIndex, r.node.endIndex] : [r.node.start, r.node.end];
  return [r.start, r.end];
}

function redactData(data: MessageData): MessageData {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? redactSecrets(v) : v]));
}

/** Makes the Finding objects for one rule (fills file, range, message, docsUrl, severity). */
export function makeReporter(doc: Doc, rule: Rule, sink: Finding[]): (r: Report) => void {
  const { meta } = rule;
  return (r) => {
    // Messages, their data and fix titles quote values from the file: no credential leaves through them.
    const data = redactData(r.data ?? {});
    const [start, end] = spanOf(r);
    const fixes = normalizePreferred(r.fixes ?? []);
    for (const f of fixes) f.title = redactSecrets(f.title);
    sink.push({
      rule: meta.id,
      severity: r.severity ?? meta.defaultSeverity,
      messageId: r.messageId,
      data,
      message: redactSecrets(renderMessage(meta, r.messageId, data)),
      file: doc.fileName,
      range: doc.range(start, end),
      related: (r.related ?? []).map((x) => ({ ...x, message: redactSecrets(x.message) })),
      fixes,
      docsUrl: meta.docs.url,
      endpoint: r.endpoint,
    });
  };
}

/** An edit in the analysed document. */
export function edit(doc: Doc, start: number, end: number, newText: string): TextEdit {
  return { file: doc.fileName, range: doc.range(start, end), newText };
}

/** Edit that replaces a resolved value where it is written (literal here, or the env/config file line). */
export function replaceValueEdit(doc: Doc, value: Resolved | undefined, newValue: string): TextEdit | undefined {
  if (!value || value.partial) return undefined;
  if (value.envValue) return { file: value.envValue.file, range: value.envValue.range, newText: newValue };
  if (value.literal) return edit(doc, value.literal.start, value.literal.end, newValue);
  return undefined;
}

/** Related location for a value set elsewhere (env file, or a constant elsewhere in this file). */
export function relatedFor(doc: Doc, value: Resolved | undefined, argStart: number, what: string): RelatedLocation[] {
  if (!value) return [];
  if (value.envValue) {
    return [{ file: value.envValue.file, range: value.envValue.range, message: `${what} set here (${value.envName})` }];
  }
  if (value.literal && (value.literal.start < argStart - 1 || value.literal.start > argStart + 400)) {
    return [
      { file: doc.fileName, range: doc.range(value.literal.start, value.literal.end), message: `${what} set here` },
    ];
  }
  return [];
}

export function fix(title: string, edits: Array<TextEdit | undefined>, preferred = false): Fix | undefined {
  const real = edits.filter((e): e is TextEdit => !!e);
  if (real.length === 0) return undefined;
  return { title, preferred, edits: real };
}

export function fixes(...list: Array<Fix | undefined>): Fix[] {
  return list.filter((f): f is Fix => !!f);
}

/** Where a client's problem is reported: the endpoint argument, else the class name. */
export function clientAnchor(c: ClientUse): [number, number] {
  if (c.endpointArg) return [c.endpointArg.start, c.endpointArg.end];
  return [c.call.calleeStart, c.call.calleeEnd];
}

/** Quote a value as a string literal in the document's language. */
export function quote(doc: Doc, value: string): string {
  if (doc.family === 'python' || doc.family === 'js') {
    // Follow the file's dominant quote style.
    const single = (doc.text.match(/'/g)?.length ?? 0) > (doc.text.match(/"/g)?.length ?? 0);
    if (single && doc.family === 'js') return `'${value}'`;
  }
  return `"${value}"`;
}
