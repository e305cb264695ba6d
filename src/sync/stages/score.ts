import type { Mappings } from '../../config/mappings/index.ts';
import { prepareScoring, saveScores } from './score-accounts.ts';
import { type ScoreSummary, summarizeScore } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';

/** Accounts scored and saved at a time: only their scores' full detail is held at once. */
const SCORE_CHUNK = 500;

/**
 * Scores every account and saves the scores (a dry run saves nothing); the previous statuses are
 * read first, for status drops. Returns the scores' summaries: their measure detail, most of their
 * size, is in the store.
 */
export async function scoreStage(
  store: Store,
  mappings: Mappings,
  now: number,
  dryRun: boolean,
): Promise<{ scores: ScoreSummary[]; previous: Map<string, string> }> {
  const previous: Map<string, string> = await store.scores.latestStatuses();
  const { accounts, score } = await prepareScoring(store, mappings, now);
  const scores: ScoreSummary[] = [];
  await store.transaction(async () => {
    for (let i = 0; i < accounts.length; i += SCORE_CHUNK) {
      const chunk = accounts.slice(i, i + SCORE_CHUNK).map(score);
      if (!dryRun) await saveScores(store, chunk, now);
      for (const s of chunk) scores.push(summarizeScore(s));
    }
    if (!dryRun) await store.scores.pruneMissingAccounts();
  });
  return { scores, previous };
}
