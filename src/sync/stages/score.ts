import type { Mappings } from '../../config/mappings/index.ts';
import { prepareScoring, saveScores } from './score-accounts.ts';
import { type ScoreSummary, summarizeScore } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { readScoringConfig, saveScoringConfig, scoringConfigOf } from './scoring-config.ts';

/** Accounts scored and saved at a time: only their scores' full detail is held at once. */
const SCORE_CHUNK = 500;

/** What a change of the scoring configuration since the last saved scores did, on this run's facts. */
export interface ConfigChange {
  /** Scoring digests (scorecard, SLA targets, bug weights) before and after. */
  digestBefore: string;
  digestAfter: string;
  /** The scorecard's content digests (the `+<digest>` of the version) before and after. */
  scorecardBefore: string;
  scorecardAfter: string;
  /** Each account's status on this run's facts under the previous configuration. */
  underPreviousConfig: Map<string, string>;
  /** Accounts whose status the change alone moved, and how (`green->yellow`: count). */
  moved: number;
  byTransition: Record<string, number>;
}

/**
 * Scores every account and saves the scores (a dry run saves nothing); the previous statuses are
 * read first, for status drops. When the scoring configuration changed since the last saved scores,
 * the accounts are also scored under the previous one (same facts, same `now`, metric queries shared
 * where the measures are the same), so a drop ops made is not blamed on the account. Returns the
 * scores' summaries: their measure detail, most of their size, is in the store.
 */
export async function scoreStage(
  store: Store,
  mappings: Mappings,
  now: number,
  dryRun: boolean,
): Promise<{ scores: ScoreSummary[]; previous: Map<string, string>; configChange?: ConfigChange }> {
  const previous: Map<string, string> = await store.scores.latestStatuses();
  const config = scoringConfigOf(mappings);
  const before = await readScoringConfig(store.meta);
  const cache = new Map<string, Map<string, MetricValue>>();
  const changed = before !== undefined && before.digest !== config.digest && previous.size > 0;
  // Scored before this run's snapshot is saved: the previous configuration's trends read history.
  let underPreviousConfig: Map<string, string> | undefined;
  if (changed) {
    const old = await prepareScoring(store, before.mappings, now, { cache });
    underPreviousConfig = new Map(old.accounts.map((a) => [a.id, old.score(a).status as string]));
  }
  const { accounts, score } = await prepareScoring(store, mappings, now, changed ? { cache } : {});
  const scores: ScoreSummary[] = [];
  await store.transaction(async () => {
    for (let i = 0; i < accounts.length; i += SCORE_CHUNK) {
      const chunk = accounts.slice(i, i + SCORE_CHUNK).map(score);
      if (!dryRun) await saveScores(store, chunk, now);
      for (const s of chunk) scores.push(summarizeScore(s));
    }
    if (!dryRun) await store.scores.pruneMissingAccounts();
    if (!dryRun) await saveScoringConfig(store.meta, config);
  });
  if (!changed || !underPreviousConfig) return { scores, previous };
  const byTransition: Record<string, number> = {};
  let moved = 0;
  for (const s of scores) {
    const was = underPreviousConfig.get(s.accountId);
    if (was === undefined || was === s.status) continue;
    moved++;
    const key = `${was}->${s.status}`;
    byTransition[key] = (byTransition[key] ?? 0) + 1;
  }
  return {
    scores,
    previous,
    configChange: {
      digestBefore: before.digest,
      digestAfter: config.digest,
      scorecardBefore: before.scorecardDigest,
      scorecardAfter: config.scorecardDigest,
      underPreviousConfig,
      moved,
      byTransition,
    },
  };
}
