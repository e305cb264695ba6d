import type { AccountScore, HealthStatus } from '../score/types.ts';

/** One account's score on one UTC day (the last one computed that day). */
export interface ScoreSnapshot {
  accountId: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  score: number | null;
  status: HealthStatus;
  scorecardVersion: string;
  /** Computed afterwards from the stored facts as of the end of that day, not by a run on it. */
  rebuilt: boolean;
}

/**
 * Meta key of what the snapshot stage concluded from the stored history of past weeks (nothing left to
 * send): `saveRebuilt`, the one writer of past days, deletes it in its transaction.
 */
export const SNAPSHOTS_SETTLED_KEY = 'salesforce.snapshots.settled';

export interface ScoreRepo {
  /** The account's latest saved score, e.g. the previous one before a run saves its own. */
  latest(accountId: string): Promise<AccountScore | undefined>;
  /** Every account's latest saved score. */
  latestAll(): Promise<Map<string, AccountScore>>;
  /** When every account's latest saved score was computed (without reading its detail). */
  latestComputedAt(): Promise<Map<string, number>>;
  /** Every account's latest saved status (what a run compares against, without each score's detail). */
  latestStatuses(): Promise<Map<string, HealthStatus>>;
  /**
   * In one transaction: each account's latest score, and its snapshot for `day`; a later save on
   * the same day replaces that day's snapshot.
   */
  save(scores: AccountScore[], day: string): Promise<void>;
  /**
   * Saves rebuilt snapshots (`rebuilt` is taken as true). Each replaces the stored snapshot of its
   * account and day only when there is none, or it was rebuilt too, or another scorecard version made
   * it: a live snapshot of the same version stays. Accounts' latest scores are untouched, and
   * `SNAPSHOTS_SETTLED_KEY` is forgotten. Returns how many were written.
   */
  saveRebuilt(snapshots: Omit<ScoreSnapshot, 'rebuilt'>[]): Promise<number>;
  /**
   * Forgets the latest score of Accounts no longer in the store (deleted in Salesforce, or no longer
   * matching the `where`); their daily snapshots stay, as history. Returns how many went.
   */
  pruneMissingAccounts(): Promise<number>;
  /** One account's snapshots between two UTC days (both included), oldest first. */
  history(accountId: string, range?: { from?: string; to?: string }): Promise<ScoreSnapshot[]>;
  /** The snapshots of every account (or only of `accounts`) on the given days. */
  snapshotsOn(days: string[], accounts?: readonly string[]): Promise<ScoreSnapshot[]>;
}
