import { fromAuditRow, fromRunRow, type AuditRow, type RunRow } from '../rows.ts';
import type { AuditEntry, AuditRepo, RunRecord, RunRepo, RunStatus } from '../store.ts';
import { type Postgres, toJson } from './database.ts';

export class PostgresRuns implements RunRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async start(trigger: string, options: Record<string, unknown>): Promise<RunRecord> {
    const [row] = await this.db.query<RunRow>(
      "INSERT INTO runs (trigger, started_at, status, options, stats) VALUES ($1, $2, 'running', $3, '{}') RETURNING *",
      [trigger, Date.now(), toJson(options)],
    );
    return fromRunRow(row!);
  }

  async update(id: number, stats: Record<string, unknown>): Promise<void> {
    // A progress write that lands after the end (it is not awaited) must not undo the final stats.
    await this.db.execute("UPDATE runs SET stats = $1 WHERE id = $2 AND status = 'running'", [
      toJson(stats),
      id,
    ]);
  }

  async finish(
    id: number,
    status: Exclude<RunStatus, 'running'>,
    stats: Record<string, unknown>,
    error?: string,
  ): Promise<void> {
    await this.db.execute(
      'UPDATE runs SET status = $1, stats = $2, error = $3, ended_at = $4 WHERE id = $5',
      [status, toJson(stats), error ?? null, Date.now(), id],
    );
  }

  async get(id: number): Promise<RunRecord | undefined> {
    const [row] = await this.db.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    return row && fromRunRow(row);
  }

  async list(options: { limit?: number; beforeId?: number } = {}): Promise<RunRecord[]> {
    const rows = await this.db.query<RunRow>('SELECT * FROM runs WHERE id < $1 ORDER BY id DESC LIMIT $2', [
      options.beforeId ?? Number.MAX_SAFE_INTEGER,
      options.limit ?? 50,
    ]);
    return rows.map(fromRunRow);
  }

  async abandonStale(reason: string): Promise<number> {
    const res = await this.db.execute(
      "UPDATE runs SET status = 'failed', error = $1, ended_at = $2 WHERE status = 'running'",
      [reason, Date.now()],
    );
    return res.rowCount ?? 0;
  }
}

/** Append-only: there is no update or delete. */
export class PostgresAudit implements AuditRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: number }): Promise<AuditEntry> {
    const at = entry.at ?? Date.now();
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO audit (at, actor, action, target, before_digest, after_digest, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [
        at,
        entry.actor,
        entry.action,
        entry.target,
        entry.beforeDigest,
        entry.afterDigest,
        toJson(entry.detail),
      ],
    );
    return { ...entry, id: row!.id, at };
  }

  async list(options: { limit?: number; beforeId?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      'SELECT * FROM audit WHERE id < $1 ORDER BY id DESC LIMIT $2',
      [options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100],
    );
    return rows.map(fromAuditRow);
  }

  async forTarget(target: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>('SELECT * FROM audit WHERE target = $1 ORDER BY id LIMIT $2', [
      target,
      limit,
    ]);
    return rows.map(fromAuditRow);
  }
}
