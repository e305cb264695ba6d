import type { SalesforceConnection } from '../../../connectors/salesforce/index.ts';
import type { SourceName } from '../../sources.ts';
import type { RunContext } from '../run-context.ts';
import { emptySnapshotStats, writeSnapshots } from './snapshots.ts';

/**
 * The snapshot stage of a run, after the score write-back, recorded in the run record (`snapshots`,
 * and per-record failures in `errors`). A failure here (a Bulk job that failed as a whole, the API
 * budget) is recorded and does not fail the run: the rows stay unconfirmed for the next run.
 */
export async function snapshotsStage(
  run: RunContext,
  deps: { salesforce: SalesforceConnection | undefined; incomplete: readonly SourceName[] },
): Promise<void> {
  if (!deps.salesforce || deps.incomplete.length > 0 || run.signal.aborted) return;
  const before = deps.salesforce.usage();
  let result: Awaited<ReturnType<typeof writeSnapshots>>;
  try {
    result = await writeSnapshots({
      store: run.store,
      salesforce: deps.salesforce,
      mapping: run.mappings.salesforce,
      log: run.log,
      now: run.now,
      dryRun: run.options.dryRun,
    });
  } catch (err) {
    run.log.warn({ err }, 'snapshots: not written this run');
    const { requests, retries } = deps.salesforce.usage(before);
    await run.recorder.change(
      (s) => ({ ...s, snapshots: { ...emptySnapshotStats(), requests, retries } }),
      true,
    );
    await run.recorder.error(err, { stage: 'write' });
    return;
  }
  if (!result) return;
  const { stats, errors } = result;
  await run.recorder.change((s) => ({ ...s, snapshots: stats, errors: [...s.errors, ...errors] }), true);
}
