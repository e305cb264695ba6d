import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { issueFact, ticketFact } from '../support/facts.ts';

let store: SqliteStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

it('reads only the fields asked for, with kind and id, in the order iterate uses', async () => {
  await store.facts.commitPage(
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
    await Array.fromAsync(store.facts.chunks('ticket', ['organizationId', 'requesterDomain']))
  ).flat();
  expect(rows).toEqual([
    { kind: 'ticket', id: 'a', organizationId: 'o1', requesterDomain: 'acme.com' },
    { kind: 'ticket', id: 'b', organizationId: 'o2', requesterDomain: null },
  ]);
  expect(rows.map((r) => r.id)).toEqual(
    (await Array.fromAsync(store.facts.iterate('ticket'))).map((t) => t.id),
  );
});

it('decodes JSON fields as iterate does', async () => {
  await store.facts.commitPage(
    's',
    { upserts: [issueFact('1', { accountRefs: ['001A'], ticketRefs: ['7', '9'] })], deletes: [] },
    { value: {}, fingerprint: 'f' },
  );
  expect(await Array.fromAsync(store.facts.chunks('issue', ['accountRefs', 'ticketRefs']))).toEqual([
    [{ kind: 'issue', id: '1', accountRefs: ['001A'], ticketRefs: ['7', '9'] }],
  ]);
});
