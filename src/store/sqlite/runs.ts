import { fromRunRow, type RunRow } from '../rows.ts';
import type { RunRecord, RunRepo, RunStatus } from '../store.ts';
import { type Sqlite, toJson } from './database.ts';

export class SqliteRuns implements RunRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  start(trigger: string, options: Record<string, unknown>): Promise<RunRecord> {
    const now = Date.now();
    return this.s.run(() => {
      const res = this.s.db
        .prepare(
          "INSERT INTO runs (trigger, started_at, status, options, stats) VALUES (?, ?, 'running', ?, '{}')",
        )
        .run(trigger, now, toJson(options));
      return this.read(Number(res.lastInsertRowid))!;
    });
  }

  update(id: number, stats: Record<string, unknown>): Promise<void> {
    return this.s.run(() => {
      // A progress write that lands after the end (it is not awaited) must not undo the final stats.
      this.s.db
        .prepare("UPDATE runs SET stats = ? WHERE id = ? AND status = 'running'")
        .run(toJson(stats), id);
    });
  }

  finish(
    id: number,
    status: Exclude<RunStatus, 'running'>,
    stats: Record<string, unknown>,
    error?: string,
  ): Promise<void> {
    const now = Date.now();
    return this.s.run(() => {
      this.s.db
        .prepare('UPDATE runs SET status = ?, stats = ?, error = ?, ended_at = ? WHERE id = ?')
        .run(status, toJson(stats), error ?? null, now, id);
    });
  }

  get(id: number): Promise<RunRecord | undefined> {
    return this.s.run(() => this.read(id));
  }

  list(options: { limit?: number; beforeId?: number } = {}): Promise<RunRecord[]> {
    return this.s.run(() => {
      const rows = this.s.db
        .prepare('SELECT * FROM runs WHERE id < ? ORDER BY id DESC LIMIT ?')
        .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 50) as unknown as RunRow[];
      return rows.map(fromRunRow);
    });
  }

  abandonStale(reason: string): Promise<number> {
    const now = Date.now();
    return this.s.run(() => {
      const res = this.s.db
        .prepare("UPDATE runs SET status = 'failed', error = ?, ended_at = ? WHERE status = 'running'")
        .run(reason, now);
      return Number(res.changes);
    });
  }

  private read(id: number): RunRecord | undefined {
    const row = this.s.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && fromRunRow(row);
  }
}
