import type { AlertDetail, AlertRow, WrittenValue } from '../../writeback/types.ts';
import type { AlertRepo } from '../alerts.ts';
import type { ConfirmedValueRepo } from '../confirmed-values.ts';
import type { LeaseRepo, LeaseResult } from '../leases.ts';
import { insertMany } from './batches.ts';
import { type Postgres, fromJson, toJson } from './database.ts';
import { fromAlertRow, type AlertSqlRow } from '../rows.ts';

/** Values are stored as JSON text so that `null` (written empty) differs from SQL NULL (never confirmed). */
export class PostgresConfirmedValues implements ConfirmedValueRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async all(): Promise<Map<string, Record<string, WrittenValue>>> {
    const out = new Map<string, Record<string, WrittenValue>>();
    const rows = await this.db.query<{ account_id: string; field: string; confirmed_value: string | null }>(
      'SELECT account_id, field, confirmed_value FROM written_fields WHERE confirmed_at IS NOT NULL',
    );
    for (const r of rows) {
      const values = out.get(r.account_id) ?? {};
      values[r.field] = fromJson<WrittenValue>(r.confirmed_value, null);
      out.set(r.account_id, values);
    }
    return out;
  }

  async recordConfirmed(accountId: string, values: Record<string, WrittenValue>, at: number): Promise<void> {
    const rows = Object.entries(values).map(([field, value]) => {
      const json = toJson(value);
      return [accountId, field, json, at, json, at];
    });
    for (const { sql, params } of insertMany(
      'written_fields',
      ['account_id', 'field', 'confirmed_value', 'confirmed_at', 'attempted_value', 'attempted_at'],
      rows,
      `ON CONFLICT (account_id, field) DO UPDATE SET confirmed_value = EXCLUDED.confirmed_value,
        confirmed_at = EXCLUDED.confirmed_at, attempted_value = EXCLUDED.attempted_value,
        attempted_at = EXCLUDED.attempted_at, last_error = NULL`,
      (row) => String(row[1]),
    ))
      await this.db.execute(sql, params);
  }

  async recordFailed(
    accountId: string,
    values: Record<string, WrittenValue>,
    error: string,
    at: number,
  ): Promise<void> {
    const rows = Object.entries(values).map(([field, value]) => [accountId, field, toJson(value), at, error]);
    for (const { sql, params } of insertMany(
      'written_fields',
      ['account_id', 'field', 'attempted_value', 'attempted_at', 'last_error'],
      rows,
      `ON CONFLICT (account_id, field) DO UPDATE SET attempted_value = EXCLUDED.attempted_value,
        attempted_at = EXCLUDED.attempted_at, last_error = EXCLUDED.last_error`,
      (row) => String(row[1]),
    ))
      await this.db.execute(sql, params);
  }
}

export class PostgresLeases implements LeaseRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async acquire(name: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult> {
    // One statement: the upsert only overwrites an expired lease or our own, so two writers cannot both win.
    const res = await this.db.execute(
      `INSERT INTO write_leases (name, owner, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE write_leases.expires_at <= $4 OR write_leases.owner = EXCLUDED.owner`,
      [name, owner, now + ttlMs, now],
    );
    if ((res.rowCount ?? 0) > 0) return { acquired: true };
    const [holder] = await this.db.query<{ owner: string; expires_at: number }>(
      'SELECT owner, expires_at FROM write_leases WHERE name = $1',
      [name],
    );
    return holder
      ? { acquired: false, holder: holder.owner, expiresAt: holder.expires_at }
      : { acquired: false };
  }

  async release(name: string, owner: string): Promise<void> {
    await this.db.execute('DELETE FROM write_leases WHERE name = $1 AND owner = $2', [name, owner]);
  }
}

export class PostgresAlerts implements AlertRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async baselines(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ account_id: string; status: string }>(
      'SELECT account_id, status FROM alert_baselines',
    );
    return new Map(rows.map((r) => [r.account_id, r.status]));
  }

  async setBaseline(accountId: string, status: string, at: number): Promise<void> {
    await this.db.execute(
      `INSERT INTO alert_baselines (account_id, status, evaluated_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET status = EXCLUDED.status, evaluated_at = EXCLUDED.evaluated_at`,
      [accountId, status, at],
    );
  }

  async insert(row: Omit<AlertRow, 'state' | 'taskId'>): Promise<boolean> {
    const res = await this.db.execute(
      `INSERT INTO alerts (key, account_id, rule, window_start, created_at, state, task_id, detail)
       VALUES ($1, $2, $3, $4, $5, 'pending', NULL, $6) ON CONFLICT (key) DO NOTHING`,
      [row.key, row.accountId, row.rule, row.windowStart, row.createdAt, toJson(row.detail)],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async get(key: string): Promise<AlertRow | undefined> {
    const [row] = await this.db.query<AlertSqlRow>('SELECT * FROM alerts WHERE key = $1', [key]);
    return row && fromAlertRow(row);
  }

  async pending(): Promise<AlertRow[]> {
    const rows = await this.db.query<AlertSqlRow>(
      "SELECT * FROM alerts WHERE state = 'pending' ORDER BY created_at, key",
    );
    return rows.map(fromAlertRow);
  }

  async markCreated(key: string, taskId: string, detail: AlertDetail): Promise<void> {
    await this.db.execute("UPDATE alerts SET state = 'created', task_id = $1, detail = $2 WHERE key = $3", [
      taskId,
      toJson(detail),
      key,
    ]);
  }

  async updateDetail(key: string, detail: AlertDetail): Promise<void> {
    await this.db.execute('UPDATE alerts SET detail = $1 WHERE key = $2', [toJson(detail), key]);
  }

  async lastAt(rule: string, accountId: string): Promise<number | undefined> {
    const [row] = await this.db.query<{ at: number | null }>(
      'SELECT MAX(created_at) AS at FROM alerts WHERE rule = $1 AND account_id = $2',
      [rule, accountId],
    );
    return row?.at ?? undefined;
  }

  async forAccount(accountId: string): Promise<AlertRow[]> {
    const rows = await this.db.query<AlertSqlRow>(
      'SELECT * FROM alerts WHERE account_id = $1 ORDER BY created_at DESC, key',
      [accountId],
    );
    return rows.map(fromAlertRow);
  }
}
