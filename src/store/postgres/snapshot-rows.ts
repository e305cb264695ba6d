import type { PendingSnapshotRow, SnapshotResult, SnapshotRowRepo } from '../snapshot-rows.ts';
import { insertMany } from './batches.ts';
import type { Postgres } from './database.ts';

/**
 * What a job's results leave on one row, as SQLite's one update per result in order does: confirmed
 * if any result succeeded, and the error and refusal of the last result (a success clears both).
 */
interface Outcome {
  confirm: boolean;
  error: string | null;
  refuse: boolean;
}

function outcomes(results: readonly SnapshotResult[]): Map<string, Outcome> {
  const byKey = new Map<string, Outcome>();
  for (const r of results) {
    const confirm = (byKey.get(r.key)?.confirm ?? false) || r.success;
    byKey.set(
      r.key,
      r.success
        ? { confirm, error: null, refuse: false }
        : { confirm, error: r.error ?? 'refused', refuse: r.permanent === true },
    );
  }
  return byKey;
}

export class PostgresSnapshotRows implements SnapshotRowRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async confirmed(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ snapshot_key: string; confirmed_content: string }>(
      'SELECT snapshot_key, confirmed_content FROM snapshot_rows WHERE confirmed_content IS NOT NULL',
    );
    return new Map(rows.map((r) => [r.snapshot_key, r.confirmed_content]));
  }

  async refused(): Promise<Map<string, string>> {
    const rows = await this.db.query<{ snapshot_key: string; refused_content: string }>(
      'SELECT snapshot_key, refused_content FROM snapshot_rows WHERE refused_content IS NOT NULL',
    );
    return new Map(rows.map((r) => [r.snapshot_key, r.refused_content]));
  }

  markPending(jobId: string, rows: readonly PendingSnapshotRow[]): Promise<void> {
    // A key given twice: SQLite's second upsert changes only the job and content, so the account and
    // week stay the first row's.
    const merged = new Map<string, PendingSnapshotRow>();
    for (const r of rows) {
      const first = merged.get(r.key);
      merged.set(r.key, first ? { ...first, content: r.content } : r);
    }
    return this.db.transaction(async () => {
      const statements = insertMany(
        'snapshot_rows',
        ['snapshot_key', 'account_id', 'week_start', 'pending_job', 'pending_content'],
        [...merged.values()].map((r) => [r.key, r.accountId, r.weekStart, jobId, r.content]),
        `ON CONFLICT (snapshot_key) DO UPDATE SET pending_job = EXCLUDED.pending_job,
          pending_content = EXCLUDED.pending_content`,
        (row) => String(row[0]),
      );
      for (const { sql, params } of statements) await this.db.execute(sql, params);
    });
  }

  async pendingCount(jobId: string): Promise<number> {
    return (
      await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM snapshot_rows WHERE pending_job = $1', [
        jobId,
      ])
    )[0]!.n;
  }

  settle(jobId: string, results: readonly SnapshotResult[], at: number): Promise<void> {
    const byKey = outcomes(results);
    return this.db.transaction(async () => {
      if (byKey.size > 0)
        await this.db.execute(
          `UPDATE snapshot_rows t SET
             confirmed_content = CASE WHEN v.confirm THEN t.pending_content ELSE t.confirmed_content END,
             confirmed_at = CASE WHEN v.confirm THEN $5::bigint ELSE t.confirmed_at END,
             last_error = v.error,
             refused_content = CASE WHEN v.refuse THEN t.pending_content ELSE NULL END
           FROM unnest($1::text[], $2::boolean[], $3::text[], $4::boolean[]) AS v(key, confirm, error, refuse)
           WHERE t.snapshot_key = v.key AND t.pending_job = $6`,
          [
            [...byKey.keys()],
            [...byKey.values()].map((o) => o.confirm),
            [...byKey.values()].map((o) => o.error),
            [...byKey.values()].map((o) => o.refuse),
            at,
            jobId,
          ],
        );
      await this.db.execute(
        'UPDATE snapshot_rows SET pending_job = NULL, pending_content = NULL WHERE pending_job = $1',
        [jobId],
      );
    });
  }

  async countBefore(weekStart: string): Promise<number> {
    return (
      await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM snapshot_rows WHERE week_start < $1', [
        weekStart,
      ])
    )[0]!.n;
  }

  async pruneBefore(weekStart: string): Promise<number> {
    return (
      (await this.db.execute('DELETE FROM snapshot_rows WHERE week_start < $1', [weekStart])).rowCount ?? 0
    );
  }
}
