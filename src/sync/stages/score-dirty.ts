import type { Mappings } from '../../config/mappings/index.ts';
import { ageReference } from '../../metrics/windows.ts';
import type { AccountFact } from '../../facts/schemas.ts';
import { type AccountScore, type ScoreSummary, summarizeScore } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';
import { prepareScoring } from './score-accounts.ts';

/**
 * Up to this many accounts, each is scored with its own metric queries (restricted to its links, by
 * the account index); above, one grouped query per metric over every account is cheaper.
 */
const ONE_BY_ONE = 100;

/**
 * Scores only the `dirty` accounts (all at `now`, as a full rescore would), and reads every other
 * account's latest saved score back as its summary: write-back and alerts see the same full list.
 * An account without a saved score that parses, or whose saved score is not of this hour, is scored too. Returns the new scores (to save) and
 * every account's summary, in `accounts`' order.
 */
export async function scoreDirty(
  store: Store,
  mappings: Mappings,
  now: number,
  accounts: AccountFact[],
  dirty: ReadonlySet<string>,
): Promise<{ fresh: AccountScore[]; summaries: ScoreSummary[] }> {
  const saved = await store.scores.latestAll();
  // A saved score is reused only if it was computed within this hour, whoever saved it: scores
  // written outside a run (a test, a script saving an older instant's) are not this hour's.
  const hour = ageReference(now);
  const current = (s: AccountScore | undefined): boolean =>
    s !== undefined && s.computedAt >= hour && s.computedAt <= now;
  const toScore = accounts.filter((a) => dirty.has(a.id) || !current(saved.get(a.id)));
  const fresh: AccountScore[] = [];
  if (toScore.length > ONE_BY_ONE) {
    const { score } = await prepareScoring(store, mappings, now, { accounts });
    for (const a of toScore) fresh.push(score(a));
  } else
    for (const a of toScore) {
      const { score } = await prepareScoring(store, mappings, now, { accountId: a.id });
      fresh.push(score(a));
    }
  const byId = new Map(fresh.map((s) => [s.accountId, s]));
  const summaries = accounts.map((a) => summarizeScore(byId.get(a.id) ?? saved.get(a.id)!));
  return { fresh, summaries };
}
