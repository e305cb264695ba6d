import type { StatementSync } from 'node:sqlite';
import type { AccountScore, HealthStatus } from '../../score/types.ts';
import { fromSnapshotRow, parseScoreDetail as parseDetail, type SnapshotRow } from '../rows.ts';
import { SNAPSHOTS_SETTLED_KEY, type ScoreRepo, type ScoreSnapshot } from '../scores.ts';
import { type Sqlite, toJson } from './database.ts';

export class SqliteScores implements ScoreRepo {
  private readonly s: Sqlite;
  private readonly upsertScore: StatementSync;
  private readonly upsertSnapshot: StatementSync;
  private readonly upsertRebuilt: StatementSync;

  constructor(s: Sqlite) {
    this.s = s;
    this.upsertScore = s.db.prepare(`INSERT INTO scores
      (account_id, computed_at, score, status, scorecard_version, segment, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET computed_at = excluded.computed_at, score = excluded.score,
        status = excluded.status, scorecard_version = excluded.scorecard_version, segment = excluded.segment,
        detail = excluded.detail`);
    this.upsertSnapshot = s.db.prepare(`INSERT INTO score_history
      (account_id, day, score, status, scorecard_version, rebuilt) VALUES (?, ?, ?, ?, ?, 0)
      ON CONFLICT (account_id, day) DO UPDATE SET score = excluded.score, status = excluded.status,
        scorecard_version = excluded.scorecard_version, rebuilt = 0`);
    this.upsertRebuilt = s.db.prepare(`INSERT INTO score_history
      (account_id, day, score, status, scorecard_version, rebuilt) VALUES (?, ?, ?, ?, ?, 1)
      ON CONFLICT (account_id, day) DO UPDATE SET score = excluded.score, status = excluded.status,
        scorecard_version = excluded.scorecard_version, rebuilt = 1
      WHERE score_history.rebuilt = 1 OR score_history.scorecard_version <> excluded.scorecard_version`);
  }

  latest(accountId: string): Promise<AccountScore | undefined> {
    return this.s.run(() => {
      const row = this.s.db.prepare('SELECT detail FROM scores WHERE account_id = ?').get(accountId) as
        { detail: string } | undefined;
      return row && parseDetail(row.detail);
    });
  }

  latestAll(): Promise<Map<string, AccountScore>> {
    return this.s.run(() => {
      const out = new Map<string, AccountScore>();
      for (const row of this.s.db
        .prepare('SELECT account_id, detail FROM scores ORDER BY account_id')
        .iterate())
        out.set((row as { account_id: string }).account_id, parseDetail((row as { detail: string }).detail));
      return out;
    });
  }

  latestComputedAt(): Promise<Map<string, number>> {
    return this.s.run(() => {
      const rows = this.s.db.prepare('SELECT account_id, computed_at FROM scores').all() as {
        account_id: string;
        computed_at: number;
      }[];
      return new Map(rows.map((r) => [r.account_id, Number(r.computed_at)]));
    });
  }

  latestStatuses(): Promise<Map<string, HealthStatus>> {
    return this.s.run(() => {
      const rows = this.s.db.prepare('SELECT account_id, status FROM scores').all() as {
        account_id: string;
        status: HealthStatus;
      }[];
      return new Map(rows.map((r) => [r.account_id, r.status]));
    });
  }

  save(scores: AccountScore[], day: string): Promise<void> {
    return this.s.runAtomic(() => {
      for (const sc of scores) {
        this.upsertScore.run(
          sc.accountId,
          sc.computedAt,
          sc.score,
          sc.status,
          sc.scorecardVersion,
          sc.segment,
          toJson(sc),
        );
        this.upsertSnapshot.run(sc.accountId, day, sc.score, sc.status, sc.scorecardVersion);
      }
    });
  }

  saveRebuilt(snapshots: Omit<ScoreSnapshot, 'rebuilt'>[]): Promise<number> {
    return this.s.runAtomic(() => {
      this.s.db.prepare('DELETE FROM meta WHERE key = ?').run(SNAPSHOTS_SETTLED_KEY);
      let written = 0;
      for (const sn of snapshots)
        written += Number(
          this.upsertRebuilt.run(sn.accountId, sn.day, sn.score, sn.status, sn.scorecardVersion).changes,
        );
      return written;
    });
  }

  pruneMissingAccounts(): Promise<number> {
    return this.s.run(() => {
      const r = this.s.db
        .prepare('DELETE FROM scores WHERE account_id NOT IN (SELECT id FROM accounts)')
        .run();
      return Number(r.changes);
    });
  }

  history(accountId: string, range: { from?: string; to?: string } = {}): Promise<ScoreSnapshot[]> {
    return this.s.run(() => {
      const rows = this.s.db
        .prepare('SELECT * FROM score_history WHERE account_id = ? AND day BETWEEN ? AND ? ORDER BY day')
        .all(accountId, range.from ?? '0000-00-00', range.to ?? '9999-99-99') as unknown as SnapshotRow[];
      return rows.map(fromSnapshotRow);
    });
  }

  snapshotsOn(days: string[], accounts?: readonly string[]): Promise<ScoreSnapshot[]> {
    if (days.length === 0) return Promise.resolve([]);
    const marks = days.map(() => '?').join(', ');
    const only = accounts === undefined ? '' : ' AND account_id IN (SELECT value FROM json_each(?))';
    const sql = `SELECT * FROM score_history WHERE day IN (${marks})${only} ORDER BY account_id, day`;
    const args = accounts === undefined ? days : [...days, JSON.stringify(accounts)];
    return this.s.run(() =>
      (this.s.db.prepare(sql).all(...args) as unknown as SnapshotRow[]).map(fromSnapshotRow),
    );
  }
}
