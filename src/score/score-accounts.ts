import type { Mappings } from '../config/mappings/index.ts';
import type { AccountFact } from '../facts/schemas.ts';
import { computeMetrics } from '../metrics/compute.ts';
import { metricSettings, specKey, specOf } from '../metrics/settings.ts';
import type { MetricValue } from '../metrics/types.ts';
import { utcDay } from '../metrics/windows.ts';
import type { Store } from '../store/store.ts';
import { scoreAccount } from './score-account.ts';
import { allTrendDays } from './trend.ts';
import type { AccountScore } from './types.ts';

export interface ScoreOptions {
  /** Score only this account (its metric queries are restricted to it). */
  accountId?: string;
  /** Shared between scorings of the same store and `now` (preview), keyed by spec and settings. */
  cache?: Map<string, Map<string, MetricValue>>;
}

const NO_DATA: MetricValue = { value: null, sample: 0 };

type ScoringStore = Pick<Store, 'accounts' | 'metrics' | 'scores'>;

/**
 * Scores every account (or one) at `now`: one grouped metric query per metric and window, the daily
 * history for trends, then the pure scorer. Reads only; `saveScores` writes.
 */
export function scoreAccounts(
  store: ScoringStore,
  mappings: Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'>,
  now: number,
  options: ScoreOptions = {},
): AccountScore[] {
  let accounts: AccountFact[];
  if (options.accountId === undefined) accounts = store.accounts.list();
  else {
    const one = store.accounts.get(options.accountId);
    accounts = one ? [one] : [];
  }
  if (accounts.length === 0) return [];
  const specs = mappings.scorecard.measures.map(specOf);
  const results = computeMetrics(store.metrics, specs, metricSettings(mappings), now, options);
  // Segments change weights and scoring, never a measure's metric or window: one lookup per measure id.
  const byMeasure = new Map(mappings.scorecard.measures.map((m) => [m.id, results.get(specKey(specOf(m)))]));
  const history = new Map<string, Map<string, { score: number | null }>>();
  for (const s of store.scores.snapshotsOn(allTrendDays(now), options.accountId)) {
    const days = history.get(s.accountId) ?? new Map<string, { score: number | null }>();
    history.set(s.accountId, days);
    days.set(s.day, { score: s.score });
  }
  return accounts.map((account) =>
    scoreAccount({
      account,
      scorecard: mappings.scorecard,
      metric: (m) => byMeasure.get(m.id)?.get(account.id) ?? NO_DATA,
      history: (day) => history.get(account.id)?.get(day),
      now,
    }),
  );
}

/**
 * Saves the scores as each account's latest and as the snapshot of `now`'s UTC day (a later run the
 * same day replaces it). Read `store.scores.latest()`/`latestAll()` first to keep the previous scores.
 */
export function saveScores(
  store: Pick<Store, 'scores'>,
  scores: AccountScore[],
  now: number,
): { day: string; saved: number } {
  const day = utcDay(now);
  store.scores.save(scores, day);
  return { day, saved: scores.length };
}
