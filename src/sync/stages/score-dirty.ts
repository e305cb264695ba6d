import type { Mappings } from '../../config/mappings/index.ts';
import { utcDay } from '../../metrics/windows.ts';
import type { AccountFact } from '../../facts/schemas.ts';
import { type AccountScore, type ScoreSummary, summarizeScore } from '../../score/types.ts';
import type { Store } from '../../store/store.ts';
import { prepareScoring } from './score-accounts.ts';

/**
 * Up to this share of the book, the metric queries read only the accounts to score; above, one pass
 * over every account's facts is cheaper. On the bench's L store (20,000 accounts, 8.3 s for all),
 * the embedded store's copy of some accounts' facts (`copyBatchTables`) took 1.6 s for 2,000
 * accounts, 4.3 s for 5,000 and 8.7 s for 10,000: even at about 45%.
 */
const BY_ACCOUNT_UP_TO = 0.4;

/**
 * Scores only the `dirty` accounts and those whose windows a new hour moved (`crossed`), all at `now`
 * as a full rescore would, and reads every other account's latest saved score back as its summary:
 * write-back and alerts see the same full list. An account with no saved score, or one not computed
 * earlier this UTC day (a new day rescores every account, so any other was saved outside a run), is
 * scored too. Returns the new scores (to save), every account's summary in `accounts`' order (none
 * when nothing was scored and `summaries` is false: the caller has no use for them), how many were
 * scored for their own changes or a missing score (`changed`) and how many only for a window that
 * moved (`crossed`).
 */
export async function scoreDirty(
  store: Store,
  mappings: Mappings,
  now: number,
  accounts: AccountFact[],
  dirty: ReadonlySet<string>,
  crossed: ReadonlySet<string> = new Set(),
  options: { summaries?: boolean } = {},
): Promise<{ fresh: AccountScore[]; summaries?: ScoreSummary[]; changed: number; crossed: number }> {
  const computedAt = await store.scores.latestComputedAt();
  const today = Date.parse(`${utcDay(now)}T00:00:00Z`);
  const current = (at: number | undefined): boolean => at !== undefined && at >= today && at <= now;
  let changed = 0;
  let moved = 0;
  const toScore = accounts.filter((a) => {
    if (dirty.has(a.id) || !current(computedAt.get(a.id))) {
      changed++;
      return true;
    }
    if (!crossed.has(a.id)) return false;
    moved++;
    return true;
  });
  if (toScore.length === 0 && options.summaries === false) return { fresh: [], changed, crossed: moved };
  const fresh: AccountScore[] = [];
  if (toScore.length > 0) {
    const only = toScore.length <= accounts.length * BY_ACCOUNT_UP_TO;
    const { score } = await prepareScoring(store, mappings, now, {
      accounts: only ? toScore : accounts,
      only,
    });
    for (const a of toScore) fresh.push(score(a));
  }
  const byId = new Map(fresh.map((s) => [s.accountId, s]));
  const saved =
    toScore.length === accounts.length ? new Map<string, AccountScore>() : await store.scores.latestAll();
  const summaries = accounts.map((a) => summarizeScore(byId.get(a.id) ?? saved.get(a.id)!));
  return { fresh, summaries, changed, crossed: moved };
}
