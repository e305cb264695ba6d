import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Fact } from '../../../../src/facts/schemas.ts';
import { relinkAccounts } from '../../../../src/sync/stages/match/relink.ts';
import { type SqliteStore, openSqliteStore } from '../../../../src/store/open-sqlite.ts';
import { runStream } from '../../../../src/sync/run-stream.ts';
import { defineStream } from '../../../../src/facts/stream.ts';
import { z } from 'zod';
import { silentLog } from '../../../http/helpers.ts';
import { account, accountsMapping, org, sfId, ticket } from '../../../match/fixtures.ts';

const mappings = { accounts: accountsMapping() };
const A = sfId(1);
const B = sfId(2);
let store: SqliteStore;
const write = (upserts: Fact[]): Promise<void> =>
  store.facts.commitPage('test', { upserts, deletes: [] }, { value: null, fingerprint: 'f' });
const accountsOf = async (id: string): Promise<string[]> =>
  (await store.links.forEntity('ticket', id)).map((l) => l.accountId);

beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

it('a suspended queue takes no entries, and the next relink matches everything and resumes it', async () => {
  await write([account(A), account(B), org('o1', { externalId: A }), org('o2', { externalId: B })]);
  await relinkAccounts(store, mappings, { onlyChanged: true });
  expect(await store.matchQueue.count()).toBe(0);

  await store.matchQueue.suspend(1);
  await store.matchQueue.suspend(2); // idempotent
  await write([ticket('t1', { organizationId: 'o1' }), ticket('t2', { organizationId: 'o2' })]);
  expect(await store.matchQueue.count()).toBe(0);

  // The index and rules are unchanged and the queue is empty: only the suspension says "match all".
  const stats = await relinkAccounts(store, mappings, { onlyChanged: true });
  expect(stats.mode).toBe('full');
  expect(await accountsOf('t1')).toEqual([A]);
  expect(await accountsOf('t2')).toEqual([B]);
  expect(await store.matchQueue.suspended()).toBe(false);

  await write([ticket('t1', { organizationId: 'o2' })]);
  expect(await store.matchQueue.count()).toBe(1);
  expect((await relinkAccounts(store, mappings, { onlyChanged: true })).mode).toBe('incremental');
  expect(await accountsOf('t1')).toEqual([B]);
});

it('a stream that starts over suspends the queue; one that continues does not', async () => {
  const stream = defineStream({
    name: 'test.tickets',
    source: 'zendesk',
    cursor: z.object({ n: z.number() }),
    fingerprint: 'f1',
    async *read(ctx) {
      await Promise.resolve();
      const n = (ctx.cursor?.n ?? 0) + 1;
      yield { batch: { upserts: [ticket(`t${n}`)], deletes: [] }, cursor: { n } };
    },
  });
  const deps = { store, log: silentLog, signal: new AbortController().signal, full: false };
  await runStream(stream, deps);
  expect(await store.matchQueue.suspended()).toBe(true);
  await store.matchQueue.resume();
  await runStream(stream, deps);
  expect(await store.matchQueue.suspended()).toBe(false);
  expect(await store.matchQueue.count()).toBe(1);
});
