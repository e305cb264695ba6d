import type { RunRecord, RunRepo, RunStatus } from '../store.ts';
import { type Sqlite, fromJson, toJson } from './database.ts';

interface RunRow {
  id: number;
  trigger: string;
  started_at: number;
  ended_at: number | null;
  status: RunStatus;
  options: string;
  stats: string;
  error: string | null;
}

const fromRunRow = (r: RunRow): RunRecord => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  status: r.status,
  options: fromJson(r.options, {}),
  stats: fromJson(r.stats, {}),
  error: r.error,
});

export class SqliteRuns implements RunRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  start(trigger: string, options: Record<string, unknown>): RunRecord {
    const now = Date.now();
    const res = this.s.db
      .prepare(
        "INSERT INTO runs (trigger, started_at, status, options, stats) VALUES (?, ?, 'running', ?, '{}')",
      )
      .run(trigger, now, toJson(options));
    return this.get(Number(res.lastInsertRowid))!;
  }

  update(id: number, stats: Record<string, unknown>): void {
    this.s.db.prepare('UPDATE runs SET stats = ? WHERE id = ?').run(toJson(stats), id);
  }

  finish(
    id: number,
    status: Exclude<RunStatus, 'running'>,
    stats: Record<string, unknown>,
    error?: string,
  ): void {
    this.s.db
      .prepare('UPDATE runs SET status = ?, stats = ?, error = ?, ended_at = ? WHERE id = ?')
      .run(status, toJson(stats), error ?? null, Date.now(), id);
  }

  get(id: number): RunRecord | undefined {
    const row = this.s.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && fromRunRow(row);
  }

  list(options: { limit?: number; beforeId?: number } = {}): RunRecord[] {
    const rows = this.s.db
      .prepare('SELECT * FROM runs WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 50) as unknown as RunRow[];
    return rows.map(fromRunRow);
  }

  abandonStale(reason: string): number {
    const res = this.s.db
      .prepare("UPDATE runs SET status = 'failed', error = ?, ended_at = ? WHERE status = 'running'")
      .run(reason, Date.now());
    return Number(res.changes);
  }
}
