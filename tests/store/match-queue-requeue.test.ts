import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';
import { callFact, ticketFact } from '../support/facts.ts';

// Facts are written by an upsert, whose conflict policy SQLite applies inside the queue triggers too.
describe('store: match queue when a queued fact changes again', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-queue-'));
    store = openSqliteStore(join(dir, 'state.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commit = async (
    upserts: Parameters<SqliteStore['facts']['commitPage']>[1]['upserts'],
  ): Promise<void> =>
    await store.facts.commitPage('test', { upserts, deletes: [] }, { value: null, fingerprint: 'f' });

  it('re-queues a call whose match keys change before the relink, with a newer seq', async () => {
    await commit([callFact('c1', { externalOrgId: 'org-a' })]);
    const first = await store.matchQueue.head();
    await commit([callFact('c1', { externalOrgId: 'org-b' })]);
    const entries = await Array.fromAsync(store.matchQueue.iterate(await store.matchQueue.head()));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'call', entityId: 'c1' });
    expect(entries[0]!.seq).toBeGreaterThan(first);
  });

  it('re-queues a ticket deleted and written again before the relink', async () => {
    await commit([ticketFact('t1', { organizationId: 'o1' })]);
    await store.facts.commitPage(
      'test',
      { upserts: [], deletes: [{ kind: 'ticket', id: 't1' }] },
      { value: null, fingerprint: 'f' },
    );
    await commit([ticketFact('t1', { organizationId: 'o2' })]);
    expect(await store.matchQueue.count()).toBe(1);
  });

  it('queues nothing new when only other fields change', async () => {
    await commit([callFact('c1', { externalOrgId: 'org-a' })]);
    await store.matchQueue.ack(await store.matchQueue.head());
    await commit([callFact('c1', { externalOrgId: 'org-a', talkSec: 99 })]);
    expect(await store.matchQueue.count()).toBe(0);
  });
});
