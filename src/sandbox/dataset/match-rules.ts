import type { MatchRule } from '../../config/mappings/accounts.ts';
import type { AccountModel } from './accounts.ts';
import { to15 } from './sf-ids.ts';

/**
 * The ground-truth side of matching: which account each record should land on under the rules of
 * mappings/accounts.yaml (first rule that finds an account wins), computed from what the generator
 * knows rather than from what the connectors read. Tests compare the two.
 */
export const DEFAULT_MATCH_RULES: MatchRule[] = [
  {
    name: 'zendesk-org-external-id',
    source: 'zendesk',
    match: 'account_id',
    from: 'organization.external_id',
    ignore_domains: [],
  },
  {
    name: 'jira-account-field',
    source: 'jira',
    match: 'account_id',
    from: 'issue.account_refs',
    ignore_domains: [],
  },
  {
    name: 'jira-linked-ticket',
    source: 'jira',
    match: 'linked_ticket',
    from: 'issue.ticket_refs',
    ignore_domains: [],
  },
  {
    name: 'zendesk-org-domain',
    source: 'zendesk',
    match: 'domain',
    from: 'organization.domains',
    ignore_domains: [],
  },
  {
    name: 'zendesk-requester-domain',
    source: 'zendesk',
    match: 'domain',
    from: 'ticket.requester_domain',
    ignore_domains: [
      'gmail.com',
      'googlemail.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'icloud.com',
      'proton.me',
    ],
  },
  {
    name: 'genesys-external-org',
    source: 'genesys',
    match: 'account_id',
    from: 'call.external_org_id',
    ignore_domains: [],
  },
  {
    name: 'genesys-caller-phone',
    source: 'genesys',
    match: 'phone',
    from: 'call.caller_key',
    ignore_domains: [],
  },
];

export interface AccountIndex {
  byId: Map<string, number>;
  byDomain: Map<string, number>;
  byPhone: Map<string, number>;
}

export function indexAccounts(accounts: readonly AccountModel[]): AccountIndex {
  const idx: AccountIndex = { byId: new Map(), byDomain: new Map(), byPhone: new Map() };
  for (const a of accounts) {
    // Salesforce treats the 15- and 18-character forms as the same record.
    idx.byId.set(a.id, a.index);
    idx.byId.set(to15(a.id), a.index);
    idx.byDomain.set(a.domain, a.index);
    idx.byPhone.set(a.phoneE164, a.index);
  }
  return idx;
}

export interface Resolution {
  accounts: number[];
  rule: string | null;
}

/** The keys a record offers, named as in accounts.yaml's `from`. */
export type RecordKeys = Partial<Record<MatchRule['from'], string[]>>;

/** Applies the rules of one source in order; linked tickets resolve through `ticketAccounts`. */
export function resolve(
  source: MatchRule['source'],
  keys: RecordKeys,
  idx: AccountIndex,
  rules: readonly MatchRule[] = DEFAULT_MATCH_RULES,
  ticketAccounts: (ticketId: string) => number[] = () => [],
): Resolution {
  for (const rule of rules) {
    if (rule.source !== source) continue;
    const values = keys[rule.from] ?? [];
    const found = new Set<number>();
    for (const raw of values) {
      const v = raw.trim();
      if (rule.match === 'account_id') {
        const a = idx.byId.get(v);
        if (a !== undefined) found.add(a);
      } else if (rule.match === 'domain') {
        const d = v.toLowerCase();
        if (rule.ignore_domains.includes(d)) continue;
        const a = idx.byDomain.get(d);
        if (a !== undefined) found.add(a);
      } else if (rule.match === 'phone') {
        const a = idx.byPhone.get(v);
        if (a !== undefined) found.add(a);
      } else {
        for (const a of ticketAccounts(v)) found.add(a);
      }
    }
    if (found.size) return { accounts: [...found].sort((x, y) => x - y), rule: rule.name };
  }
  return { accounts: [], rule: null };
}
