import { expect, it } from 'vitest';
import type { Fact } from '../../../src/facts/schemas.ts';
import { callFact, issueFact, ticketFact } from '../../support/facts.ts';
import { describeStoreContract } from './stores.ts';

describeStoreContract('store contract: match queue', (ctx) => {
  const store = () => ctx().store;
  const commit = (upserts: Fact[]) =>
    store().facts.commitPage('test', { upserts, deletes: [] }, { value: null, fingerprint: 'f' });

  it('queues new facts in order, iterates up to a seq and acknowledges exactly that far', async () => {
    expect(await store().matchQueue.head()).toBe(0);
    await commit([ticketFact('t1'), callFact('c1')]);
    await commit([issueFact('i1')]);
    const head = await store().matchQueue.head();
    expect(await store().matchQueue.count()).toBe(3);
    const all = await Array.fromAsync(store().matchQueue.iterate(head));
    expect(all.map((e) => `${e.entity}:${e.entityId}`).sort()).toEqual(['call:c1', 'issue:i1', 'ticket:t1']);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    expect(all[2]).toMatchObject({ entity: 'issue', entityId: 'i1', seq: head });
    await store().matchQueue.ack(all[1]!.seq);
    expect(await Array.fromAsync(store().matchQueue.iterate(head))).toEqual([all[2]]);
  });

  it('re-queues a call whose match keys change before the relink, with a newer seq', async () => {
    await commit([callFact('c1', { externalOrgId: 'org-a' })]);
    const first = await store().matchQueue.head();
    await commit([callFact('c1', { externalOrgId: 'org-b' })]);
    const entries = await Array.fromAsync(store().matchQueue.iterate(await store().matchQueue.head()));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'call', entityId: 'c1' });
    expect(entries[0]!.seq).toBeGreaterThan(first);
  });

  it('re-queues a ticket deleted and written again before the relink', async () => {
    await commit([ticketFact('t1', { organizationId: 'o1' })]);
    await store().facts.commitPage(
      'test',
      { upserts: [], deletes: [{ kind: 'ticket', id: 't1' }] },
      { value: null, fingerprint: 'f' },
    );
    await commit([ticketFact('t1', { organizationId: 'o2' })]);
    expect(await store().matchQueue.count()).toBe(1);
  });

  it('queues nothing new when only other fields change', async () => {
    await commit([callFact('c1', { externalOrgId: 'org-a' })]);
    await store().matchQueue.ack(await store().matchQueue.head());
    await commit([callFact('c1', { externalOrgId: 'org-a', talkSec: 99 })]);
    expect(await store().matchQueue.count()).toBe(0);
  });

  it('queues nothing while suspended, and again once resumed', async () => {
    await store().matchQueue.suspend(1);
    await store().matchQueue.suspend(2); // idempotent
    expect(await store().matchQueue.suspended()).toBe(true);
    await commit([ticketFact('t1', { organizationId: 'o1' })]);
    expect(await store().matchQueue.count()).toBe(0);
    await store().matchQueue.resume();
    expect(await store().matchQueue.suspended()).toBe(false);
    await commit([ticketFact('t1', { organizationId: 'o2' })]);
    expect(await store().matchQueue.count()).toBe(1);
  });

  it('iterates a queue longer than one chunk in seq order', async () => {
    await commit(Array.from({ length: 1_500 }, (_, i) => ticketFact(`t${i}`)));
    const entries = await Array.fromAsync(store().matchQueue.iterate(await store().matchQueue.head()));
    expect(entries).toHaveLength(1_500);
    expect(new Set(entries.map((e) => e.entityId)).size).toBe(1_500);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.seq).toBeGreaterThan(entries[i - 1]!.seq);
  });
});
