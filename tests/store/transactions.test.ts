import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { ticketFact } from '../support/facts.ts';

let store: SqliteStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

it('a nested transaction joins the outer one: a failure after it rolls both back', async () => {
  await expect(
    store.transaction(async () => {
      await store.meta.set('outer', '1');
      await store.transaction(() => store.meta.set('inner', '1'));
      throw new Error('failed after the nested one');
    }),
  ).rejects.toThrow('failed after the nested one');
  expect(await store.meta.get('outer')).toBeUndefined();
  expect(await store.meta.get('inner')).toBeUndefined();
});

it("another caller's statements wait for an open transaction: they neither see it nor land in it", async () => {
  const seen: (string | undefined)[] = [];
  const tx = store.transaction(async () => {
    await store.meta.set('a', 'uncommitted');
    await sleep(20); // a real wait: the other caller runs meanwhile
    throw new Error('rolled back');
  });
  await sleep(5);
  const outside = (async () => {
    seen.push(await store.meta.get('a'));
    await store.meta.set('b', 'outside');
  })();
  await expect(tx).rejects.toThrow('rolled back');
  await outside;
  expect(seen).toEqual([undefined]);
  expect(await store.meta.get('b')).toBe('outside');
});

it('concurrent transactions take turns', async () => {
  const order: string[] = [];
  const one = (name: string) =>
    store.transaction(async () => {
      order.push(`${name} begins`);
      await sleep(5);
      await store.meta.set(name, 'x');
      order.push(`${name} ends`);
    });
  await Promise.all([one('first'), one('second')]);
  expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
});

it('iterates more rows than one chunk, in order, and can stop early', async () => {
  const tickets = Array.from({ length: 2_500 }, (_, i) => ticketFact(String(i).padStart(5, '0')));
  await store.facts.commitPage('t', { upserts: tickets, deletes: [] }, { value: null, fingerprint: 'f' });
  const chunks = await Array.fromAsync(store.facts.chunks('ticket', []));
  expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
  expect(chunks.flat().map((t) => t.id)).toEqual(tickets.map((t) => t.id));
  expect((await Array.fromAsync(store.facts.iterate('ticket'))).map((t) => t.id)).toEqual(
    tickets.map((t) => t.id),
  );

  for await (const t of store.facts.iterate('ticket')) if (t.id === '01200') break;
  // The abandoned iteration holds no open statement: the store still writes and closes.
  await store.meta.set('after', 'break');
  expect(await store.meta.get('after')).toBe('break');
});
