import type { PendingSnapshotRow, SnapshotResult, SnapshotRowRepo } from '../snapshot-rows.ts';
import type { Sqlite } from './database.ts';

export class SqliteSnapshotRows implements SnapshotRowRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  confirmed(): Promise<Map<string, string>> {
    return this.s.run(() => {
      const rows = this.s
        .prepared(
          'SELECT snapshot_key, confirmed_content FROM snapshot_rows WHERE confirmed_content IS NOT NULL',
        )
        .all() as { snapshot_key: string; confirmed_content: string }[];
      return new Map(rows.map((r) => [r.snapshot_key, r.confirmed_content]));
    });
  }

  refused(): Promise<Map<string, string>> {
    return this.s.run(() => {
      const rows = this.s
        .prepared('SELECT snapshot_key, refused_content FROM snapshot_rows WHERE refused_content IS NOT NULL')
        .all() as { snapshot_key: string; refused_content: string }[];
      return new Map(rows.map((r) => [r.snapshot_key, r.refused_content]));
    });
  }

  markPending(jobId: string, rows: readonly PendingSnapshotRow[]): Promise<void> {
    return this.s.runAtomic(() => {
      const stmt = this.s.prepared(`INSERT INTO snapshot_rows
          (snapshot_key, account_id, week_start, pending_job, pending_content)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (snapshot_key) DO UPDATE SET pending_job = excluded.pending_job,
          pending_content = excluded.pending_content`);
      for (const r of rows) stmt.run(r.key, r.accountId, r.weekStart, jobId, r.content);
    });
  }

  pendingCount(jobId: string): Promise<number> {
    return this.s.run(
      () =>
        (
          this.s.prepared('SELECT COUNT(*) AS n FROM snapshot_rows WHERE pending_job = ?').get(jobId) as {
            n: number;
          }
        ).n,
    );
  }

  settle(jobId: string, results: readonly SnapshotResult[], at: number): Promise<void> {
    return this.s.runAtomic(() => {
      const ok = this.s.prepared(`UPDATE snapshot_rows SET confirmed_content = pending_content,
          confirmed_at = ?, last_error = NULL, refused_content = NULL
          WHERE snapshot_key = ? AND pending_job = ?`);
      const failed = this.s.prepared(
        `UPDATE snapshot_rows SET last_error = ?,
          refused_content = CASE WHEN ? THEN pending_content ELSE NULL END
          WHERE snapshot_key = ? AND pending_job = ?`,
      );
      for (const r of results)
        if (r.success) ok.run(at, r.key, jobId);
        else failed.run(r.error ?? 'refused', r.permanent ? 1 : 0, r.key, jobId);
      this.s
        .prepared('UPDATE snapshot_rows SET pending_job = NULL, pending_content = NULL WHERE pending_job = ?')
        .run(jobId);
    });
  }

  countBefore(weekStart: string): Promise<number> {
    return this.s.run(
      () =>
        (
          this.s.prepared('SELECT COUNT(*) AS n FROM snapshot_rows WHERE week_start < ?').get(weekStart) as {
            n: number;
          }
        ).n,
    );
  }

  pruneBefore(weekStart: string): Promise<number> {
    return this.s.runAtomic(() =>
      Number(this.s.prepared('DELETE FROM snapshot_rows WHERE week_start < ?').run(weekStart).changes),
    );
  }
}
