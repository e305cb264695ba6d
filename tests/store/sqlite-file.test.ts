import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/open-sqlite.ts';

// What the store does is the contract suite's (contract/*.test.ts); this is SQLite's file itself.
let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hs-store-'));
  store = openSqliteStore(join(dir, 'state.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('records migrations and reopens an existing file without reapplying them, in WAL mode', async () => {
  await store.close();
  store = openSqliteStore(join(dir, 'state.db'));
  const rows = store.sqlite.db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
  expect(rows[0]).toMatchObject({ id: 1, name: 'initial' });
  expect(store.sqlite.db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
});
