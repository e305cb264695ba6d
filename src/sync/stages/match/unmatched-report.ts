import { MATCHED_SOURCES, SOURCE_OF_KIND, type AccountsMapping } from '../../../config/mappings/accounts.ts';
import type { Store } from '../../../store/store.ts';
import { buildAccountIndex } from '../../../match/account-index.ts';
import type { MatchableKind } from '../../../match/match-fact.ts';
import { normalizeDomain } from '../../../facts/normalize.ts';
import type { EntityMatchStats } from '../../../match/stats.ts';
import { unlinkedFacts } from './unlinked.ts';

export type MatchedSource = EntityMatchStats['source'];

/**
 * What is unlinked now, and the keys behind it that ops can act on (give an organization its
 * external_id, an Account its website...), most facts first. Emails and phone numbers are stored only
 * as keyed hashes: email domains are shown, caller numbers only as a count of distinct hashes.
 */
export interface UnmatchedReport {
  /** Every unlinked fact, by source and the first rule that found nothing (`none`: no rule had a key). */
  unlinked: Partial<Record<MatchedSource, Record<string, number>>>;
  zendesk?: {
    /** Organizations without an account, with their unlinked tickets. */
    organizations: { id: string; name: string | null; externalId: string | null; tickets: number }[];
    /** Unlinked tickets without an organization, by their requester's email domain. */
    emailDomains: { domain: string; tickets: number }[];
    /** Unlinked tickets with neither an organization nor a requester domain. */
    ticketsWithoutKey: number;
  };
  jira?: {
    /** Account references (the custom field's values) that name no account, with their issues. */
    accountRefs: { ref: string; issues: number }[];
    /** Unlinked issues, by key. */
    issues: { key: string; firstRule: string }[];
  };
  genesys?: {
    /** External organization ids that name no account, with their calls. */
    externalOrgIds: { id: string; calls: number }[];
    /** Unlinked calls with a caller number: how many distinct (hashed) numbers they come from. */
    distinctCallers: number;
    callsWithCaller: number;
    /** Unlinked calls with neither an external organization id nor a caller number. */
    callsWithoutKey: number;
  };
}

const KINDS_OF: Record<MatchedSource, MatchableKind[]> = {
  zendesk: ['organization', 'ticket'],
  jira: ['issue'],
  genesys: ['call'],
};

const bump = (m: Map<string, number>, key: string): void => void m.set(key, (m.get(key) ?? 0) + 1);

/** Most facts first, then by key, cut at `limit`. */
function top<T>(m: Map<string, number>, limit: number, row: (key: string, n: number) => T): T[] {
  return [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([k, n]) => row(k, n));
}

export async function unmatchedReport(
  store: Pick<Store, 'accounts' | 'facts' | 'links'>,
  rules: AccountsMapping['rules'],
  options: { sources?: readonly MatchedSource[]; limit: number },
): Promise<UnmatchedReport> {
  const sources = options.sources?.length ? options.sources : MATCHED_SOURCES;
  const index = buildAccountIndex({
    accounts: await store.accounts.list(),
    organizations: await Array.fromAsync(store.facts.iterate('organization')),
  });
  const report: UnmatchedReport = { unlinked: {} };
  for (const s of sources) report.unlinked[s] = {};

  const orgTickets = new Map<string, number>();
  const domains = new Map<string, number>();
  let ticketsWithoutKey = 0;
  const refs = new Map<string, number>();
  const issues: { key: string; firstRule: string }[] = [];
  const externalOrgIds = new Map<string, number>();
  const callers = new Set<string>();
  let callsWithCaller = 0;
  let callsWithoutKey = 0;

  const unlinked = unlinkedFacts(
    store,
    index,
    rules,
    sources.flatMap((s) => KINDS_OF[s]),
  );
  for await (const chunk of unlinked.chunks) {
    for (const { fact, firstRule } of chunk) {
      const bySource = report.unlinked[SOURCE_OF_KIND[fact.kind]]!;
      bySource[firstRule] = (bySource[firstRule] ?? 0) + 1;
      switch (fact.kind) {
        case 'organization':
          if (!orgTickets.has(fact.id)) orgTickets.set(fact.id, 0);
          break;
        case 'ticket': {
          const domain = normalizeDomain(fact.requesterDomain);
          if (fact.organizationId !== null) bump(orgTickets, fact.organizationId);
          else if (domain !== null) bump(domains, domain);
          else ticketsWithoutKey++;
          break;
        }
        case 'issue':
          for (const ref of new Set(fact.accountRefs)) bump(refs, ref);
          issues.push({ key: (fact as { key?: string }).key ?? fact.id, firstRule });
          break;
        case 'call':
          if (fact.externalOrgId !== null) bump(externalOrgIds, fact.externalOrgId);
          else if (fact.callerKey !== null) {
            callers.add(fact.callerKey);
            callsWithCaller++;
          } else callsWithoutKey++;
          break;
      }
    }
  }

  const { limit } = options;
  if (sources.includes('zendesk'))
    report.zendesk = {
      organizations: top(orgTickets, limit, (id, tickets) => {
        const org = index.organizations.get(id);
        return { id, name: org?.name ?? null, externalId: org?.externalId ?? null, tickets };
      }),
      emailDomains: top(domains, limit, (domain, tickets) => ({ domain, tickets })),
      ticketsWithoutKey,
    };
  if (sources.includes('jira'))
    report.jira = {
      accountRefs: top(refs, limit, (ref, n) => ({ ref, issues: n })),
      issues: issues.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })).slice(0, limit),
    };
  if (sources.includes('genesys'))
    report.genesys = {
      externalOrgIds: top(externalOrgIds, limit, (id, calls) => ({ id, calls })),
      distinctCallers: callers.size,
      callsWithCaller,
      callsWithoutKey,
    };
  return report;
}
