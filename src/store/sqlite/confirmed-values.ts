import type { WrittenValue } from '../../writeback/types.ts';
import type { ConfirmedValueRepo } from '../confirmed-values.ts';
import { type Sqlite, fromJson, toJson } from './database.ts';

/** Values are stored as JSON text so that `null` (written empty) differs from SQL NULL (never confirmed). */
export class SqliteConfirmedValues implements ConfirmedValueRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  all(): Promise<Map<string, Record<string, WrittenValue>>> {
    return this.s.run(() => {
      const out = new Map<string, Record<string, WrittenValue>>();
      const rows = this.s
        .prepared(
          'SELECT account_id, field, confirmed_value FROM written_fields WHERE confirmed_at IS NOT NULL',
        )
        .all() as { account_id: string; field: string; confirmed_value: string | null }[];
      for (const r of rows) {
        const values = out.get(r.account_id) ?? {};
        values[r.field] = fromJson<WrittenValue>(r.confirmed_value, null);
        out.set(r.account_id, values);
      }
      return out;
    });
  }

  recordConfirmed(accountId: string, values: Record<string, WrittenValue>, at: number): Promise<void> {
    return this.s.runAtomic(() => {
      const stmt = this.s.prepared(`INSERT INTO written_fields
          (account_id, field, confirmed_value, confirmed_at, attempted_value, attempted_at, last_error)
        VALUES (?, ?, ?, ?, ?, ?, NULL)
        ON CONFLICT (account_id, field) DO UPDATE SET confirmed_value = excluded.confirmed_value,
          confirmed_at = excluded.confirmed_at, attempted_value = excluded.attempted_value,
          attempted_at = excluded.attempted_at, last_error = NULL`);
      for (const [field, value] of Object.entries(values)) {
        const json = toJson(value);
        stmt.run(accountId, field, json, at, json, at);
      }
    });
  }

  recordFailed(
    accountId: string,
    values: Record<string, WrittenValue>,
    error: string,
    at: number,
  ): Promise<void> {
    return this.s.runAtomic(() => {
      const stmt = this.s.prepared(`INSERT INTO written_fields
          (account_id, field, confirmed_value, confirmed_at, attempted_value, attempted_at, last_error)
        VALUES (?, ?, NULL, NULL, ?, ?, ?)
        ON CONFLICT (account_id, field) DO UPDATE SET attempted_value = excluded.attempted_value,
          attempted_at = excluded.attempted_at, last_error = excluded.last_error`);
      for (const [field, value] of Object.entries(values))
        stmt.run(accountId, field, toJson(value), at, error);
    });
  }
}
