import { expect, it } from 'vitest';
import type { TicketFact } from '../../../src/facts/schemas.ts';
import { accountFact, callFact, issueFact, ticketFact } from '../../support/facts.ts';
import { describeStoreContract } from './stores.ts';

const ticket = (id: string, over: Partial<TicketFact> = {}): TicketFact =>
  ticketFact(id, {
    organizationId: 'org-1',
    requesterDomain: 'acme.com',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    priority: 'high',
    channel: 'email',
    tags: ['payout_failed', 'vip'],
    categoryFieldValues: ['failed_payout'],
    groupId: 360000000001,
    firstReplyMinutes: 12.5,
    replies: 1,
    reopens: 0,
    slaBreached: false,
    amount: 1234.56,
    ...over,
  });

describeStoreContract('store contract: facts and cursors', (ctx) => {
  const store = () => ctx().store;

  it('lists the tickets of some organizations, and only theirs', async () => {
    const some = Array.from({ length: 1_200 }, (_, i) =>
      ticket(`t${i}`, { organizationId: `org-${i % 600}` }),
    );
    const others = [ticket('x1', { organizationId: 'org-9999' }), ticket('x2', { organizationId: null })];
    await store().facts.commitPage(
      'zendesk.tickets',
      { upserts: [...some, ...others], deletes: [] },
      { value: null, fingerprint: 'f' },
    );
    // Hundreds of organizations, one never synced.
    const orgs = [...Array.from({ length: 600 }, (_, i) => `org-${i}`), 'org-gone'];
    const ids = await store().facts.ticketIdsOfOrganizations(orgs);
    expect(ids.toSorted()).toEqual(some.map((t) => t.id).toSorted());
    expect(await store().facts.ticketIdsOfOrganizations([])).toEqual([]);
  });

  it('writes the facts and the cursor together, and reads every kind back as written', async () => {
    const facts = [
      ticket('1'),
      ticket('2', { tags: ['escalated'], riskFlag: true, slaBreached: null, solvedAt: 1_700_000_200_000 }),
      callFact('c1', { startedAt: 1_700_000_000_000, handleSec: 61.5, abandoned: true, callerKey: 'k' }),
      issueFact('i1', { accountRefs: ['001A'], ticketRefs: ['7', '9'], priority: 'High' }),
      accountFact('001A', { fields: { Tier__c: 'Gold', n: 3 }, systemModstamp: 1_700_000_000_001 }),
      {
        kind: 'organization' as const,
        id: 'o1',
        name: 'Org',
        externalId: '001A',
        domains: ['acme.com'],
        updatedAt: 5,
      },
    ];
    await store().facts.commitPage(
      'zendesk.tickets',
      { upserts: facts, deletes: [] },
      { value: { after: 'c1' }, fingerprint: 'f1' },
    );
    expect(await store().facts.ids('ticket')).toEqual(['1', '2']);
    expect(await store().cursors.get('zendesk.tickets')).toMatchObject({
      value: { after: 'c1' },
      fingerprint: 'f1',
      updatedAt: expect.any(Number) as number,
    });
    for (const f of facts) expect(await store().facts.get({ kind: f.kind, id: f.id })).toEqual(f);
    expect(await store().facts.get({ kind: 'ticket', id: 'missing' })).toBeUndefined();
    expect(await store().facts.counts()).toEqual({
      ticket: 2,
      organization: 1,
      call: 1,
      issue: 1,
      account: 1,
    });
    expect(await store().accounts.get('001A')).toEqual(facts[4]);
    expect(await store().accounts.list()).toEqual([facts[4]]);
    expect(await store().accounts.count()).toBe(1);
  });

  it('leaves both facts and cursor as they were when the page fails half-way', async () => {
    await store().facts.commitPage(
      'zendesk.tickets',
      { upserts: [ticket('1')], deletes: [] },
      { value: { after: 'c1' }, fingerprint: 'f1' },
    );
    // The second fact violates a NOT NULL column after the first was already written in the transaction.
    const bad = { ...ticket('3'), status: null } as unknown as TicketFact;
    await expect(
      store().facts.commitPage(
        'zendesk.tickets',
        { upserts: [ticket('2', { status: 'solved' }), bad], deletes: [{ kind: 'ticket', id: '1' }] },
        { value: { after: 'c2' }, fingerprint: 'f1' },
      ),
    ).rejects.toThrow();
    expect(await store().facts.ids('ticket')).toEqual(['1']);
    expect((await store().cursors.get('zendesk.tickets'))?.value).toEqual({ after: 'c1' });
  });

  it('makes a replayed page harmless (upsert by id) and applies deletions with their links', async () => {
    const page = {
      upserts: [ticket('1'), ticket('2'), ticket('2', { status: 'solved' })],
      deletes: [],
      links: [{ entity: 'ticket' as const, entityId: '1', accountId: '001A', rule: 'r' }],
    };
    await store().facts.commitPage('s', page, { value: 1, fingerprint: 'f' });
    await store().facts.commitPage('s', page, { value: 1, fingerprint: 'f' });
    expect((await store().facts.counts()).ticket).toBe(2);
    expect(await store().facts.get({ kind: 'ticket', id: '2' })).toEqual(ticket('2', { status: 'solved' }));
    expect(await store().links.forEntity('ticket', '1')).toEqual([page.links[0]]);
    await store().facts.commitPage(
      's',
      { upserts: [], deletes: [{ kind: 'ticket', id: '1' }] },
      { value: 2, fingerprint: 'f' },
    );
    expect(await store().facts.ids('ticket')).toEqual(['2']);
    expect(await store().links.forEntity('ticket', '1')).toEqual([]);
  });

  it('lists and resets cursors by stream name, in byte order', async () => {
    for (const stream of ['b', 'a', 'B', 'é'])
      await store().facts.commitPage(
        stream,
        { upserts: [], deletes: [] },
        { value: stream, fingerprint: 'f' },
      );
    expect((await store().cursors.list()).map((c) => c.stream)).toEqual(['B', 'a', 'b', 'é']);
    await store().cursors.reset('a');
    expect(await store().cursors.get('a')).toBeUndefined();
    expect((await store().cursors.list()).map((c) => c.value)).toEqual(['B', 'b', 'é']);
  });

  it('orders ids byte-wise as SQLite does, whatever the server locale', async () => {
    const ids = ['b', 'B', 'a', '_x', '10', '9', 'a-b', 'ab', 'Z'];
    await store().facts.commitPage(
      's',
      { upserts: ids.map((id) => ticketFact(id)), deletes: [] },
      { value: null, fingerprint: 'f' },
    );
    const expected = [...ids].sort((x, y) => (Buffer.from(x) < Buffer.from(y) ? -1 : 1));
    expect(await store().facts.ids('ticket')).toEqual(expected);
    expect((await Array.fromAsync(store().facts.iterate('ticket'))).map((t) => t.id)).toEqual(expected);
  });

  it('reads only the fields asked for, with kind and id, in the order iterate uses', async () => {
    await store().facts.commitPage(
      's',
      {
        upserts: [
          ticketFact('b', { organizationId: 'o2', requesterDomain: null, priority: 'high' }),
          ticketFact('a', { organizationId: 'o1', requesterDomain: 'acme.com', priority: 'low' }),
        ],
        deletes: [],
      },
      { value: {}, fingerprint: 'f' },
    );
    const rows = (
      await Array.fromAsync(store().facts.chunks('ticket', ['organizationId', 'requesterDomain']))
    ).flat();
    expect(rows).toEqual([
      { kind: 'ticket', id: 'a', organizationId: 'o1', requesterDomain: 'acme.com' },
      { kind: 'ticket', id: 'b', organizationId: 'o2', requesterDomain: null },
    ]);
    expect(rows.map((r) => r.id)).toEqual(
      (await Array.fromAsync(store().facts.iterate('ticket'))).map((t) => t.id),
    );
  });

  it('decodes JSON fields in chunks as iterate does', async () => {
    await store().facts.commitPage(
      's',
      { upserts: [issueFact('1', { accountRefs: ['001A'], ticketRefs: ['7', '9'] })], deletes: [] },
      { value: {}, fingerprint: 'f' },
    );
    expect(await Array.fromAsync(store().facts.chunks('issue', ['accountRefs', 'ticketRefs']))).toEqual([
      [{ kind: 'issue', id: '1', accountRefs: ['001A'], ticketRefs: ['7', '9'] }],
    ]);
  });

  it('iterates more rows than one chunk, in order, and can stop early', async () => {
    const tickets = Array.from({ length: 2_500 }, (_, i) => ticketFact(String(i).padStart(5, '0')));
    await store().facts.commitPage('t', { upserts: tickets, deletes: [] }, { value: null, fingerprint: 'f' });
    const chunks = await Array.fromAsync(store().facts.chunks('ticket', []));
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(chunks.flat().map((t) => t.id)).toEqual(tickets.map((t) => t.id));
    expect((await Array.fromAsync(store().facts.iterate('ticket'))).map((t) => t.id)).toEqual(
      tickets.map((t) => t.id),
    );

    for await (const t of store().facts.iterate('ticket')) if (t.id === '01200') break;
    // The abandoned iteration holds nothing open: the store still writes and closes.
    await store().meta.set('after', 'break');
    expect(await store().meta.get('after')).toBe('break');
  });

  it('a second store on the same database sees the committed facts (migrations are not reapplied)', async () => {
    await store().facts.commitPage(
      's',
      { upserts: [ticket('1')], deletes: [] },
      { value: 1, fingerprint: 'f' },
    );
    const again = await ctx().reopen();
    expect(await again.facts.get({ kind: 'ticket', id: '1' })).toEqual(ticket('1'));
    expect(await again.cursors.get('s')).toMatchObject({ value: 1 });
  });
});
