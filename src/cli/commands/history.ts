import { InvalidArgumentError, type Command } from 'commander';
import { loadMappings } from '../../config/mappings/load.ts';
import { openStore } from '../../store/open-store.ts';
import {
  DEFAULT_REBUILD_DAYS,
  type HistoryRebuild,
  daysBefore,
  markHistoryBuilt,
  pendingDays,
  rebuildHistory,
  setPendingDays,
} from '../../sync/stages/history-rebuild.ts';
import { incompleteSources } from '../../sync/source-streams.ts';
import { appContext } from '../context.ts';
import { runCommand } from '../run-command.ts';

const days = (value: string): number => {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 3660)
    throw new InvalidArgumentError('a number of days from 1 to 3660');
  return Number(value);
};

export const formatRebuild = (r: HistoryRebuild): string =>
  r.days === 0
    ? 'no day rebuilt'
    : `rebuilt ${r.days} day${r.days === 1 ? '' : 's'} of score history (${r.from} to ${r.to}) for ` +
      `${r.accounts} account${r.accounts === 1 ? '' : 's'}: ${r.written} snapshot${r.written === 1 ? '' : 's'} ` +
      `written (live snapshots of this scorecard version kept), in ${(r.ms / 1000).toFixed(1)} s`;

/** `health-sync history rebuild`: the daily score snapshots of the last days, from the stored facts. */
export function registerHistory(program: Command): void {
  const history = program.command('history').description('the daily score history trends read');
  history
    .command('rebuild')
    .description(
      'recompute the daily score snapshots of the last days (before today) from the stored facts, as of ' +
        'the end of each day, with the scorecard in force; snapshots a run saved with this scorecard ' +
        'version are kept',
    )
    .option('--days <n>', `how many days before today (default ${DEFAULT_REBUILD_DAYS})`, days)
    .option('--json', 'print what was rebuilt as JSON')
    .action((opts: { days?: number; json?: boolean }) =>
      runCommand(async (scrubber) => {
        const { env } = appContext(scrubber);
        const { mappings } = await loadMappings(env.mappingsDir);
        const store = await openStore(env);
        try {
          const now = Date.now();
          const count = opts.days ?? DEFAULT_REBUILD_DAYS;
          const done = await rebuildHistory(store, mappings, now, { days: count });
          const incomplete = await incompleteSources(env, mappings, store);
          // Built from partial facts, the history is rebuilt again by the first complete sync. While
          // runs are filling it in, the days rebuilt here are theirs no more.
          if (incomplete.length === 0) {
            const pending = await pendingDays(store, mappings);
            const rebuilt = new Set(daysBefore(now, count));
            if (pending.length > 0)
              await setPendingDays(
                store,
                mappings,
                pending.filter((d) => !rebuilt.has(d)),
              );
            else await markHistoryBuilt(store, mappings);
          }
          if (opts.json) console.log(JSON.stringify({ ...done, incomplete }, null, 2));
          else {
            console.log(formatRebuild(done));
            if (incomplete.length > 0)
              console.log(
                `warning: ${incomplete.join(', ')} not yet read to the end: the first complete sync rebuilds it again`,
              );
          }
          return 0;
        } finally {
          await store.close();
        }
      }),
    );
}
