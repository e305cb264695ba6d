import type { UnmatchedReport } from '../sync/stages/match/unmatched-report.ts';

const n = (v: number): string => v.toLocaleString('en-US');

/** `source/rule count, …` (the rule is the first one that had a key and found no account). */
export function unlinkedLine(unlinked: Record<string, Record<string, number>>): string {
  const parts = Object.entries(unlinked).flatMap(([source, rules]) =>
    Object.entries(rules)
      .filter(([, count]) => count > 0)
      .map(([rule, count]) => `${source}/${rule} ${n(count)}`),
  );
  return parts.length ? parts.join(', ') : 'none';
}

/** The report as an operator reads it: totals, then per source the keys that hold the most facts. */
export function formatUnmatched(r: UnmatchedReport): string {
  const lines = [`unlinked now (source/first rule that found nothing): ${unlinkedLine(r.unlinked)}`];
  if (r.zendesk) {
    const z = r.zendesk;
    lines.push('', 'zendesk: organizations without an account (unlinked tickets)');
    for (const o of z.organizations)
      lines.push(
        `  ${o.id.padEnd(14)} ${n(o.tickets).padStart(7)}  ${o.name ?? '(no name)'}${o.externalId ? ` (external_id ${o.externalId})` : ' (no external_id)'}`,
      );
    if (!z.organizations.length) lines.push('  none');
    lines.push('zendesk: tickets without an organization, by requester email domain');
    for (const d of z.emailDomains) lines.push(`  ${d.domain.padEnd(30)} ${n(d.tickets).padStart(7)}`);
    if (!z.emailDomains.length) lines.push('  none');
    if (z.ticketsWithoutKey) lines.push(`  (${n(z.ticketsWithoutKey)} with neither organization nor domain)`);
  }
  if (r.jira) {
    lines.push('', 'jira: account references that name no account (issues)');
    for (const a of r.jira.accountRefs) lines.push(`  ${a.ref.padEnd(30)} ${n(a.issues).padStart(7)}`);
    if (!r.jira.accountRefs.length) lines.push('  none');
    lines.push(
      `jira: unlinked issues: ${r.jira.issues.length ? r.jira.issues.map((i) => i.key).join(', ') : 'none'}`,
    );
  }
  if (r.genesys) {
    const g = r.genesys;
    lines.push('', 'genesys: external organization ids that name no account (calls)');
    for (const e of g.externalOrgIds) lines.push(`  ${e.id.padEnd(30)} ${n(e.calls).padStart(7)}`);
    if (!g.externalOrgIds.length) lines.push('  none');
    lines.push(
      `genesys: ${n(g.callsWithCaller)} unlinked calls from ${n(g.distinctCallers)} distinct caller numbers (stored hashed, not shown)` +
        (g.callsWithoutKey ? `; ${n(g.callsWithoutKey)} with no caller number` : ''),
    );
  }
  return lines.join('\n');
}
