import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.ts';
import { openPostgresStore, type PostgresStore } from '../../src/store/open-postgres.ts';
import { MIGRATIONS } from '../../src/store/postgres/migrations/index.ts';
import { describeDatabaseUrl } from '../../src/store/postgres/url.ts';
import { TEST_DATABASE_URL, dropSchema, freshSchema, postgresReachable } from './contract/stores.ts';

// What only the Postgres store has: its migrations under a lock, its errors, its index rebuild.
describe.skipIf(!postgresReachable)('Postgres store', () => {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const open = async (schema: string): Promise<PostgresStore> => {
    const s = await openPostgresStore({ url: TEST_DATABASE_URL, schema, max: 2 });
    stores.push(s);
    return s;
  };
  const schema = (): string => {
    const name = freshSchema();
    schemas.push(name);
    return name;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const name of schemas.splice(0)) await dropSchema(name);
  });

  it('two processes starting together apply each migration once (advisory lock)', async () => {
    const name = schema();
    const [a, b] = await Promise.all([open(name), open(name)]);
    const rows = await a.postgres.query<{ id: number; name: string }>(
      'SELECT id, name FROM schema_migrations ORDER BY id',
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
    await a.meta.set('k', 'v');
    expect(await b.meta.get('k')).toBe('v');
  });

  it('refuses a database written by a newer health-sync', async () => {
    const name = schema();
    const first = await open(name);
    await first.postgres.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES (9999, $1, 0)', [
      'future',
    ]);
    await expect(open(name)).rejects.toThrow(/newer health-sync \(schema 9999/);
  });

  it('rebuilds the links index a killed bulk load left missing, and drops it only into an empty table', async () => {
    const name = schema();
    const store = await open(name);
    const hasIndex = async (s: PostgresStore) =>
      (
        await s.postgres.query(
          "SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'account_links_account'",
          [name],
        )
      ).length === 1;
    const link = { entity: 'ticket' as const, entityId: '1', accountId: 'A', rule: 'r' };
    expect(
      await store.links.bulkLoad(async () => (await store.links.replace([], [link]), hasIndex(store))),
    ).toBe(false);
    expect(await hasIndex(store)).toBe(true);
    expect(await store.links.bulkLoad(() => hasIndex(store))).toBe(true);
    await store.postgres.query('DROP INDEX account_links_account');
    expect(await hasIndex(await open(name))).toBe(true);
  });

  it('names the database but never the password when it cannot connect', async () => {
    const url = 'postgres://health:s3cret-pa55word@127.0.0.1:1/nowhere';
    const err = await openPostgresStore({ url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect(text).toContain(describeDatabaseUrl(url));
    expect(text).not.toContain('s3cret-pa55word');
  });

  it('reads BIGINT and sums of BIGINT back as JS numbers, as SQLite gives them', async () => {
    const store = await open(schema());
    const [row] = await store.postgres.query<{ n: unknown; s: unknown }>(
      'SELECT CAST(1796290449252 AS BIGINT) AS n, SUM(CAST(2 AS BIGINT)) AS s',
    );
    expect(row).toEqual({ n: 1796290449252, s: 2 });
  });
});
