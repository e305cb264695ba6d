import type {
  AlertDetail,
  AlertRow,
  AlertState,
  ContactCount,
  DisputeHit,
  RiskTicketHit,
  WrittenValue,
} from '../../writeback/types.ts';
import type { LeaseResult, WritebackRepo } from '../writeback.ts';
import { type Sqlite, fromJson, toJson } from './database.ts';

interface AlertSqlRow {
  key: string;
  account_id: string;
  rule: string;
  window_start: number;
  created_at: number;
  state: AlertState;
  task_id: string | null;
  detail: string;
}

const fromAlertRow = (r: AlertSqlRow): AlertRow => ({
  key: r.key,
  accountId: r.account_id,
  rule: r.rule,
  windowStart: r.window_start,
  createdAt: r.created_at,
  state: r.state,
  taskId: r.task_id,
  detail: fromJson<AlertDetail>(r.detail, {
    task: {} as AlertDetail['task'],
    subjectPrefix: '',
    attempts: 0,
    lastError: null,
  }),
});

/** Values are stored as JSON text so that `null` (written empty) differs from SQL NULL (never confirmed). */
export class SqliteWriteback implements WritebackRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  confirmed(): Map<string, Record<string, WrittenValue>> {
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
  }

  recordConfirmed(accountId: string, values: Record<string, WrittenValue>, at: number): void {
    const stmt = this.s.prepared(`INSERT INTO written_fields
        (account_id, field, confirmed_value, confirmed_at, attempted_value, attempted_at, last_error)
      VALUES (?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (account_id, field) DO UPDATE SET confirmed_value = excluded.confirmed_value,
        confirmed_at = excluded.confirmed_at, attempted_value = excluded.attempted_value,
        attempted_at = excluded.attempted_at, last_error = NULL`);
    this.s.transaction(() => {
      for (const [field, value] of Object.entries(values)) {
        const json = toJson(value);
        stmt.run(accountId, field, json, at, json, at);
      }
    });
  }

  recordFailed(accountId: string, values: Record<string, WrittenValue>, error: string, at: number): void {
    const stmt = this.s.prepared(`INSERT INTO written_fields
        (account_id, field, confirmed_value, confirmed_at, attempted_value, attempted_at, last_error)
      VALUES (?, ?, NULL, NULL, ?, ?, ?)
      ON CONFLICT (account_id, field) DO UPDATE SET attempted_value = excluded.attempted_value,
        attempted_at = excluded.attempted_at, last_error = excluded.last_error`);
    this.s.transaction(() => {
      for (const [field, value] of Object.entries(values))
        stmt.run(accountId, field, toJson(value), at, error);
    });
  }

  acquireLease(name: string, owner: string, ttlMs: number, now: number): LeaseResult {
    // One statement: the upsert only overwrites an expired lease or our own, so two writers cannot both win.
    const res = this.s
      .prepared(
        `INSERT INTO write_leases (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE write_leases.expires_at <= ? OR write_leases.owner = excluded.owner`,
      )
      .run(name, owner, now + ttlMs, now);
    if (Number(res.changes) > 0) return { acquired: true };
    const holder = this.s.prepared('SELECT owner, expires_at FROM write_leases WHERE name = ?').get(name) as
      { owner: string; expires_at: number } | undefined;
    return holder
      ? { acquired: false, holder: holder.owner, expiresAt: holder.expires_at }
      : { acquired: false };
  }

  releaseLease(name: string, owner: string): void {
    this.s.prepared('DELETE FROM write_leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  alertBaselines(): Map<string, string> {
    const rows = this.s.prepared('SELECT account_id, status FROM alert_baselines').all() as {
      account_id: string;
      status: string;
    }[];
    return new Map(rows.map((r) => [r.account_id, r.status]));
  }

  setAlertBaseline(accountId: string, status: string, at: number): void {
    this.s
      .prepared(
        `INSERT INTO alert_baselines (account_id, status, evaluated_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, evaluated_at = excluded.evaluated_at`,
      )
      .run(accountId, status, at);
  }

  insertAlert(row: Omit<AlertRow, 'state' | 'taskId'>): boolean {
    const res = this.s
      .prepared(
        `INSERT OR IGNORE INTO alerts (key, account_id, rule, window_start, created_at, state, task_id, detail)
         VALUES (?, ?, ?, ?, ?, 'pending', NULL, ?)`,
      )
      .run(row.key, row.accountId, row.rule, row.windowStart, row.createdAt, toJson(row.detail));
    return Number(res.changes) > 0;
  }

  alert(key: string): AlertRow | undefined {
    const row = this.s.prepared('SELECT * FROM alerts WHERE key = ?').get(key) as AlertSqlRow | undefined;
    return row && fromAlertRow(row);
  }

  pendingAlerts(): AlertRow[] {
    const rows = this.s
      .prepared("SELECT * FROM alerts WHERE state = 'pending' ORDER BY created_at, key")
      .all() as unknown as AlertSqlRow[];
    return rows.map(fromAlertRow);
  }

  markAlertCreated(key: string, taskId: string, detail: AlertDetail): void {
    this.s
      .prepared("UPDATE alerts SET state = 'created', task_id = ?, detail = ? WHERE key = ?")
      .run(taskId, toJson(detail), key);
  }

  updateAlertDetail(key: string, detail: AlertDetail): void {
    this.s.prepared('UPDATE alerts SET detail = ? WHERE key = ?').run(toJson(detail), key);
  }

  lastAlertAt(rule: string, accountId: string): number | undefined {
    const row = this.s
      .prepared('SELECT MAX(created_at) AS at FROM alerts WHERE rule = ? AND account_id = ?')
      .get(rule, accountId) as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }

  riskTickets(since: number, until: number): RiskTicketHit[] {
    return (
      this.s
        .prepared(
          `SELECT l.account_id, t.id AS ticket_id FROM tickets t
           JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
           WHERE t.risk_flag = 1 AND t.updated_at >= ? AND t.updated_at < ?
           ORDER BY l.account_id, t.id`,
        )
        .all(since, until) as { account_id: string; ticket_id: string }[]
    ).map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id }));
  }

  contactCounts(since: number, until: number): ContactCount[] {
    return (
      this.s
        .prepared(
          `SELECT account_id, SUM(tickets) AS tickets, SUM(calls) AS calls FROM (
             SELECT l.account_id, COUNT(*) AS tickets, 0 AS calls FROM tickets t
               JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
               WHERE t.created_at >= ? AND t.created_at < ? GROUP BY l.account_id
             UNION ALL
             SELECT l.account_id, 0, COUNT(*) FROM calls c
               JOIN account_links l ON l.entity = 'call' AND l.entity_id = c.id
               WHERE c.started_at >= ? AND c.started_at < ? GROUP BY l.account_id
           ) GROUP BY account_id ORDER BY account_id`,
        )
        .all(since, until, since, until) as { account_id: string; tickets: number; calls: number }[]
    ).map((r) => ({ accountId: r.account_id, tickets: r.tickets, calls: r.calls }));
  }

  disputeTickets(category: string, minAmount: number, since: number, until: number): DisputeHit[] {
    return (
      this.s
        .prepared(
          `SELECT l.account_id, t.id AS ticket_id, t.amount FROM tickets t
           JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
           WHERE t.category = ? AND t.amount >= ? AND t.updated_at >= ? AND t.updated_at < ?
           ORDER BY l.account_id, t.amount DESC, t.id`,
        )
        .all(category, minAmount, since, until) as { account_id: string; ticket_id: string; amount: number }[]
    ).map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id, amount: r.amount }));
  }
}
