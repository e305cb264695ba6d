import type { MatchRule } from '../../config/mappings/accounts.ts';
import type { Dataset } from './dataset.ts';
import { DEFAULT_MATCH_RULES, indexAccounts, resolve, type RecordKeys } from './match-rules.ts';
import { anonymousId, requesterId, staleRequesterId, type OrgModel } from './people.ts';
import type { ScenarioName } from './scenarios.ts';

/**
 * What the sandbox's APIs will return and where each record belongs: the ids of every ticket the
 * export serves (deleted ones flagged), every conversation and issue, and the account each should
 * match under mappings/accounts.yaml (null: unmatched), with the rule that finds it. Computed from
 * the generator's intent, independently of any connector.
 */
export interface TicketTruth {
  id: number;
  account: string | null;
  rule: string | null;
  deleted: boolean;
}
export interface CallTruth {
  conversationId: string;
  account: string | null;
  rule: string | null;
}
export interface IssueTruth {
  id: string;
  key: string;
  accounts: string[];
  rule: string | null;
}
export interface OrganizationTruth {
  id: number;
  account: string | null;
  rule: string | null;
}

export interface GroundTruth {
  readonly scenarios: Readonly<Record<ScenarioName, string>>;
  ticket(id: number): TicketTruth | undefined;
  /** Every ticket, in id order (deleted ones included and flagged: the export returns them too). */
  tickets(): Generator<TicketTruth>;
  call(index: number): CallTruth | undefined;
  calls(): Generator<CallTruth>;
  issue(index: number): IssueTruth | undefined;
  issues(): Generator<IssueTruth>;
  organizations(): OrganizationTruth[];
}

const orgKeys = (o: OrgModel | undefined): RecordKeys =>
  o
    ? {
        'organization.external_id': o.externalId === null ? [] : [o.externalId],
        'organization.domains': o.domains,
      }
    : {};

export function createGroundTruth(
  ds: Omit<Dataset, 'truth'>,
  rules: readonly MatchRule[] = DEFAULT_MATCH_RULES,
): GroundTruth {
  const idx = indexAccounts(ds.ctx.accounts);
  const idOf = (accounts: number[]): string | null =>
    accounts.length ? ds.ctx.accounts[accounts[0]!]!.id : null;

  function ticket(id: number): TicketTruth | undefined {
    const i = id - 1;
    if (i < 0 || i >= ds.tickets.total()) return undefined;
    const who = ds.ticketWho(i);
    const requester =
      who.kind === 'account'
        ? ds.user(requesterId(who.account, who.requester))
        : who.kind === 'anonymous'
          ? ds.user(anonymousId(who.user))
          : ds.user(staleRequesterId(who.org, who.requester));
    const org = requester?.organizationId ? ds.organization(requester.organizationId) : undefined;
    const domain = requester?.email.split('@')[1]?.toLowerCase();
    const keys: RecordKeys = { ...orgKeys(org), 'ticket.requester_domain': domain ? [domain] : [] };
    const r = resolve('zendesk', keys, idx, rules);
    return { id, account: idOf(r.accounts), rule: r.rule, deleted: ds.ticketDeleted(i) };
  }

  function call(index: number): CallTruth | undefined {
    const c = ds.calls.latest(index);
    if (!c) return undefined;
    const keys: RecordKeys = {
      'call.external_org_id': c.externalOrganizationId ? [c.externalOrganizationId] : [],
      'call.caller_key': [c.customerNumber],
    };
    const r = resolve('genesys', keys, idx, rules);
    return { conversationId: c.conversationId, account: idOf(r.accounts), rule: r.rule };
  }

  const ticketAccounts = (ticketId: string): number[] => {
    const t = ticket(Number(ticketId));
    if (!t || t.deleted || t.account === null) return [];
    const a = idx.byId.get(t.account);
    return a === undefined ? [] : [a];
  };

  function issue(index: number): IssueTruth | undefined {
    const m = ds.issues.latest(index);
    if (!m) return undefined;
    const keys: RecordKeys = {
      'issue.account_refs': m.accountRefs,
      'issue.ticket_refs': m.ticketRefs.map(String),
    };
    const r = resolve('jira', keys, idx, rules, ticketAccounts);
    return { id: m.id, key: m.key, accounts: r.accounts.map((a) => ds.ctx.accounts[a]!.id), rule: r.rule };
  }

  return {
    scenarios: ds.scenarios,
    ticket,
    *tickets() {
      for (let id = 1; id <= ds.tickets.total(); id++) yield ticket(id)!;
    },
    call,
    *calls() {
      for (let i = 0; i < ds.calls.total(); i++) yield call(i)!;
    },
    issue,
    *issues() {
      for (let i = 0; i < ds.issues.total(); i++) yield issue(i)!;
    },
    organizations: () =>
      ds.organizations().map((o) => {
        const r = resolve('zendesk', orgKeys(o), idx, rules);
        return { id: o.id, account: idOf(r.accounts), rule: r.rule };
      }),
  };
}
