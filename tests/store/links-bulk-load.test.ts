import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hs-links-'));
  store = openSqliteStore(join(dir, 'state.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hasIndex = (s: SqliteStore): boolean =>
  s.sqlite.db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'account_links_account'")
    .get() !== undefined;
const link = (id: string) => ({ entity: 'ticket' as const, entityId: id, accountId: 'A', rule: 'r' });

it('loads an empty table without the account index, then builds it', async () => {
  expect(hasIndex(store)).toBe(true);
  const during = await store.links.bulkLoad(async () => {
    await store.links.replace([], [link('1'), link('2')]);
    return Promise.resolve(hasIndex(store));
  });
  expect(during).toBe(false);
  expect(hasIndex(store)).toBe(true);
  expect(await store.links.forEntity('ticket', '2')).toEqual([link('2')]);
});

it('keeps the index when links are already stored, and rebuilds it when the load fails', async () => {
  await store.links.replace([], [link('1')]);
  expect(await store.links.bulkLoad(() => Promise.resolve(hasIndex(store)))).toBe(true);
  await store.links.replace([{ entity: 'ticket', entityId: '1' }], []);
  await expect(store.links.bulkLoad(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
    'disk full',
  );
  expect(hasIndex(store)).toBe(true);
});

it('a store left without the index (killed mid-load) gets it back when it opens', async () => {
  store.sqlite.db.exec('DROP INDEX account_links_account');
  await store.close();
  store = openSqliteStore(join(dir, 'state.db'));
  expect(hasIndex(store)).toBe(true);
});
