import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStore, openStore, storeMayExist } from '../../src/store/open-store.ts';
import { TEST_DATABASE_URL, dropSchema, freshSchema, postgresReachable } from './contract/stores.ts';

describe('openStore: the environment picks the store', () => {
  it('SQLite by default, at HEALTH_SYNC_DB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-open-'));
    const config = { dbPath: join(dir, 'state.db'), databaseUrl: undefined };
    try {
      expect(storeMayExist(config)).toBe(false);
      const store = await openStore(config);
      expect('sqlite' in store).toBe(true);
      await store.close();
      expect(storeMayExist(config)).toBe(true);
      expect(describeStore(config)).toBe(config.dbPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!postgresReachable)(
    'Postgres when HEALTH_SYNC_DATABASE_URL is set, in the schema its search_path names',
    async () => {
      const schema = freshSchema();
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const config = { dbPath: '/nonexistent/never-created.db', databaseUrl: url.toString() };
      const store = await openStore(config);
      try {
        expect('postgres' in store).toBe(true);
        await store.meta.set('where', 'postgres');
        expect(await store.meta.get('where')).toBe('postgres');
        expect(storeMayExist(config)).toBe(true);
        expect(describeStore({ dbPath: 'x', databaseUrl: 'postgres://hs:secret-pw@db:5432/health' })).toBe(
          'postgres://hs@db:5432/health',
        );
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    },
  );
});
