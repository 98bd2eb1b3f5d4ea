// One defect, one finding. A bad value in an env/config file is reported on the code that builds the
// client (with the config line as related information, and the fix editing that line); the rule may
// also flag the config line itself, for a config file no code consumes. When both are in one
// workspace scan (CLI, editor workspace scan), the config-file finding is the duplicate and goes.
import { isEnvConfigFile } from './env';
import type { Finding, Range } from './types';

const sameLine = (a: Range, b: Range) => a.start.line <= b.end.line && b.start.line <= a.end.line;

/** Where a finding points at another file: its related locations and the edits of its fixes. */
function pointers(f: Finding): Array<{ file: string; range: Range }> {
  return [...f.related, ...f.fixes.flatMap((x) => x.edits)].filter((p) => p.file !== f.file);
}

/** The config-file findings that a finding of the same rule elsewhere already reports (by pointing at their line). */
export function consumedConfigFindings(findings: readonly Finding[]): Set<Finding> {
  const configFindings = findings.filter((f) => isEnvConfigFile(f.file));
  const consumed = new Set<Finding>();
  if (configFindings.length === 0) return consumed;
  const byTarget = new Map<string, Array<{ rule: string; range: Range }>>();
  for (const f of findings)
    for (const p of pointers(f)) {
      const list = byTarget.get(p.file) ?? [];
      list.push({ rule: f.rule, range: p.range });
      byTarget.set(p.file, list);
    }
  for (const f of configFindings)
    if (byTarget.get(f.file)?.some((p) => p.rule === f.rule && sameLine(p.range, f.range))) consumed.add(f);
  return consumed;
}

/** A workspace's findings without the config-file duplicates of code findings. */
export function dedupeWorkspaceFindings(findings: readonly Finding[]): Finding[] {
  const consumed = consumedConfigFindings(findings);
  return consumed.size === 0 ? [...findings] : findings.filter((f) => !consumed.has(f));
}
