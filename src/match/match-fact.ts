import type { MatchRule } from '../config/mappings/accounts.ts';
import type { CallFact, IssueFact, OrganizationFact, TicketFact } from '../facts/schemas.ts';
import { type AccountIndex, resolveAccountId } from './account-index.ts';
import { compareSqliteText } from './merge-join.ts';
import { normalizeDomain } from '../facts/normalize.ts';

/**
 * The fields the rules read, beyond `kind` and `id`: a relink loads only these from the store
 * (organizations whole: they are few, and the account index holds them anyway).
 */
export const MATCH_FIELDS = {
  organization: ['name', 'externalId', 'domains', 'updatedAt'],
  ticket: ['organizationId', 'requesterDomain'],
  call: ['externalOrgId', 'callerKey'],
  issue: ['accountRefs', 'ticketRefs'],
} as const;

type Keys<F, K extends Exclude<keyof typeof MATCH_FIELDS, 'organization'>> = Pick<
  F,
  Extract<'kind' | 'id' | (typeof MATCH_FIELDS)[K][number], keyof F>
>;

/** A fact that can belong to an account (accounts themselves are what facts match to), as matching reads it. */
export type MatchableFact =
  OrganizationFact | Keys<TicketFact, 'ticket'> | Keys<CallFact, 'call'> | Keys<IssueFact, 'issue'>;
export type MatchableKind = MatchableFact['kind'];

/** The kinds of fact matched to accounts, in the order a relink goes through them. */
export const MATCH_KINDS: readonly MatchableKind[] = ['organization', 'ticket', 'call', 'issue'];

export type MatchResult =
  | { accountIds: string[]; rule: string }
  /**
   * `tried`: the rules that had a key to look up (an external_id, a domain...) and found no account,
   * in order; `ambiguous`: those of them that found several accounts by a shared domain or phone.
   */
  | { unmatched: true; tried: string[]; ambiguous: string[] };

/** The accounts a Zendesk ticket is linked to (for Jira issues that reference tickets). */
export type TicketAccounts = (ticketId: string) => readonly string[];

type RuleOutcome = { ids: string[] } | { ambiguous: true } | null;

/** The organization whose keys a rule on `organization.*` reads: the fact itself, or a ticket's organization. */
function organizationOf(fact: MatchableFact, index: AccountIndex): OrganizationFact | undefined {
  if (fact.kind === 'organization') return fact;
  if (fact.kind === 'ticket' && fact.organizationId !== null)
    return index.organizations.get(fact.organizationId);
  return undefined;
}

function byExplicitIds(index: AccountIndex, refs: readonly (string | null)[]): RuleOutcome {
  const ids = new Set<string>();
  let anyRef = false;
  for (const ref of refs) {
    if (!ref) continue;
    anyRef = true;
    const id = resolveAccountId(index, ref);
    if (id) ids.add(id);
  }
  return anyRef ? { ids: [...ids] } : null;
}

/** A shared key (domain, phone) must name exactly one account; two accounts on one website is no answer. */
function byUniqueKey(map: ReadonlyMap<string, readonly string[]>, keys: (string | null)[]): RuleOutcome {
  const ids = new Set<string>();
  let anyKey = false;
  for (const key of keys) {
    if (!key) continue;
    anyKey = true;
    for (const id of map.get(key) ?? []) ids.add(id);
  }
  if (!anyKey) return null;
  return ids.size > 1 ? { ambiguous: true } : { ids: [...ids] };
}

const ignoredByRule = new WeakMap<MatchRule, ReadonlySet<string>>();
function ignoredDomains(rule: MatchRule): ReadonlySet<string> {
  let set = ignoredByRule.get(rule);
  if (!set) {
    set = new Set(rule.ignore_domains.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase()));
    ignoredByRule.set(rule, set);
  }
  return set;
}

/** Normalized domains without the rule's ignored ones (free-mail and shared domains). */
function domainsFor(rule: MatchRule, normalized: readonly (string | null)[]): (string | null)[] {
  const ignored = ignoredDomains(rule);
  return ignored.size === 0 ? [...normalized] : normalized.filter((d) => d !== null && !ignored.has(d));
}

/** What one rule says about one fact: null when the rule does not apply (no key of that kind). */
function applyRule(
  rule: MatchRule,
  fact: MatchableFact,
  index: AccountIndex,
  ticketAccounts: TicketAccounts | undefined,
): RuleOutcome {
  switch (rule.from) {
    case 'organization.external_id': {
      const org = organizationOf(fact, index);
      return org ? byExplicitIds(index, [org.externalId]) : null;
    }
    case 'organization.domains': {
      const org = organizationOf(fact, index);
      return org ? byUniqueKey(index.byDomain, domainsFor(rule, index.organizationDomains(org))) : null;
    }
    case 'ticket.requester_domain':
      return fact.kind === 'ticket'
        ? byUniqueKey(index.byDomain, domainsFor(rule, [normalizeDomain(fact.requesterDomain)]))
        : null;
    case 'issue.account_refs':
      return fact.kind === 'issue' ? byExplicitIds(index, fact.accountRefs) : null;
    case 'issue.ticket_refs': {
      if (fact.kind !== 'issue' || fact.ticketRefs.length === 0 || !ticketAccounts) return null;
      const ids = new Set<string>();
      for (const ticketId of fact.ticketRefs)
        for (const id of ticketAccounts(ticketId)) if (index.accounts.has(id)) ids.add(id);
      return { ids: [...ids] };
    }
    case 'call.external_org_id':
      return fact.kind === 'call' ? byExplicitIds(index, [fact.externalOrgId]) : null;
    case 'call.caller_key':
      return fact.kind === 'call' ? byUniqueKey(index.byPhoneKey, [fact.callerKey]) : null;
    default:
      return null;
  }
}

/**
 * Resolves one fact to its accounts by the ordered rules of accounts.yaml: the first rule that finds
 * an existing account wins. Explicit references (account ids, linked tickets) may name several
 * accounts; a domain or phone shared by several accounts matches none and the next rule is tried.
 * Tickets inherit their organization's match through the `organization.*` rules.
 */
export function matchFact(
  fact: MatchableFact,
  index: AccountIndex,
  rules: readonly MatchRule[],
  ticketAccounts?: TicketAccounts,
): MatchResult {
  const tried: string[] = [];
  const ambiguous: string[] = [];
  for (const rule of rules) {
    const outcome = applyRule(rule, fact, index, ticketAccounts);
    if (outcome === null) continue;
    if ('ids' in outcome && outcome.ids.length > 0)
      return { accountIds: outcome.ids.sort(compareSqliteText), rule: rule.name };
    tried.push(rule.name);
    if ('ambiguous' in outcome) ambiguous.push(rule.name);
  }
  return { unmatched: true, tried, ambiguous };
}
