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

/** The `days` UTC days before `now`'s, oldest first (today is the live run's). */
export function daysBefore(now: number, days: number): string[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`bad number of days ${days}`);
  const from = addDays(utcDay(now), -days);
  return Array.from({ length: days }, (_, d) => addDays(from, d));
}

/**
 * Rebuilds the daily score snapshots of the `days` UTC days before `now`'s from the stored facts
 * (`health-sync history rebuild`). Today's trends read them: the next run rescores every account.
 */
export async function rebuildHistory(
  store: RebuildStore,
  mappings: RebuildMappings,
  now: number,
  options: RebuildOptions = {},
): Promise<HistoryRebuild> {
  const days = daysBefore(now, options.days ?? DEFAULT_REBUILD_DAYS);
  await forgetRescoreState(store.meta);
  return rebuildDays(store, mappings, days, options.signal ? { signal: options.signal } : {});
}

export interface DaysOptions {
  signal?: AbortSignal;
  /** `performance.now()` after which no further day is started (one day is always rebuilt). */
  until?: number;
}

/**
 * Rebuilds the snapshots of the given days, in that order, from the stored facts: metrics are
 * evaluated as of the end of each day (see src/metrics/README.md for what "as of" approximates).
 * A rebuilt snapshot holds no trend, so the order of the days does not change what is written.
 * One day at a time, accounts in chunks: a day's metric values are held, never a day's scores. Its
 * peak memory is that of scoring one day, whatever the number of days: nothing is kept from one day
 * to the next, and V8 collects eagerly meanwhile (src/sync/heap.ts; without it the old generation
 * grew with every day: `history rebuild --days 90` of 2,000 accounts peaked at 345 MB; with it,
 * 222 MB, and 219 MB for 10 days).
 */
export function rebuildDays(
  store: RebuildStore,
  mappings: RebuildMappings,
  days: readonly string[],
  options: DaysOptions = {},
): Promise<HistoryRebuild> {
  return whileCollectingEagerly(async () => {
    const started = performance.now();
    const done: string[] = [];
    let accounts = 0;
    let written = 0;
    for (const day of days) {
      if (options.signal?.aborted) break;
      if (done.length > 0 && options.until !== undefined && performance.now() >= options.until) break;
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
      done.push(day);
    }
    const sorted = [...done].sort();
    return {
      days: done.length,
      from: sorted[0] ?? '',
      to: sorted.at(-1) ?? '',
      accounts,
      written,
      ms: Math.round(performance.now() - started),
    };
  });
}

/** What the stored history was last rebuilt with (meta `history.builtWith`). */
export const HISTORY_META_KEY = 'history.builtWith';
/** The days still to rebuild, newest first, and the scorecard they are for (meta `history.pending`). */
const PENDING_META_KEY = 'history.pending';

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

type Identity = ReturnType<typeof scorecardIdentity>;
const sameIdentity = (a: Partial<Identity>, b: Identity): boolean =>
  a.version === b.version && a.digest === b.digest;

export type RebuildReason = 'first complete read' | 'scorecard changed' | 'backfill';

/**
 * Why the history needs rebuilding now, or undefined when it is built with this scorecard:
 * `backfill` when its trend days are rebuilt with this scorecard and older days are pending.
 */
export async function rebuildReason(
  store: Pick<Store, 'meta'>,
  mappings: RebuildMappings,
): Promise<RebuildReason | undefined> {
  const current = scorecardIdentity(mappings);
  const built = await store.meta.get(HISTORY_META_KEY);
  if (built !== undefined && sameIdentity(JSON.parse(built) as Partial<Identity>, current)) return undefined;
  const pending = await store.meta.get(PENDING_META_KEY);
  if (pending !== undefined && sameIdentity(JSON.parse(pending) as Partial<Identity>, current))
    return 'backfill';
  return built === undefined && pending === undefined ? 'first complete read' : 'scorecard changed';
}

/**
 * The days still to rebuild for this scorecard, newest first: some exactly when `rebuildReason` is
 * `backfill` (pending days are written with the built mark erased, and erased when it is set).
 */
export async function pendingDays(store: Pick<Store, 'meta'>, mappings: RebuildMappings): Promise<string[]> {
  const raw = await store.meta.get(PENDING_META_KEY);
  if (raw === undefined) return [];
  const pending = JSON.parse(raw) as Partial<Identity> & { days?: string[] };
  return sameIdentity(pending, scorecardIdentity(mappings)) ? (pending.days ?? []) : [];
}

/** Records the days left to rebuild for this scorecard; none left marks the history built. */
export async function setPendingDays(
  store: Pick<Store, 'meta'>,
  mappings: RebuildMappings,
  days: readonly string[],
): Promise<void> {
  if (days.length === 0) return markHistoryBuilt(store, mappings);
  await store.meta.set(PENDING_META_KEY, JSON.stringify({ ...scorecardIdentity(mappings), days }));
  // Not built with any scorecard while days are pending: going back to an older one rebuilds too.
  await store.meta.erase(HISTORY_META_KEY);
}

/** Records that the history is built with this scorecard: the next runs need not rebuild it. */
export async function markHistoryBuilt(store: Pick<Store, 'meta'>, mappings: RebuildMappings): Promise<void> {
  await store.meta.set(HISTORY_META_KEY, JSON.stringify(scorecardIdentity(mappings)));
  await store.meta.erase(PENDING_META_KEY);
}
