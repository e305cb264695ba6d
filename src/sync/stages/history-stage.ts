import { addDays, utcDay } from '../../metrics/windows.ts';
import { TREND_SPANS } from '../../score/trend.ts';
import type { RunContext } from '../run-context.ts';
import {
  DEFAULT_REBUILD_DAYS,
  type HistoryRebuild,
  daysBefore,
  pendingDays,
  rebuildDays,
  rebuildReason,
  setPendingDays,
  type RebuildReason,
} from './history-rebuild.ts';
import { forgetRescoreState } from './rescore-state.ts';

/**
 * Time a run spends rebuilding older history after its write-back (at least one day). On L a day
 * costs about as much as scoring every account once, so 90 days in one run would keep a first
 * score waiting for many minutes; spread over the runs that follow, each pays at most this.
 */
export const BACKFILL_BUDGET_MS = 30_000;

/**
 * Before scoring, when the history was never built (the first run that read every source to its
 * end) or was built with another scorecard: rebuilds only the days today's 7- and 30-day trends
 * read, so this run writes them, and leaves the other days of the last 90 to the runs after it
 * (`backfillStage`) or to `health-sync history rebuild`. True when it rebuilt (trends may have
 * moved: every account is rescored). An aborted rebuild records nothing: the next run does it again.
 */
export async function trendDaysStage(ctx: RunContext): Promise<boolean> {
  const { store, mappings, log, signal } = ctx;
  const reason = await rebuildReason(store, mappings);
  if (reason === undefined || reason === 'backfill') return false;
  const now = ctx.now();
  const first = TREND_SPANS.map((span) => addDays(utcDay(now), -span));
  log.info({ reason, days: first }, 'rebuilding the days trends read');
  await forgetRescoreState(store.meta);
  const done = await rebuildDays(store, mappings, first, { signal });
  if (signal.aborted) return true;
  const rest = daysBefore(now, DEFAULT_REBUILD_DAYS)
    .reverse()
    .filter((day) => !first.includes(day));
  await setPendingDays(store, mappings, rest);
  await record(ctx, reason, done, rest.length);
  return true;
}

/**
 * After the write-back, while days rebuilt with this scorecard are pending: the next of them,
 * newest first, for at most BACKFILL_BUDGET_MS. The last one marks the history built.
 */
export async function backfillStage(ctx: RunContext): Promise<void> {
  const { store, mappings, signal } = ctx;
  const pending = await pendingDays(store, mappings);
  if (pending.length === 0) return;
  const done = await rebuildDays(store, mappings, pending, {
    signal,
    until: performance.now() + BACKFILL_BUDGET_MS,
  });
  const rest = pending.slice(done.days);
  await setPendingDays(store, mappings, rest);
  await record(ctx, 'backfill', done, rest.length);
}

async function record(
  ctx: RunContext,
  reason: RebuildReason,
  done: HistoryRebuild,
  remaining: number,
): Promise<void> {
  await ctx.recorder.change((s) => ({ ...s, historyRebuild: { reason, ...done, remaining } }), true);
  ctx.log.info({ reason, ...done, remaining }, 'score history rebuilt');
}
