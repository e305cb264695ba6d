import type { AlertDetail, AlertRow } from '../../writeback/types.ts';
import type { AlertRepo } from '../alerts.ts';
import { type Sqlite, toJson } from './database.ts';
import { fromAlertRow, type AlertSqlRow } from '../rows.ts';

export class SqliteAlerts implements AlertRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  baselines(): Promise<Map<string, string>> {
    return this.s.run(() => {
      const rows = this.s.prepared('SELECT account_id, status FROM alert_baselines').all() as {
        account_id: string;
        status: string;
      }[];
      return new Map(rows.map((r) => [r.account_id, r.status]));
    });
  }

  setBaseline(accountId: string, status: string, at: number): Promise<void> {
    return this.s.run(() => {
      this.s
        .prepared(
          `INSERT INTO alert_baselines (account_id, status, evaluated_at) VALUES (?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, evaluated_at = excluded.evaluated_at`,
        )
        .run(accountId, status, at);
    });
  }

  insert(row: Omit<AlertRow, 'state' | 'taskId'>): Promise<boolean> {
    return this.s.run(() => {
      const res = this.s
        .prepared(
          `INSERT OR IGNORE INTO alerts (key, account_id, rule, window_start, created_at, state, task_id, detail)
           VALUES (?, ?, ?, ?, ?, 'pending', NULL, ?)`,
        )
        .run(row.key, row.accountId, row.rule, row.windowStart, row.createdAt, toJson(row.detail));
      return Number(res.changes) > 0;
    });
  }

  get(key: string): Promise<AlertRow | undefined> {
    return this.s.run(() => {
      const row = this.s.prepared('SELECT * FROM alerts WHERE key = ?').get(key) as AlertSqlRow | undefined;
      return row && fromAlertRow(row);
    });
  }

  pending(): Promise<AlertRow[]> {
    return this.s.run(() => {
      const rows = this.s
        .prepared("SELECT * FROM alerts WHERE state = 'pending' ORDER BY created_at, key")
        .all() as unknown as AlertSqlRow[];
      return rows.map(fromAlertRow);
    });
  }

  markCreated(key: string, taskId: string, detail: AlertDetail): Promise<void> {
    return this.s.run(() => {
      this.s
        .prepared("UPDATE alerts SET state = 'created', task_id = ?, detail = ? WHERE key = ?")
        .run(taskId, toJson(detail), key);
    });
  }

  updateDetail(key: string, detail: AlertDetail): Promise<void> {
    return this.s.run(() => {
      this.s.prepared('UPDATE alerts SET detail = ? WHERE key = ?').run(toJson(detail), key);
    });
  }

  lastAt(rule: string, accountId: string): Promise<number | undefined> {
    return this.s.run(() => {
      const row = this.s
        .prepared('SELECT MAX(created_at) AS at FROM alerts WHERE rule = ? AND account_id = ?')
        .get(rule, accountId) as { at: number | null } | undefined;
      return row?.at ?? undefined;
    });
  }

  forAccount(accountId: string): Promise<AlertRow[]> {
    return this.s.run(() =>
      (
        this.s
          .prepared('SELECT * FROM alerts WHERE account_id = ? ORDER BY created_at DESC, key')
          .all(accountId) as unknown as AlertSqlRow[]
      ).map(fromAlertRow),
    );
  }
}
