import type { RunContext } from '../run-context.ts';
import type { ConfigChange } from './score.ts';

/**
 * Records in the run record, and tells ops in one log line, the statuses a change of the scoring
 * configuration moved: those drops are the configuration's, not the accounts', and open no Task.
 */
export async function recordConfigChange(
  run: Pick<RunContext, 'recorder' | 'log'>,
  change: ConfigChange,
): Promise<void> {
  const { moved, byTransition } = change;
  await run.recorder.change(
    (s) => ({
      ...s,
      configChanges: {
        moved,
        byTransition,
        dropsWithoutTask: 0,
        scorecardBefore: change.scorecardBefore,
        scorecardAfter: change.scorecardAfter,
        scoringBefore: change.digestBefore,
        scoringAfter: change.digestAfter,
      },
    }),
    true,
  );
  const how = Object.entries(byTransition)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  run.log.info(
    { moved, byTransition, scorecardBefore: change.scorecardBefore, scorecardAfter: change.scorecardAfter },
    `scoring configuration changed (scorecard ${change.scorecardBefore} → ${change.scorecardAfter}): ` +
      `${moved} account${moved === 1 ? '' : 's'} moved by the change alone${how ? ` (${how})` : ''}; ` +
      'their status drops open no Task',
  );
}
