import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { StoreError } from '../../errors.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { describeDatabaseUrl, schemaOfDatabaseUrl } from './url.ts';

interface OpenTransaction {
  client: pg.PoolClient;
  open: boolean;
}

export type SqlParam =
  string | number | boolean | null | readonly (string | null)[] | readonly number[] | readonly boolean[];
type Row = Record<string, unknown>;

// BIGINT (times, ids, counts) and NUMERIC (sums of BIGINT) arrive as strings by default; the store's
// values are JS numbers as SQLite's are, and every one of them is below 2^53.
const toNumber = (text: string): number => Number(text);
const INT8 = 20;
const NUMERIC = 1700;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? toNumber
      : (pg.types.getTypeParser(oid, format ?? 'text') as (
          text: string,
        ) => unknown)) as typeof pg.types.getTypeParser,
};

/** The store's one key for `pg_advisory_xact_lock` while migrating (per schema, see `migrate`). */
const MIGRATION_LOCK = 'health-sync:migrations';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /**
   * A schema to keep every table in (created if missing). Otherwise the one the URL names with
   * `?options=-c search_path=NAME` (created too), or the server's default search path.
   */
  schema?: string;
  /** Connections in the pool (default 10). */
  max?: number;
}

/**
 * A `pg` pool with the migrations applied, behind the store's asynchronous interface.
 *
 * Outside a transaction each statement takes any connection of the pool. `transaction(fn)` holds one
 * connection for `fn`, and statements issued from inside `fn` (told by an AsyncLocalStorage that
 * follows its awaits, as the SQLite store does) go to that connection; a nested `transaction()` joins
 * it. Transactions of one process take turns, as SQLite's do: two of them interleaving their awaits
 * on separate connections could wait on each other's row locks. Others' statements are not held
 * back: Postgres isolates them (they do not see uncommitted writes, nor land in the transaction).
 */
export class Postgres {
  readonly pool: pg.Pool;
  readonly schema: string | undefined;
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  private tail: Promise<unknown> = Promise.resolve();
  private readonly where: string;

  private constructor(options: PostgresOptions) {
    this.schema = options.schema ?? schemaOfDatabaseUrl(options.url);
    this.where = describeDatabaseUrl(options.url);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      types: TYPES,
      ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
    });
    // An idle connection that the server drops (a restart) must not crash the process: the pool
    // replaces it, and the next query reports any real outage.
    this.pool.on('error', () => undefined);
  }

  /** Connects, creates the schema if asked, and applies pending migrations. */
  static async open(options: PostgresOptions): Promise<Postgres> {
    const db = new Postgres(options);
    try {
      await db.migrate();
    } catch (err) {
      await db.pool.end().catch(() => undefined);
      if (err instanceof StoreError) throw err;
      throw new StoreError(
        `Cannot open the Postgres state store at ${db.where}: ${messageOf(err)} (check HEALTH_SYNC_DATABASE_URL and that the server is running)`,
        { database: db.where },
      );
    }
    return db;
  }

  /** Rows of one statement, on the caller's transaction when it has one. */
  async query<T = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return (await this.execute(sql, params)).rows as T[];
  }

  /** The statement's result (row count included). */
  async execute(sql: string, params: readonly SqlParam[] = []): Promise<pg.QueryResult> {
    const tx = this.current.getStore();
    const runner = tx?.open ? tx.client : this.pool;
    try {
      return await runner.query(sql, params as unknown[]);
    } catch (err) {
      throw this.wrap(err);
    }
  }

  /** Runs `fn` in one transaction: nested calls join the outer one; this process's others wait for its end. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current.getStore()?.open === true) return fn();
    const result = this.tail.then(() => this.run(fn));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Closes the pool once the transactions queued are done. */
  async close(): Promise<void> {
    await this.tail;
    await this.pool.end();
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.wrap(err);
    }
    const tx: OpenTransaction = { client, open: true };
    let broken = false;
    // BEGIN and COMMIT fail as the store (wrapped); the body's own errors pass through unchanged
    // (its statements' errors were wrapped by `execute`).
    const control = async (sql: string): Promise<void> => {
      try {
        await client.query(sql);
      } catch (err) {
        throw this.wrap(err);
      }
    };
    try {
      await control('BEGIN');
      const result = await this.current.run(tx, fn);
      await control('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: the server rolled back; do not reuse it
      }
      throw err;
    } finally {
      // Work the body started and did not await still carries `tx`: it must not count as inside.
      tx.open = false;
      client.release(broken);
    }
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Two processes starting together: the second waits here, then finds the migrations applied.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${MIGRATION_LOCK}:${this.schema ?? ''}`,
      ]);
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
      const applied = new Set(
        (await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id),
      );
      const newest = Math.max(0, ...applied);
      const known = Math.max(0, ...MIGRATIONS.map((m) => m.id));
      if (newest > known)
        throw new StoreError(
          `The state store was written by a newer health-sync (schema ${newest}, this one knows ${known})`,
          { newest, known },
        );
      for (const m of [...MIGRATIONS].sort((a, b) => a.id - b.id)) {
        if (applied.has(m.id)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
          m.id,
          m.name,
          Date.now(),
        ]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** A driver error as a StoreError that names the database (never its password) and the cause. */
  private wrap(err: unknown): Error {
    if (err instanceof StoreError) return err;
    const sqlstate = sqlstateOf(err);
    return new StoreError(`Postgres (${this.where}): ${messageOf(err)}`, {
      database: this.where,
      ...(sqlstate ? { sqlstate } : {}),
    });
  }
}

/** A driver error carries the SQLSTATE in `code`. */
const sqlstateOf = (err: unknown): string | undefined => {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** An identifier quoted for SQL text. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export { fromJson, toJson } from '../rows.ts';
