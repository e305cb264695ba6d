import { expect, it } from 'vitest';
import type { AccountLink } from '../../../src/match/types.ts';
import { callFact, ticketFact } from '../../support/facts.ts';
import { describeStoreContract } from './stores.ts';

const link = (
  entityId: string,
  accountId = 'A',
  rule = 'r',
  entity: AccountLink['entity'] = 'ticket',
): AccountLink => ({
  entity,
  entityId,
  accountId,
  rule,
});

describeStoreContract('store contract: account links', (ctx) => {
  const store = () => ctx().store;

  it('replaces the links of the given entities only', async () => {
    await store().links.replace([], [link('1', 'A'), link('1', 'B', 'domain'), link('2', 'A')]);
    expect(await store().links.forEntity('ticket', '1')).toEqual([link('1', 'A'), link('1', 'B', 'domain')]);
    await store().links.replace([{ entity: 'ticket', entityId: '1' }], [link('1', 'C', 'phone')]);
    expect(await store().links.forEntity('ticket', '1')).toEqual([link('1', 'C', 'phone')]);
    expect(await store().links.forEntity('ticket', '2')).toEqual([link('2', 'A')]);
    await store().links.replace([{ entity: 'ticket', entityId: '2' }], []);
    expect(await store().links.forEntity('ticket', '2')).toEqual([]);
    // The same link twice in one call is one link, with the later rule.
    await store().links.replace([], [link('3', 'A', 'first'), link('3', 'A', 'second')]);
    expect(await store().links.forEntity('ticket', '3')).toEqual([link('3', 'A', 'second')]);
  });

  it('reads links in chunks ordered by entity id then account, and counts them by rule', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) =>
      link(`t${String(i).padStart(4, '0')}`, i % 2 ? 'B' : 'A', i % 3 ? 'r' : 's'),
    );
    await store().links.replace([], [...many, link('t0000', 'C', 'r'), link('c1', 'A', 'r', 'call')]);
    const chunks = await Array.fromAsync(store().links.chunks('ticket'));
    expect(chunks.map((c) => c.length)).toEqual([1000, 201]);
    const flat = chunks.flat();
    expect(flat.slice(0, 2)).toEqual([link('t0000', 'A', 's'), link('t0000', 'C', 'r')]);
    expect(flat.map((l) => l.entityId)).toEqual([...flat.map((l) => l.entityId)].sort());
    expect(await store().links.countsByRule()).toEqual([
      { entity: 'call', rule: 'r', count: 1 },
      { entity: 'ticket', rule: 'r', count: 801 },
      { entity: 'ticket', rule: 's', count: 400 },
    ]);
  });

  it('counts and reads the facts of a kind that have no link', async () => {
    await store().facts.commitPage(
      's',
      {
        upserts: [
          ticketFact('b', { organizationId: 'o2' }),
          ticketFact('a', { organizationId: 'o1' }),
          ticketFact('c'),
          callFact('x'),
        ],
        deletes: [],
        links: [link('c')],
      },
      { value: null, fingerprint: 'f' },
    );
    expect(await store().links.unmatched('ticket')).toBe(2);
    expect(await store().links.unmatched('call')).toBe(1);
    expect(await Array.fromAsync(store().links.unlinkedChunks('ticket', ['organizationId']))).toEqual([
      [
        { kind: 'ticket', id: 'a', organizationId: 'o1' },
        { kind: 'ticket', id: 'b', organizationId: 'o2' },
      ],
    ]);
  });

  it('bulk-loads links into an empty table and into a filled one, and survives a failed load', async () => {
    expect(
      await store().links.bulkLoad(async () => (await store().links.replace([], [link('1')]), 'done')),
    ).toBe('done');
    expect(await store().links.forEntity('ticket', '1')).toEqual([link('1')]);
    await store().links.bulkLoad(() => store().links.replace([], [link('2')]));
    await expect(store().links.bulkLoad(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await store().links.replace(
      [
        { entity: 'ticket', entityId: '1' },
        { entity: 'ticket', entityId: '2' },
      ],
      [],
    );
    await expect(store().links.bulkLoad(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await store().links.replace([], [link('3')]);
    expect(await store().links.forEntity('ticket', '3')).toEqual([link('3')]);
  });
});
