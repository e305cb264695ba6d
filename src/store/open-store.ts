import { existsSync } from 'node:fs';
import { openSqliteStore } from './open-sqlite.ts';
import { describeDatabaseUrl } from './postgres/url.ts';
import type { Store } from './store.ts';

/** Where the state store lives, as the environment says (`AppEnv` has both fields). */
export interface StoreConfig {
  /** `HEALTH_SYNC_DB`: the SQLite file (the default store). */
  dbPath: string;
  /** `HEALTH_SYNC_DATABASE_URL`: when set, the store is this Postgres database instead. */
  databaseUrl: string | undefined;
}

/** Opens the store the environment selects: Postgres when a database URL is given, else the SQLite file. */
export async function openStore(config: StoreConfig): Promise<Store> {
  // Loaded only when chosen: its modules and the driver cost a SQLite run about 0.2 s of start-up.
  if (config.databaseUrl !== undefined) {
    const { openPostgresStore } = await import('./open-postgres.ts');
    return openPostgresStore({ url: config.databaseUrl });
  }
  return openSqliteStore(config.dbPath);
}

/** The store's place for messages: the file, or the database URL without its password. */
export const describeStore = (config: StoreConfig): string =>
  config.databaseUrl === undefined ? config.dbPath : describeDatabaseUrl(config.databaseUrl);

/**
 * Whether a store may already hold data, for commands that must not create one by looking (a
 * preview): a SQLite file that is not there holds nothing; a Postgres database is assumed to exist
 * (opening it only adds the schema when it is missing).
 */
export const storeMayExist = (config: StoreConfig): boolean =>
  config.databaseUrl !== undefined || config.dbPath === ':memory:' || existsSync(config.dbPath);
