import { describe, expect, it } from 'vitest';
import type { MatchRule } from '../../src/config/mappings/accounts.ts';
import { buildAccountIndex } from '../../src/match/account-index.ts';
import { matchFact } from '../../src/match/match-fact.ts';
import { account, accountsMapping, call, issue, org, sfId, ticket } from './fixtures.ts';

const rules = accountsMapping().rules;
const A = sfId(1);
const B = sfId(2);
const C = sfId(3);

const index = buildAccountIndex({
  accounts: [
    account(A, { domain: 'https://www.acme.com/', phoneKey: 'phone-a' }),
    account(B, { domain: 'globex.com', phoneKey: 'phone-shared' }),
    account(C, { domain: 'shared.example', phoneKey: 'phone-shared' }),
    account(sfId(4), { domain: 'shared.example' }),
  ],
  organizations: [
    org('o-ext', { externalId: A, domains: ['globex.com'] }),
    org('o-ext-lower', { externalId: A.toLowerCase() }),
    org('o-ext-15', { externalId: A.slice(0, 15) }),
    org('o-domain', { domains: ['WWW.ACME.COM'] }),
    org('o-gone', { externalId: sfId(99), domains: ['globex.com'] }),
    org('o-shared', { domains: ['shared.example'] }),
  ],
});

describe('matchFact: each rule kind', () => {
  it('account_id from organization.external_id', () => {
    expect(matchFact(org('o-ext', { externalId: A }), index, rules)).toEqual({
      accountIds: [A],
      rule: 'zendesk-org-external-id',
    });
  });

  it('account_id from issue.account_refs, several accounts allowed', () => {
    const result = matchFact(issue('1', { accountRefs: [B, A, 'not-an-account'] }), index, rules);
    expect(result).toEqual({ accountIds: [A, B], rule: 'jira-account-field' });
  });

  it('account_id from call.external_org_id', () => {
    expect(matchFact(call('c1', { externalOrgId: B }), index, rules)).toEqual({
      accountIds: [B],
      rule: 'genesys-external-org',
    });
  });

  it('domain from organization.domains, against the normalized Website', () => {
    expect(matchFact(index.organizations.get('o-domain')!, index, rules)).toEqual({
      accountIds: [A],
      rule: 'zendesk-org-domain',
    });
  });

  it('domain from ticket.requester_domain', () => {
    expect(matchFact(ticket('t1', { requesterDomain: 'Globex.com' }), index, rules)).toEqual({
      accountIds: [B],
      rule: 'zendesk-requester-domain',
    });
  });

  it('phone from call.caller_key', () => {
    expect(matchFact(call('c2', { callerKey: 'phone-a' }), index, rules)).toEqual({
      accountIds: [A],
      rule: 'genesys-caller-phone',
    });
  });

  it('linked_ticket from issue.ticket_refs, through the accounts of those tickets', () => {
    const ticketAccounts = (id: string): string[] => ({ '100': [B], '101': [C, B] })[id] ?? [];
    expect(
      matchFact(issue('2', { ticketRefs: ['100', '101', '102'] }), index, rules, ticketAccounts),
    ).toEqual({
      accountIds: [B, C],
      rule: 'jira-linked-ticket',
    });
  });
});

describe('matchFact: order and edge cases', () => {
  it('the first rule that finds an account wins', () => {
    // external_id says A, the organization's domain says B: the external_id rule comes first.
    expect(matchFact(index.organizations.get('o-ext')!, index, rules)).toMatchObject({
      accountIds: [A],
      rule: 'zendesk-org-external-id',
    });
    const reversed: MatchRule[] = [rules.find((r) => r.name === 'zendesk-org-domain')!, ...rules];
    expect(matchFact(index.organizations.get('o-ext')!, index, reversed)).toMatchObject({
      accountIds: [B],
      rule: 'zendesk-org-domain',
    });
  });

  it('an issue with account refs does not fall through to its linked tickets', () => {
    const result = matchFact(issue('3', { accountRefs: [C], ticketRefs: ['100'] }), index, rules, () => [B]);
    expect(result).toEqual({ accountIds: [C], rule: 'jira-account-field' });
  });

  it('tickets inherit their organization match', () => {
    expect(
      matchFact(ticket('t2', { organizationId: 'o-ext', requesterDomain: 'globex.com' }), index, rules),
    ).toEqual({
      accountIds: [A],
      rule: 'zendesk-org-external-id',
    });
  });

  it('external_id is case-insensitive, as Zendesk treats it, and 15-character Ids are expanded', () => {
    expect(matchFact(index.organizations.get('o-ext-lower')!, index, rules)).toMatchObject({
      accountIds: [A],
    });
    expect(matchFact(index.organizations.get('o-ext-15')!, index, rules)).toMatchObject({ accountIds: [A] });
  });

  it('an id of an account that does not exist (or was deleted) matches nothing by that rule', () => {
    // o-gone's external_id names no account: the next rule (its domain) decides.
    expect(matchFact(index.organizations.get('o-gone')!, index, rules)).toEqual({
      accountIds: [B],
      rule: 'zendesk-org-domain',
    });
    expect(matchFact(issue('4', { accountRefs: [sfId(99)] }), index, rules)).toEqual({
      unmatched: true,
      tried: ['jira-account-field'],
      ambiguous: [],
    });
  });

  it('ignore_domains are skipped', () => {
    const withGmail = buildAccountIndex({
      accounts: [account(A, { domain: 'gmail.com' })],
      organizations: [],
    });
    expect(matchFact(ticket('t3', { requesterDomain: 'gmail.com' }), withGmail, rules)).toEqual({
      unmatched: true,
      tried: [],
      ambiguous: [],
    });
    expect(matchFact(ticket('t3', { requesterDomain: 'acme.com' }), withGmail, rules)).toEqual({
      unmatched: true,
      tried: ['zendesk-requester-domain'],
      ambiguous: [],
    });
  });

  it('a domain or phone shared by several accounts matches none, and says so', () => {
    expect(matchFact(index.organizations.get('o-shared')!, index, rules)).toEqual({
      unmatched: true,
      tried: ['zendesk-org-domain'],
      ambiguous: ['zendesk-org-domain'],
    });
    expect(matchFact(call('c3', { callerKey: 'phone-shared' }), index, rules)).toEqual({
      unmatched: true,
      tried: ['genesys-caller-phone'],
      ambiguous: ['genesys-caller-phone'],
    });
  });

  it('a ticket of an unknown organization falls through to its requester domain', () => {
    expect(
      matchFact(ticket('t4', { organizationId: 'o-unknown', requesterDomain: 'acme.com' }), index, rules),
    ).toEqual({
      accountIds: [A],
      rule: 'zendesk-requester-domain',
    });
  });
});
