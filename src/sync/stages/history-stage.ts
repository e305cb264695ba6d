import type { RunContext } from '../run-context.ts';
import { markHistoryBuilt, rebuildHistory, rebuildReason } from './history-rebuild.ts';

/**
 * Rebuilds the score history when it was never built (the first run that read every source to its
 * end) or was built with another scorecard, before scoring so today's trends read it. The run
 * record says what was rebuilt. True when it rebuilt (trends may have moved: every account is rescored). An aborted rebuild is not marked done: the next run does it again.
 */
export async function historyStage(ctx: RunContext): Promise<boolean> {
  const { store, mappings, log, signal } = ctx;
  const reason = await rebuildReason(store, mappings);
  if (reason === undefined) return false;
  log.info({ reason }, 'rebuilding score history');
  const done = await rebuildHistory(store, mappings, ctx.now(), { signal });
  if (!signal.aborted) await markHistoryBuilt(store, mappings);
  await ctx.recorder.change((s) => ({ ...s, historyRebuild: { reason, ...done } }), true);
  log.info({ reason, ...done }, 'score history rebuilt');
  return true;
}
