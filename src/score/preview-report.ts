import type { Reread } from '../facts/reread.ts';
import { round1 } from './format.ts';
import type { AccountScore, HealthStatus } from './types.ts';

/** One account's live breakdown beside the score a run last saved. */
export interface AccountPreview {
  account: { id: string; name: string; tier: string | null };
  /** The score as the given mappings compute it now, with its full breakdown. */
  score: AccountScore;
  /** The last score a run saved, for comparison (null before the first run). */
  saved: AccountScore | null;
}

export interface StatusChange {
  accountId: string;
  name: string;
  from: HealthStatus;
  to: HealthStatus;
  scoreFrom: number | null;
  scoreTo: number | null;
}

export interface Mover extends StatusChange {
  delta: number;
}

export interface DeltaBucket {
  bucket: string;
  count: number;
}

/** The Salesforce writes of one scoring: records and how many of them change each field. */
export interface PlannedWrites {
  records: number;
  fields: Record<string, number>;
  method: 'collections' | 'bulk';
}

/**
 * What the next run would write to Salesforce with the proposed configuration, and what it would
 * write without it, both against the values Salesforce last confirmed: the difference is the
 * change's own writes. Without the Account describe, default field types apply (a preview makes no
 * Salesforce call), so a field whose scale rounds differently may count here and not in the run.
 */
export interface PreviewWrites {
  proposed: PlannedWrites;
  current: PlannedWrites;
  /** Records whose written values differ between the two (the writes the change itself causes). */
  changedRecords: number;
  /** Of those, how many change each field. */
  changedFields: Record<string, number>;
}

/** What a proposed mapping directory would change, over the same stored facts and `now`. */
export interface MappingPreview {
  now: number;
  accounts: number;
  current: { scorecardVersion: string; byStatus: Record<HealthStatus, number> };
  proposed: { scorecardVersion: string; byStatus: Record<HealthStatus, number> };
  /** Accounts whose status would change, most severe change first. */
  statusChanges: StatusChange[];
  /** How many accounts move from each status to each other one (changes only). */
  transitions: { from: HealthStatus; to: HealthStatus; count: number }[];
  /** Distribution of score changes (proposed − current), in fixed buckets. */
  deltas: DeltaBucket[];
  /** The largest score changes either way. */
  biggestMovers: Mover[];
  /**
   * "health dropped" Tasks the status changes would open once in force: always 0, a change of
   * configuration moves the alert baselines instead (the run records it under `configChanges`).
   */
  tasks: 0;
  /** E.g. the scorecard's content changed under the same version label. */
  warnings: string[];
  /** The streams the next sync would read again from their start under the proposed files. */
  reread: Reread[];
  /** Scores by tens (0–10 … 90–100; 100 in the last bin), now and with the change; no score in none. */
  histogram: { current: number[]; proposed: number[] };
  /** The Salesforce writes the change would cause (when the mappings include salesforce.yaml). */
  writes?: PreviewWrites;
}

/** Ten bins of ten points; a score of 100 falls in the last one. */
export function scoreHistogram(scores: readonly AccountScore[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const s of scores)
    if (s.score !== null) bins[Math.min(9, Math.max(0, Math.floor(s.score / 10)))]! += 1;
  return bins;
}

const STATUSES: HealthStatus[] = ['green', 'yellow', 'red', 'insufficient_data'];
const RANK: Record<HealthStatus, number> = { green: 0, yellow: 1, red: 2, insufficient_data: 3 };

/**
 * Fixed buckets of (proposed − current), so two previews compare. A boundary belongs to the bucket
 * farther from zero: a change of exactly −5 is "lower by 5 to 10", +1 is "higher by 1 to 5".
 */
const BUCKETS: { bucket: string; test: (d: number) => boolean }[] = [
  { bucket: 'lower by 20 or more', test: (d) => d <= -20 },
  { bucket: 'lower by 10 to 20', test: (d) => d > -20 && d <= -10 },
  { bucket: 'lower by 5 to 10', test: (d) => d > -10 && d <= -5 },
  { bucket: 'lower by 1 to 5', test: (d) => d > -5 && d <= -1 },
  { bucket: 'within 1 point', test: (d) => d > -1 && d < 1 },
  { bucket: 'higher by 1 to 5', test: (d) => d >= 1 && d < 5 },
  { bucket: 'higher by 5 to 10', test: (d) => d >= 5 && d < 10 },
  { bucket: 'higher by 10 to 20', test: (d) => d >= 10 && d < 20 },
  { bucket: 'higher by 20 or more', test: (d) => d >= 20 },
];
const NO_SCORE = {
  gains: 'gains a score',
  loses: 'loses its score',
  neither: 'no score either way',
} as const;

const countBy = (scores: AccountScore[]): Record<HealthStatus, number> => {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  for (const s of scores) out[s.status]++;
  return out;
};

/** Compares two scorings of the same accounts (pure; deterministic order throughout). */
export function buildMappingPreview(
  current: AccountScore[],
  proposed: AccountScore[],
  names: ReadonlyMap<string, string>,
  meta: {
    now: number;
    currentVersion: string;
    proposedVersion: string;
    movers?: number;
    warnings?: string[];
    reread?: Reread[];
  },
): MappingPreview {
  const after = new Map(proposed.map((s) => [s.accountId, s]));
  const changes: StatusChange[] = [];
  const movers: Mover[] = [];
  const buckets = new Map<string, number>();
  for (const before of [...current].sort((a, b) => (a.accountId < b.accountId ? -1 : 1))) {
    const next = after.get(before.accountId);
    if (!next) continue;
    const change: StatusChange = {
      accountId: before.accountId,
      name: names.get(before.accountId) ?? before.accountId,
      from: before.status,
      to: next.status,
      scoreFrom: before.score,
      scoreTo: next.score,
    };
    if (before.status !== next.status) changes.push(change);
    let bucket: string;
    if (before.score === null) bucket = next.score === null ? NO_SCORE.neither : NO_SCORE.gains;
    else if (next.score === null) bucket = NO_SCORE.loses;
    else {
      const delta = round1(next.score - before.score);
      bucket = BUCKETS.find((b) => b.test(delta))!.bucket;
      if (delta !== 0) movers.push({ ...change, delta });
    }
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const transitions = new Map<string, { from: HealthStatus; to: HealthStatus; count: number }>();
  for (const c of changes) {
    const key = `${c.from}>${c.to}`;
    const t = transitions.get(key) ?? { from: c.from, to: c.to, count: 0 };
    t.count++;
    transitions.set(key, t);
  }
  // Real drops first (green → red before green → yellow), then rises; changes to or from
  // insufficient_data, which say more about data than about health, last.
  const severity = (c: StatusChange): number =>
    c.from === 'insufficient_data' || c.to === 'insufficient_data' ? -10 : RANK[c.to] - RANK[c.from];
  return {
    now: meta.now,
    accounts: current.length,
    current: { scorecardVersion: meta.currentVersion, byStatus: countBy(current) },
    proposed: { scorecardVersion: meta.proposedVersion, byStatus: countBy(proposed) },
    statusChanges: changes.sort((a, b) => severity(b) - severity(a) || (a.accountId < b.accountId ? -1 : 1)),
    transitions: [...transitions.values()].sort(
      (a, b) => b.count - a.count || RANK[a.from] - RANK[b.from] || RANK[a.to] - RANK[b.to],
    ),
    deltas: [...BUCKETS.map((b) => b.bucket), ...Object.values(NO_SCORE)].map((bucket) => ({
      bucket,
      count: buckets.get(bucket) ?? 0,
    })),
    biggestMovers: movers
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.accountId < b.accountId ? -1 : 1))
      .slice(0, meta.movers ?? 10),
    tasks: 0,
    warnings: meta.warnings ?? [],
    reread: meta.reread ?? [],
    histogram: { current: scoreHistogram(current), proposed: scoreHistogram(proposed) },
  };
}
