// The Markdown summary of an access report (copied by the user, pasted into an issue or chat).
// Plain text from the report only; the report never holds a token.
import type { AccessReport } from '../core/accessReport';

const ICON: Record<string, string> = {
  passed: '✅',
  failed: '❌',
  warning: '⚠️',
  unknown: '❔',
  skipped: '⏭️',
  pending: '…',
  running: '…',
};
const esc = (s: string) => s.replace(/[|<>`]/g, (c) => `\\${c}`);

export function reportToMarkdown(r: AccessReport): string {
  const lines: string[] = [];
  lines.push(`# Entra ID access check: ${esc(r.endpoint)}`, '');
  lines.push(
    `**Verdict:** ${esc(r.verdict.title)} (${r.verdict.status}${r.verdict.scenario ? `, ${r.verdict.scenario}` : ''})`,
    '',
    esc(r.verdict.explanation),
    '',
  );
  if (r.identity)
    lines.push(
      `**Identity:** ${esc(r.identity.userPrincipalName ?? r.identity.displayName ?? r.identity.appId ?? '')} object id \`${r.identity.objectId ?? '?'}\`, tenant \`${r.identity.tenantId ?? '?'}\`, via ${esc(r.identity.source)}`,
      '',
    );
  if (r.resource)
    lines.push(
      `**Resource:** ${esc(r.resource.name)} (${esc(r.resource.kind)}, ${esc(r.resource.location)}) \`${r.resource.id}\``,
      '',
    );
  if (r.requiredDataAction) lines.push(`**Needs:** \`${r.requiredDataAction}\``, '');
  lines.push('| Step | Status | Summary |', '|---|---|---|');
  for (const s of r.steps) lines.push(`| ${s.title} | ${ICON[s.status] ?? ''} ${s.status} | ${esc(s.summary)} |`);
  lines.push('');
  if (r.assignments.length) {
    lines.push('## Role assignments', '');
    for (const a of r.assignments)
      lines.push(
        `- ${esc(a.roleName)} at \`${a.scope}\`${a.ageMinutes !== undefined ? `, ${a.ageMinutes} min old` : ''}: ${esc(a.note)}`,
      );
    lines.push('');
  }
  if (r.token)
    lines.push(
      '## Token',
      '',
      `- scope \`${r.token.scope}\`, aud \`${r.token.audience ?? '?'}\`, tid \`${r.token.tenantId ?? '?'}\`, oid \`${r.token.objectId ?? '?'}\`, expires ${r.token.expiresOn ?? '?'}${r.token.mismatch ? `\n- ⚠️ ${esc(r.token.mismatch)}` : ''}`,
      '',
    );
  if (r.probe) lines.push('## Probe', '', `- ${esc(r.probe.url)}: ${esc(r.probe.message)}`, '');
  lines.push('## Checklist', '');
  for (const c of r.checklist) lines.push(`${c.step}. ${ICON[c.status] ?? ''} ${esc(c.title)}: ${esc(c.reason)}`);
  lines.push('');
  if (r.fixes.length) {
    lines.push('## Fixes', '');
    for (const f of r.fixes)
      lines.push(
        `- ${esc(f.title)}${f.cliCommand ? `\n  \`\`\`sh\n  ${f.cliCommand}\n  \`\`\`` : ''}${f.url ? ` (${f.url})` : ''}`,
      );
    lines.push('');
  }
  if (r.notes?.length) {
    lines.push('## Also needed', '');
    for (const n of r.notes) lines.push(`- ${esc(n)}`);
    lines.push('');
  }
  if (r.gaps.length) {
    lines.push('## Not checked (partial report)', '');
    for (const g of r.gaps) lines.push(`- ${esc(g)}`);
    lines.push('');
  }
  if (r.stats)
    lines.push(
      `_${r.stats.durationMs} ms, ${r.stats.requests} requests, ${r.stats.subscriptionsSearched} subscriptions, ${r.stats.accountsScanned} accounts scanned._`,
    );
  return lines.join('\n');
}
