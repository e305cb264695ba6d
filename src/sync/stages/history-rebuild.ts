import type { Mappings } from '../../config/mappings/index.ts';
import { scoringDigest } from '../../config/mappings/provenance.ts';
import { DAY_MS, addDays, utcDay } from '../../metrics/windows.ts';
import type { Store } from '../../store/store.ts';
import { whileCollectingEagerly } from '../heap.ts';
import { prepareScoring } from './score-accounts.ts';
import { forgetRescoreState } from './rescore-state.ts';

/** Days rebuilt when none is said: enough for every trend (30 days) and a quarter of history. */
export const DEFAULT_REBUILD_DAYS = 90;
/** Accounts scored and saved at a time: only their scores' full detail is held at once. */
const REBUILD_CHUNK = 500;

type RebuildStore = Pick<Store, 'accounts' | 'metrics' | 'scores' | 'meta'>;
type RebuildMappings = Pick<Mappings, 'scorecard' | 'zendesk' | 'jira'>;

export interface HistoryRebuild {
  /** The days rebuilt, oldest first (`from`..`to`), each as of its last millisecond. */
  days: number;
  from: string;
  to: string;
  /** Accounts scored on each day. */
  accounts: number;
  /** Snapshots written: live snapshots of the same scorecard version are kept, not counted. */
  written: number;
  ms: number;
}

export interface RebuildOptions {
  days?: number;
  /** Checked between days: an aborted rebuild keeps the days done and reports them. */
  signal?: AbortSignal;
}

/** The last instant of a UTC day: a rebuilt snapshot is the score a run late that day would have saved. */
export const endOfDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) + DAY_MS - 1;

/**
 * Rebuilds the daily score snapshots of the `days` UTC days before `now`'s (today is the live run's)
 * from the stored facts, oldest first so each day's trends read the days rebuilt before it. Metrics
 * are evaluated as of the end of each day (see src/metrics/README.md for what "as of" approximates).
 * One day at a time, accounts in chunks: a day's metric values are held, never a day's scores. Its
 * peak memory is that of scoring one day, whatever the number of days: nothing is kept from one day
 * to the next, and V8 collects eagerly meanwhile (src/sync/heap.ts; without it the old generation
 * grew with every day: `history rebuild --days 90` of 2,000 accounts peaked at 345 MB; with it,
 * 222 MB, and 219 MB for 10 days).
 */
export function rebuildHistory(
  store: RebuildStore,
  mappings: RebuildMappings,
  now: number,
  options: RebuildOptions = {},
): Promise<HistoryRebuild> {
  return whileCollectingEagerly(() => rebuildDays(store, mappings, now, options));
}

async function rebuildDays(
  store: RebuildStore,
  mappings: RebuildMappings,
  now: number,
  options: RebuildOptions,
): Promise<HistoryRebuild> {
  const started = performance.now();
  const count = options.days ?? DEFAULT_REBUILD_DAYS;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`bad number of days ${count}`);
  // Trends read these snapshots: the next run rescores every account.
  await forgetRescoreState(store.meta);
  const today = utcDay(now);
  const from = addDays(today, -count);
  let to = from;
  let days = 0;
  let accounts = 0;
  let written = 0;
  for (let d = 0; d < count && !options.signal?.aborted; d++) {
    const day = addDays(from, d);
    const { accounts: list, score } = await prepareScoring(store, mappings, endOfDay(day), {
      past: true,
    });
    for (let i = 0; i < list.length; i += REBUILD_CHUNK) {
      const snapshots = list.slice(i, i + REBUILD_CHUNK).map((account) => {
        const s = score(account);
        return {
          accountId: s.accountId,
          day,
          score: s.score,
          status: s.status,
          scorecardVersion: s.scorecardVersion,
        };
      });
      written += await store.scores.saveRebuilt(snapshots);
    }
    accounts = Math.max(accounts, list.length);
    to = day;
    days++;
  }
  return { days, from, to, accounts, written, ms: Math.round(performance.now() - started) };
}

/** What the stored history was last rebuilt with (meta `history.builtWith`). */
export const HISTORY_META_KEY = 'history.builtWith';

/**
 * The scorecard version and the digest of everything a score depends on besides the facts (the
 * scorecard, SLA targets, category and escalation rules, bug weights: `scoringDigest`). A change of
 * either rebuilds history.
 */
export function scorecardIdentity(mappings: RebuildMappings): { version: string; digest: string } {
  return {
    version: mappings.scorecard.version,
    digest: scoringDigest(mappings),
  };
}

/** Why the history needs a rebuild now, or undefined when it was built with this scorecard. */
export async function rebuildReason(
  store: Pick<Store, 'meta'>,
  mappings: RebuildMappings,
): Promise<'first complete read' | 'scorecard changed' | undefined> {
  const stored = await store.meta.get(HISTORY_META_KEY);
  if (stored === undefined) return 'first complete read';
  const current = scorecardIdentity(mappings);
  const built = JSON.parse(stored) as Partial<typeof current>;
  return built.version === current.version && built.digest === current.digest
    ? undefined
    : 'scorecard changed';
}

/** Records that the history is built with this scorecard: the next runs need not rebuild it. */
export const markHistoryBuilt = (store: Pick<Store, 'meta'>, mappings: RebuildMappings): Promise<void> =>
  store.meta.set(HISTORY_META_KEY, JSON.stringify(scorecardIdentity(mappings)));
