import type { AccountScore, HealthStatus } from '../../score/types.ts';
import { fromSnapshotRow, parseScoreDetail as parseDetail, type SnapshotRow } from '../rows.ts';
import { SNAPSHOTS_SETTLED_KEY, type ScoreRepo, type ScoreSnapshot } from '../scores.ts';
import { insertMany } from './batches.ts';
import { type Postgres, toJson } from './database.ts';

export class PostgresScores implements ScoreRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async latest(accountId: string): Promise<AccountScore | undefined> {
    const [row] = await this.db.query<{ detail: string }>('SELECT detail FROM scores WHERE account_id = $1', [
      accountId,
    ]);
    return row && parseDetail(row.detail);
  }

  async latestAll(): Promise<Map<string, AccountScore>> {
    const rows = await this.db.query<{ account_id: string; detail: string }>(
      'SELECT account_id, detail FROM scores ORDER BY account_id',
    );
    return new Map(rows.map((r) => [r.account_id, parseDetail(r.detail)]));
  }

  async latestComputedAt(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ account_id: string; computed_at: string | number }>(
      'SELECT account_id, computed_at FROM scores',
    );
    return new Map(rows.map((r) => [r.account_id, Number(r.computed_at)]));
  }

  async latestStatuses(): Promise<Map<string, HealthStatus>> {
    const rows = await this.db.query<{ account_id: string; status: HealthStatus }>(
      'SELECT account_id, status FROM scores',
    );
    return new Map(rows.map((r) => [r.account_id, r.status]));
  }

  save(scores: AccountScore[], day: string): Promise<void> {
    return this.db.transaction(async () => {
      const latest = insertMany(
        'scores',
        ['account_id', 'computed_at', 'score', 'status', 'scorecard_version', 'segment', 'detail'],
        scores.map((sc) => [
          sc.accountId,
          sc.computedAt,
          sc.score,
          sc.status,
          sc.scorecardVersion,
          sc.segment,
          toJson(sc),
        ]),
        `ON CONFLICT (account_id) DO UPDATE SET computed_at = EXCLUDED.computed_at, score = EXCLUDED.score,
          status = EXCLUDED.status, scorecard_version = EXCLUDED.scorecard_version, segment = EXCLUDED.segment,
          detail = EXCLUDED.detail`,
        (row) => String(row[0]),
      );
      const snapshots = insertMany(
        'score_history',
        ['account_id', 'day', 'score', 'status', 'scorecard_version', 'rebuilt'],
        scores.map((sc) => [sc.accountId, day, sc.score, sc.status, sc.scorecardVersion, 0]),
        `ON CONFLICT (account_id, day) DO UPDATE SET score = EXCLUDED.score, status = EXCLUDED.status,
          scorecard_version = EXCLUDED.scorecard_version, rebuilt = 0`,
        (row) => String(row[0]),
      );
      for (const { sql, params } of [...latest, ...snapshots]) await this.db.execute(sql, params);
    });
  }

  saveRebuilt(snapshots: Omit<ScoreSnapshot, 'rebuilt'>[]): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.execute('DELETE FROM meta WHERE key = $1', [SNAPSHOTS_SETTLED_KEY]);
      let written = 0;
      const statements = insertMany(
        'score_history',
        ['account_id', 'day', 'score', 'status', 'scorecard_version', 'rebuilt'],
        snapshots.map((sn) => [sn.accountId, sn.day, sn.score, sn.status, sn.scorecardVersion, 1]),
        `ON CONFLICT (account_id, day) DO UPDATE SET score = EXCLUDED.score, status = EXCLUDED.status,
          scorecard_version = EXCLUDED.scorecard_version, rebuilt = 1
        WHERE score_history.rebuilt = 1 OR score_history.scorecard_version <> EXCLUDED.scorecard_version`,
        (row) => `${String(row[0])}\n${String(row[1])}`,
      );
      for (const { sql, params } of statements) written += (await this.db.execute(sql, params)).rowCount ?? 0;
      return written;
    });
  }

  async pruneMissingAccounts(): Promise<number> {
    const res = await this.db.execute('DELETE FROM scores WHERE account_id NOT IN (SELECT id FROM accounts)');
    return res.rowCount ?? 0;
  }

  async history(accountId: string, range: { from?: string; to?: string } = {}): Promise<ScoreSnapshot[]> {
    const rows = await this.db.query<SnapshotRow>(
      'SELECT * FROM score_history WHERE account_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day',
      [accountId, range.from ?? '0000-00-00', range.to ?? '9999-99-99'],
    );
    return rows.map(fromSnapshotRow);
  }

  async snapshotsOn(days: string[], accounts?: readonly string[]): Promise<ScoreSnapshot[]> {
    if (days.length === 0) return [];
    const rows = await this.db.query<SnapshotRow>(
      `SELECT * FROM score_history WHERE day = ANY($1::text[])${accounts === undefined ? '' : ' AND account_id = ANY($2::text[])'}
       ORDER BY account_id, day`,
      accounts === undefined ? [days] : [days, accounts],
    );
    return rows.map(fromSnapshotRow);
  }
}
