import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openPostgresStore } from '../../../src/store/open-postgres.ts';
import { openSqliteStore } from '../../../src/store/open-sqlite.ts';
import type { Store } from '../../../src/store/store.ts';
import { describeDatabaseUrl } from '../../../src/store/postgres/url.ts';

/**
 * The store contract runs against every implementation: SQLite in a temp file, and Postgres in a
 * schema of its own per test (created and dropped here), so that test files run in parallel. The
 * server is `HEALTH_SYNC_TEST_DATABASE_URL`, else the one this project's machines and CI run; when
 * none answers, the Postgres half is skipped with one printed reason (a user's clone still passes).
 */
export const TEST_DATABASE_URL =
  process.env['HEALTH_SYNC_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const postgresReachable = await reachable(TEST_DATABASE_URL);
if (!postgresReachable)
  console.warn(`skipped: no Postgres server reachable at ${describeDatabaseUrl(TEST_DATABASE_URL)}`);

export interface OpenedStore {
  store: Store;
  /** Opens the same database again (a second process, or a restart). */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  open(): Promise<OpenedStore>;
}

/** A fresh schema name: random, so that parallel test files never share one. */
export const freshSchema = (): string => `hs_test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'sqlite',
    skip: false,
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'hs-contract-'));
      const path = join(dir, 'state.db');
      const opened: Store[] = [openSqliteStore(path)];
      return Promise.resolve({
        store: opened[0]!,
        reopen: () => {
          const s = openSqliteStore(path);
          opened.push(s);
          return Promise.resolve(s);
        },
        dispose: async () => {
          for (const s of opened) await s.close().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        },
      });
    },
  },
  {
    name: 'postgres',
    skip: !postgresReachable,
    open: async () => {
      const schema = freshSchema();
      const open = () => openPostgresStore({ url: TEST_DATABASE_URL, schema, max: 4 });
      const opened: Store[] = [await open()];
      return {
        store: opened[0]!,
        reopen: async () => {
          const s = await open();
          opened.push(s);
          return s;
        },
        dispose: async () => {
          for (const s of opened) await s.close().catch(() => undefined);
          await dropSchema(schema);
        },
      };
    },
  },
];

/**
 * `body` once per store kind, inside a describe named after it; `ctx()` is the test's fresh store
 * (opened before each test, closed and deleted after it).
 */
export function describeStoreContract(title: string, body: (ctx: () => OpenedStore) => void): void {
  for (const kind of STORE_KINDS) {
    describe.skipIf(kind.skip)(`${title} [${kind.name}]`, () => {
      let current: OpenedStore | undefined;
      beforeEach(async () => {
        current = await kind.open();
      });
      afterEach(async () => {
        await current?.dispose();
        current = undefined;
      });
      body(() => current!);
    });
  }
}
