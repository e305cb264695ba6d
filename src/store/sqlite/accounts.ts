import type { AccountFact } from '../../facts/schemas.ts';
import type { AccountRepo, MetaRepo } from '../store.ts';
import type { Sqlite } from './database.ts';
import { fromRow } from '../fact-tables.ts';

export class SqliteAccounts implements AccountRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  get(id: string): Promise<AccountFact | undefined> {
    return this.s.run(() => {
      const row = this.s.prepared('SELECT * FROM accounts WHERE id = ?').get(id) as
        Record<string, unknown> | undefined;
      return row && fromRow('account', row);
    });
  }

  list(): Promise<AccountFact[]> {
    return this.s.run(() =>
      this.s.db
        .prepare('SELECT * FROM accounts ORDER BY id')
        .all()
        .map((row) => fromRow('account', row as Record<string, unknown>)),
    );
  }

  count(): Promise<number> {
    return this.s.run(
      () => (this.s.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n,
    );
  }
}

export class SqliteMeta implements MetaRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  get(key: string): Promise<string | undefined> {
    return this.s.run(
      () =>
        (this.s.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
          ?.value,
    );
  }

  set(key: string, value: string): Promise<void> {
    return this.s.run(() => {
      this.s.db
        .prepare(
          'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
    });
  }

  erase(key: string): Promise<boolean> {
    return this.s.run(() => {
      // A plain DELETE leaves the bytes in a free page and in the WAL: secure_delete zeroes the page, and a
      // truncating checkpoint moves the zeroed page into the database file and empties the WAL.
      const db = this.s.db;
      const previous = (db.prepare('PRAGMA secure_delete').get() as { secure_delete: number }).secure_delete;
      db.exec('PRAGMA secure_delete = ON');
      let erased: boolean;
      try {
        erased = Number(db.prepare('DELETE FROM meta WHERE key = ?').run(key).changes) > 0;
      } finally {
        db.exec(`PRAGMA secure_delete = ${previous}`);
      }
      if (erased) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      return erased;
    });
  }
}
