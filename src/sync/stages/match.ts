import type { Mappings } from '../../config/mappings/index.ts';
import type { Logger } from '../../log/logger.ts';
import { relinkAccounts } from './match/relink.ts';
import { unmatchedBySourceAndRule } from '../../match/stats.ts';
import type { Store } from '../../store/store.ts';
import type { SyncOptions } from '../types.ts';

/** Links facts to accounts; a full run re-matches everything, others only what changed. */
export async function matchStage(
  store: Store,
  mappings: Mappings,
  options: Pick<SyncOptions, 'full'>,
  log: Logger,
): Promise<Record<string, Record<string, number>>> {
  const stats = await relinkAccounts(store, mappings, { onlyChanged: !options.full });
  const unmatched = unmatchedBySourceAndRule(stats);
  log.info({ mode: stats.mode, durationMs: stats.durationMs, unmatched }, 'matched facts to accounts');
  return unmatched;
}
