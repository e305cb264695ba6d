import type { Mappings } from '../../config/mappings/index.ts';
import { provenanceVersion } from '../../config/mappings/provenance.ts';
import type { AccountFact } from '../../facts/schemas.ts';
import { computeMetrics } from './compute-metrics.ts';
import { measureSpecs, metricSettings, specKey } from '../../metrics/settings.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { utcDay } from '../../metrics/windows.ts';
import type { Store } from '../../store/store.ts';
import { measureValue } from '../../score/measure-value.ts';
import { scoreAccount } from '../../score/score-account.ts';
import { allTrendDays } from '../../score/trend.ts';
import type { AccountScore } from '../../score/types.ts';

export interface ScoreOptions {
  /** Score only this account (its metric queries are restricted to it). */
  accountId?: string;
  /** Shared between scorings of the same store and `now` (preview), keyed by spec and settings. */
  cache?: Map<string, Map<string, MetricValue>>;
  /** `now` is a past instant (a history rebuild): see `MetricRequest.past`. */
  past?: boolean;
  /** The accounts to score when the caller has listed them already (ignored with `accountId`). */
  accounts?: AccountFact[];
  /**
   * The metric queries read only the facts of `accounts`, by the account index: cheaper than a pass
   * over every account's facts when they are a small part of the book.
   */
  only?: boolean;
}

const NO_DATA: MetricValue = { value: null, sample: 0 };

type ScoringStore = Pick<Store, 'accounts' | 'metrics' | 'scores'>;

/** The accounts to score and a scorer that reads the metric values and history queried once for all. */
export interface Scoring {
  accounts: AccountFact[];
  score: (account: AccountFact) => AccountScore;
}

/**
 * Prepares scoring every account (or one, or some) at `now`: one grouped metric query per metric and window,
 * and the daily history for trends. Reads only; `saveScores` writes.
 */
export async function prepareScoring(
  store: ScoringStore,
  mappings: Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'>,
  now: number,
  options: ScoreOptions = {},
): Promise<Scoring> {
  let accounts: AccountFact[];
  if (options.accountId === undefined) accounts = options.accounts ?? (await store.accounts.list());
  else {
    const one = await store.accounts.get(options.accountId);
    accounts = one ? [one] : [];
  }
  // Segments change weights and scoring, never what a measure reads: its values are shared by every segment.
  const byMeasure = new Map<string, (Map<string, MetricValue> | undefined)[]>();
  const history = new Map<string, Map<string, { score: number | null }>>();
  if (accounts.length > 0) {
    const only =
      options.accountId !== undefined || options.only === true ? accounts.map((a) => a.id) : undefined;
    const specs = mappings.scorecard.measures.flatMap(measureSpecs);
    const results = await computeMetrics(store.metrics, specs, metricSettings(mappings), now, {
      ...(options.cache ? { cache: options.cache } : {}),
      ...(options.past ? { past: true } : {}),
      ...(only ? { accounts: only } : {}),
    });
    for (const m of mappings.scorecard.measures)
      byMeasure.set(
        m.id,
        measureSpecs(m).map((spec) => results.get(specKey(spec))),
      );
    for (const s of await store.scores.snapshotsOn(allTrendDays(now), only)) {
      const days = history.get(s.accountId) ?? new Map<string, { score: number | null }>();
      history.set(s.accountId, days);
      days.set(s.day, { score: s.score });
    }
  }
  // Scores carry `<label>+<content digest>`: the label alone does not say which content scored them.
  const scorecard = { ...mappings.scorecard, version: provenanceVersion(mappings.scorecard) };
  return {
    accounts,
    score: (account) =>
      scoreAccount({
        account,
        scorecard,
        metric: (m) =>
          measureValue(
            m,
            (byMeasure.get(m.id) ?? []).map((v) => v?.get(account.id) ?? NO_DATA),
            account,
            now,
          ),
        history: (day) => history.get(account.id)?.get(day),
        now,
      }),
  };
}

/** Scores every account (or one) at `now` (see `prepareScoring`). */
export async function scoreAccounts(
  store: ScoringStore,
  mappings: Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'>,
  now: number,
  options: ScoreOptions = {},
): Promise<AccountScore[]> {
  const scoring = await prepareScoring(store, mappings, now, options);
  return scoring.accounts.map(scoring.score);
}

/**
 * Saves the scores as each account's latest and as the snapshot of `now`'s UTC day (a later run the
 * same day replaces it). Read `store.scores.latest()`/`latestAll()` first to keep the previous scores.
 */
export async function saveScores(
  store: Pick<Store, 'scores'>,
  scores: AccountScore[],
  now: number,
): Promise<{ day: string; saved: number }> {
  const day = utcDay(now);
  await store.scores.save(scores, day);
  return { day, saved: scores.length };
}
