// Turns the workspace findings (per document URI) into what the panel shows: groups by rule with
// counts, and an index from opaque finding keys back to locations. The host only acts on keys it
// published here, so a message from the webview can never name an arbitrary file or range.
// No 'vscode' import: unit-tested in plain Node.
import type { Finding, Range, Severity } from '../core/types';
import type { PanelFinding, PanelFindingGroup } from './protocol';

export interface FindingLocation {
  uri: string;
  range: Range;
  endpoint?: string;
}

export interface FindingsModel {
  groups: PanelFindingGroup[];
  count: number;
  index: Map<string, FindingLocation>;
  /** Docs links of the published groups (the only finding links the host will open). */
  links: Set<string>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function findingKey(uri: string, finding: Pick<Finding, 'rule' | 'range'>): string {
  const { start, end } = finding.range;
  return `${uri}#${finding.rule}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

/**
 * Groups findings by rule (worst severity first, then larger groups first, then rule id), and
 * inside a group by path and position. `toPath` turns a URI string into the path shown.
 */
/** Findings listed per rule; the count still covers all (a huge workspace must not flood the webview). */
export const MAX_LISTED_PER_RULE = 200;

export function buildFindingsModel(
  byUri: ReadonlyMap<string, readonly Finding[]>,
  toPath: (uri: string) => string,
  maxListedPerRule = MAX_LISTED_PER_RULE,
): FindingsModel {
  const groups = new Map<string, PanelFindingGroup>();
  const index = new Map<string, FindingLocation>();
  const links = new Set<string>();
  let count = 0;
  for (const [uri, findings] of byUri) {
    const path = toPath(uri);
    for (const finding of findings) {
      const key = findingKey(uri, finding);
      if (index.has(key)) continue; // the same finding reported twice is shown once
      index.set(key, { uri, range: finding.range, endpoint: finding.endpoint });
      let group = groups.get(finding.rule);
      if (!group) {
        group = { rule: finding.rule, docsUrl: finding.docsUrl, count: 0, severity: finding.severity, findings: [] };
        groups.set(finding.rule, group);
      }
      const shown: PanelFinding = {
        key,
        path,
        range: finding.range,
        severity: finding.severity,
        message: finding.message,
      };
      if (finding.endpoint) shown.endpoint = finding.endpoint;
      group.findings.push(shown);
      group.count++;
      if (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[group.severity]) group.severity = finding.severity;
      if (finding.docsUrl) links.add(finding.docsUrl);
      count++;
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule),
  );
  for (const group of sorted) {
    group.findings.sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character,
    );
    if (group.findings.length > maxListedPerRule) {
      for (const dropped of group.findings.splice(maxListedPerRule)) index.delete(dropped.key);
    }
  }
  return { groups: sorted, count, index, links };
}
