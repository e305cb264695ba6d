import type { AccountFact } from '../../facts/schemas.ts';
import { fromRow } from '../fact-tables.ts';
import type { AccountRepo, MetaRepo } from '../store.ts';
import type { Postgres } from './database.ts';

export class PostgresAccounts implements AccountRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async get(id: string): Promise<AccountFact | undefined> {
    const [row] = await this.db.query('SELECT * FROM accounts WHERE id = $1', [id]);
    return row && fromRow('account', row);
  }

  async list(): Promise<AccountFact[]> {
    return (await this.db.query('SELECT * FROM accounts ORDER BY id')).map((row) => fromRow('account', row));
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM accounts'))[0]!.n;
  }
}

export class PostgresMeta implements MetaRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))[0]?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.execute(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }

  /**
   * Overwrites the value before deleting the row, so the live row version no longer holds it, then
   * vacuums the table (outside any transaction) so the dead versions' space is reclaimed. What the
   * server's WAL and backups already hold stays theirs: a secret kept in Postgres is only as erased
   * as its WAL retention allows (the README says so).
   */
  async erase(key: string): Promise<boolean> {
    const erased = await this.db.transaction(async () => {
      await this.db.execute("UPDATE meta SET value = repeat('0', length(value)) WHERE key = $1", [key]);
      return ((await this.db.execute('DELETE FROM meta WHERE key = $1', [key])).rowCount ?? 0) > 0;
    });
    if (erased) await this.db.pool.query('VACUUM meta').catch(() => undefined);
    return erased;
  }
}
