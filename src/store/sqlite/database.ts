import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StoreError } from '../../errors.ts';
import { prepareStoreFile } from './file-mode.ts';
import { MIGRATIONS } from './migrations/index.ts';

interface OpenTransaction {
  open: boolean;
}

/**
 * A `node:sqlite` connection with WAL and migrations applied, behind the store's asynchronous
 * interface.
 *
 * `node:sqlite` answers synchronously, but a transaction's body is async: while it awaits, other
 * callers' code runs, and on one connection their statements would land inside the open transaction
 * (rolled back with it, or reading what it has not committed). So transactions take turns through a
 * promise queue, and while one is open or waiting every other statement queues behind it. Whether a
 * call comes from inside the open transaction is told by an AsyncLocalStorage that follows the
 * body's awaits, rather than by a transaction handle passed along: callers keep the repositories'
 * plain signatures, and a nested `transaction()` joins the outer one the same way. When nothing is
 * queued (nearly always) a statement runs at once, synchronously, so SQLite keeps its speed.
 */
export class Sqlite {
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  /** Transactions and statements waiting for, or holding, their turn. */
  private queued = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    try {
      if (path !== ':memory:') {
        mkdirSync(dirname(path), { recursive: true });
        prepareStoreFile(path);
      }
      this.db = new DatabaseSync(path);
    } catch (err) {
      throw new StoreError(`Cannot open the state store at ${path}`, { path }, { cause: err });
    }
    // A sync writes a million facts into tables with several indexes. SQLite's defaults (a 2 MB page
    // cache, a checkpoint every 1,000 WAL pages) re-read index pages and copy the WAL back constantly:
    // a 16 MB cache and checkpoints every 10,000 pages (about 40 MB of WAL, truncated to 64 MB after)
    // halve the time to store 300,000 tickets (12.2 s to 6.9 s here). NORMAL is durable in WAL mode
    // except for the last transactions on power loss, which a rerun re-reads.
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
      PRAGMA cache_size = -16384;
      PRAGMA wal_autocheckpoint = 10000;
      PRAGMA journal_size_limit = 67108864;
    `);
    this.migrate();
  }

  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const applied = new Set(
      (this.db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...MIGRATIONS.map((m) => m.id));
    if (newest > known)
      throw new StoreError(
        `The state store was written by a newer health-sync (schema ${newest}, this one knows ${known})`,
        {
          newest,
          known,
        },
      );
    for (const m of [...MIGRATIONS].sort((a, b) => a.id - b.id)) {
      if (applied.has(m.id)) continue;
      this.atomic(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)')
          .run(m.id, m.name, Date.now());
      });
    }
  }

  /**
   * The statement for `sql`, compiled once per connection. For statements run once per record: each
   * compiled statement holds native memory until it is garbage-collected, and 20,000 of them held
   * 38 MB at the end of a write-back.
   */
  prepared(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** Runs `op` (synchronous statements) now, or after the transactions queued before it. */
  run<T>(op: () => T): Promise<T> {
    if (this.queued === 0 || this.inTransaction()) return new Promise((resolve) => resolve(op()));
    return this.enqueue(op);
  }

  /** `run`, with `op`'s statements in one transaction (joining the caller's when it has one). */
  runAtomic<T>(op: () => T): Promise<T> {
    return this.run(() => this.atomic(op));
  }

  /** Runs `fn` in one transaction: nested calls join the outer one; other callers wait for its end. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    return this.enqueue(async () => {
      const tx: OpenTransaction = { open: true };
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.current.run(tx, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      } finally {
        // Work the body started and did not await still carries `tx`: it must not count as inside.
        tx.open = false;
      }
    });
  }

  /** Closes the connection once the queued work is done. */
  close(): Promise<void> {
    return this.run(() => {
      if (this.db.isOpen) this.db.close();
    });
  }

  private inTransaction(): boolean {
    return this.current.getStore()?.open === true;
  }

  /** Synchronous statements in one transaction, or in the caller's own when one is open. */
  private atomic<T>(op: () => T): T {
    if (this.db.isTransaction) return op();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = op();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task).finally(() => this.queued--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export { fromJson, toJson } from '../rows.ts';
