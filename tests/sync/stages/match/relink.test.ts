import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fact, FactRef } from '../../../../src/facts/schemas.ts';
import { relinkAccounts } from '../../../../src/sync/stages/match/relink.ts';
import { unmatchedBySourceAndRule } from '../../../../src/match/stats.ts';
import { type SqliteStore, openSqliteStore } from '../../../../src/store/open-sqlite.ts';
import { account, accountsMapping, call, issue, org, sfId, ticket } from '../../../match/fixtures.ts';

const mappings = { accounts: accountsMapping() };
const A = sfId(1);
const B = sfId(2);
let store: SqliteStore;

const write = (upserts: Fact[], deletes: FactRef[] = []): Promise<void> =>
  store.facts.commitPage('test', { upserts, deletes }, { value: null, fingerprint: 'f' });
const accountsOf = async (
  entity: 'ticket' | 'organization' | 'call' | 'issue',
  id: string,
): Promise<string[]> => (await store.links.forEntity(entity, id)).map((l) => l.accountId);

beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

describe('relinkAccounts', () => {
  it('links every kind of fact, counts unmatched facts per source and rule, and drops none', async () => {
    await write([
      account(A, { domain: 'acme.com', phoneKey: 'k-a' }),
      org('o1', { externalId: A }),
      ticket('t1', { organizationId: 'o1' }),
      ticket('t2', { requesterDomain: 'acme.com' }),
      ticket('t3', { requesterDomain: 'gmail.com' }),
      call('c1', { callerKey: 'k-a' }),
      call('c2', { callerKey: 'k-unknown' }),
      issue('i1', { ticketRefs: ['t1'] }),
      issue('i2'),
    ]);
    const stats = await relinkAccounts(store, mappings);
    expect(stats.mode).toBe('full');
    expect(stats.entities.ticket).toEqual({
      source: 'zendesk',
      total: 3,
      matched: 2,
      unmatched: 1,
      byRule: { 'zendesk-org-external-id': 1, 'zendesk-requester-domain': 1 },
      unmatchedByRule: { none: 1 },
      ambiguous: {},
    });
    expect(stats.entities.call).toMatchObject({ source: 'genesys', matched: 1, unmatched: 1 });
    expect(stats.entities.issue).toMatchObject({
      source: 'jira',
      matched: 1,
      unmatched: 1,
      byRule: { 'jira-linked-ticket': 1 },
    });
    expect(await accountsOf('issue', 'i1')).toEqual([A]);
    expect(await store.links.unmatched('ticket')).toBe(1);
    expect((await store.facts.counts()).ticket).toBe(3);
    expect(unmatchedBySourceAndRule(stats)).toEqual({
      zendesk: { none: 1 },
      genesys: { 'genesys-caller-phone': 1 },
      jira: { none: 1 },
    });
  });

  it('writes only differences: a second relink changes nothing', async () => {
    await write([account(A, { domain: 'acme.com' }), ticket('t1', { requesterDomain: 'acme.com' })]);
    expect((await relinkAccounts(store, mappings)).changed).toBe(1);
    expect((await relinkAccounts(store, mappings)).changed).toBe(0);
  });

  it("re-mapping an organization's external_id re-attributes its tickets", async () => {
    await write([account(A), account(B), org('o1', { externalId: A })]);
    await write(Array.from({ length: 25 }, (_, i) => ticket(`t${i}`, { organizationId: 'o1' })));
    await relinkAccounts(store, mappings, { batchSize: 7 });
    expect(await accountsOf('ticket', 't3')).toEqual([A]);

    await write([org('o1', { externalId: B.toLowerCase() })]);
    const stats = await relinkAccounts(store, mappings, { onlyChanged: true, batchSize: 7 });
    expect(stats.mode).toBe('incremental'); // only the organization's tickets
    expect(stats.changed).toBe(26);
    for (let i = 0; i < 25; i++) expect(await accountsOf('ticket', `t${i}`)).toEqual([B]);
  });

  it('a newly synced account picks up facts that matched nothing before', async () => {
    await write([ticket('t1', { requesterDomain: 'acme.com' }), call('c1', { externalOrgId: A })]);
    expect((await relinkAccounts(store, mappings)).entities.ticket.unmatched).toBe(1);
    await write([account(A, { domain: 'https://acme.com' })]);
    await relinkAccounts(store, mappings, { onlyChanged: true });
    expect(await accountsOf('ticket', 't1')).toEqual([A]);
    expect(await accountsOf('call', 'c1')).toEqual([A]);
  });

  it('a deleted account loses its links, and its facts fall to the next rule', async () => {
    await write([
      account(A),
      account(B, { domain: 'acme.com' }),
      org('o1', { externalId: A, domains: ['acme.com'] }),
      ticket('t1', { organizationId: 'o1' }),
      issue('i1', { accountRefs: [A] }),
    ]);
    await relinkAccounts(store, mappings);
    expect(await accountsOf('ticket', 't1')).toEqual([A]);
    await write([], [{ kind: 'account', id: A }]);
    const stats = await relinkAccounts(store, mappings, { onlyChanged: true });
    expect(await store.links.forEntity('ticket', 't1')).toEqual([
      { entity: 'ticket', entityId: 't1', accountId: B, rule: 'zendesk-org-domain' },
    ]);
    expect(await accountsOf('issue', 'i1')).toEqual([]);
    expect(stats.entities.issue.unmatched).toBe(1);
  });

  it('incremental and skipped relinks report every fact unlinked now, not only the facts they matched', async () => {
    await write([
      account(A, { domain: 'acme.com' }),
      ticket('t1', { requesterDomain: 'unknown.io' }),
      ticket('t2'),
      call('c1', { externalOrgId: 'EXT-1' }),
    ]);
    const full = unmatchedBySourceAndRule(await relinkAccounts(store, mappings));
    expect(full).toEqual({
      zendesk: { 'zendesk-requester-domain': 1, none: 1 },
      genesys: { 'genesys-external-org': 1 },
      jira: {},
    });

    const skipped = await relinkAccounts(store, mappings, { onlyChanged: true });
    expect(skipped.mode).toBe('skipped');
    expect(unmatchedBySourceAndRule(skipped)).toEqual(full);

    await write([
      ticket('t3', { requesterDomain: 'acme.com' }),
      ticket('t4', { requesterDomain: 'other.com' }),
    ]);
    const incremental = await relinkAccounts(store, mappings, { onlyChanged: true });
    expect([incremental.mode, incremental.evaluated]).toEqual(['incremental', 2]);
    expect(unmatchedBySourceAndRule(incremental)).toEqual({
      ...full,
      zendesk: { 'zendesk-requester-domain': 2, none: 1 },
    });
    expect(incremental.entities.ticket).toMatchObject({ total: 4, matched: 1, unmatched: 3 });
  });

  it('removes links left for facts that are gone', async () => {
    await write([account(A), org('o1', { externalId: A })]);
    await store.links.replace(
      [],
      [{ entity: 'ticket', entityId: 'ghost', accountId: A, rule: 'zendesk-org-external-id' }],
    );
    const stats = await relinkAccounts(store, mappings);
    expect(stats.orphans).toBe(1);
    expect(await store.links.forEntity('ticket', 'ghost')).toEqual([]);
  });

  describe('onlyChanged', () => {
    beforeEach(async () => {
      await write([account(A, { domain: 'acme.com' }), account(B, { domain: 'globex.com' })]);
      await write([org('o1', { externalId: A }), org('o2', { externalId: B })]);
      await write(Array.from({ length: 10 }, (_, i) => ticket(`t${i}`, { organizationId: 'o1' })));
      await write([issue('i1', { ticketRefs: ['t1'] })]);
      await relinkAccounts(store, mappings);
    });

    it('skips when nothing that can change a match changed', async () => {
      await write([ticket('t1', { organizationId: 'o1', status: 'solved' })]); // not a match key
      const stats = await relinkAccounts(store, mappings, { onlyChanged: true });
      expect(stats.mode).toBe('skipped');
      expect(stats.entities.ticket).toMatchObject({
        total: 10,
        matched: 10,
        byRule: { 'zendesk-org-external-id': 10 },
      });
    });

    it('a skipped relink reuses the last counts, and counts the links again once a fact is gone', async () => {
      const countsByRule = vi.spyOn(store.links, 'countsByRule');
      const skipped = await relinkAccounts(store, mappings, { onlyChanged: true });
      expect([skipped.mode, countsByRule.mock.calls.length]).toEqual(['skipped', 0]);
      expect(skipped.entities.ticket).toMatchObject({ total: 10, matched: 10 });
      await write([], [{ kind: 'ticket', id: 't9' }]);
      const after = await relinkAccounts(store, mappings, { onlyChanged: true });
      expect(after.entities.ticket).toMatchObject({ total: 9, matched: 9 });
      expect(countsByRule).toHaveBeenCalled();
    });

    it('relinks only the queued facts, and the issues that reference a changed ticket', async () => {
      await write([
        ticket('t1', { organizationId: 'o2' }),
        ticket('t-new', { requesterDomain: 'globex.com' }),
      ]);
      const stats = await relinkAccounts(store, mappings, { onlyChanged: true });
      expect(stats.mode).toBe('incremental');
      expect(stats.changed).toBe(3);
      expect(await accountsOf('ticket', 't1')).toEqual([B]);
      expect(await accountsOf('ticket', 't-new')).toEqual([B]);
      expect(await accountsOf('issue', 'i1')).toEqual([B]);
      expect(stats.entities.ticket).toMatchObject({ total: 11, matched: 11 });
      expect((await relinkAccounts(store, mappings, { onlyChanged: true })).mode).toBe('skipped');
    });

    it('relinks only the tickets of organizations whose keys changed, deleted ones included', async () => {
      await write(Array.from({ length: 5 }, (_, i) => ticket(`u${i}`, { organizationId: 'o2' })));
      await write([ticket('v1', { organizationId: 'o3' })]); // an organization not synced (yet)
      expect((await relinkAccounts(store, mappings, { onlyChanged: true })).mode).toBe('incremental');
      expect(await accountsOf('ticket', 'u0')).toEqual([B]);
      await write([org('o1', { externalId: B })]);
      await write([], [{ kind: 'organization', id: 'o2' }]);
      const stats = await relinkAccounts(store, mappings, { onlyChanged: true });
      expect(stats.mode).toBe('incremental');
      // o1 and its 10 tickets, o2's 5 (o2 is gone), and the issue that references t1: not v1.
      expect(stats.evaluated).toBe(17);
      expect(await accountsOf('ticket', 't0')).toEqual([B]);
      expect(await accountsOf('issue', 'i1')).toEqual([B]);
      expect(await accountsOf('ticket', 'u0')).toEqual([]);
      expect(await accountsOf('organization', 'o2')).toEqual([]);
      expect(stats.entities.ticket).toMatchObject({ total: 16, matched: 10 });

      await write([org('o3', { externalId: A })]);
      const added = await relinkAccounts(store, mappings, { onlyChanged: true });
      // o3, v1, and the issues again (a ticket's links changed).
      expect([added.mode, added.evaluated, await accountsOf('ticket', 'v1')]).toEqual([
        'incremental',
        3,
        [A],
      ]);
      // What a full relink makes of the same facts: nothing left to change.
      expect((await relinkAccounts(store, mappings)).changed).toBe(0);
    });

    it('does a full pass when the accounts changed', async () => {
      await write([account(sfId(3))]);
      expect((await relinkAccounts(store, mappings, { onlyChanged: true })).mode).toBe('full');
    });

    it('does a full pass when the rules changed', async () => {
      const reordered = { accounts: { ...mappings.accounts, rules: [...mappings.accounts.rules].reverse() } };
      expect((await relinkAccounts(store, reordered, { onlyChanged: true })).mode).toBe('full');
    });
  });
});
