// The rule contract and the helpers every rule uses to report a finding with a precise range,
// related locations (env/config lines) and fixes as plain text edits.
import type { EndpointMention, Finding, Fix, RelatedLocation, RuleId, Severity, TextEdit } from '../types';
import type { Family } from '../languages';
import type { Doc } from '../scan/document';
import type { ValueResolver, Resolved } from '../scan/values';
import type { ClientUse } from '../scan/clients';
import { redactSecrets } from '../redact';

export const DOCS_BASE = 'https://github.com/azure-ai-auth-doctor/azure-ai-auth-doctor/blob/main/docs/rules/';

export interface RuleContext {
  doc: Doc;
  resolver: ValueResolver;
  clients: ClientUse[];
  /** Azure endpoints written in (or resolved for) the document. */
  endpoints: EndpointMention[];
  report(f: Report): void;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** Language families the rule runs on. */
  languages: Family[];
  check(ctx: RuleContext): void;
}

export interface Report {
  message: string;
  start: number;
  end: number;
  related?: RelatedLocation[];
  fixes?: Fix[];
  endpoint?: string;
  severity?: Severity;
}

/** Makes the Finding objects for one rule (fills file, range, docsUrl, severity). */
export function makeReporter(doc: Doc, rule: Rule, sink: Finding[]): (r: Report) => void {
  return (r) => {
    const fixes = r.fixes ?? [];
    if (fixes.length > 0 && !fixes.some((f) => f.preferred)) fixes[0].preferred = true;
    let seenPreferred = false;
    for (const f of fixes) {
      if (f.preferred && seenPreferred) f.preferred = false;
      if (f.preferred) seenPreferred = true;
    }
    // Messages and titles quote values from the file: no credential leaves through them.
    for (const f of fixes) f.title = redactSecrets(f.title);
    sink.push({
      rule: rule.id,
      severity: r.severity ?? rule.defaultSeverity,
      message: redactSecrets(r.message.replace(/ ?\[(?:[A-Z]{1,3}\d{1,2}[a-z]?)\]/g, '')),
      file: doc.fileName,
      range: doc.range(r.start, r.end),
      related: (r.related ?? []).map((x) => ({ ...x, message: redactSecrets(x.message) })),
      fixes,
      docsUrl: `${DOCS_BASE}${rule.id}.md`,
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
