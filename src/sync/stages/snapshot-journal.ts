import type { RecordOutcome, SnapshotRow } from '../../writeback/types.ts';
import { describeErrors } from '../../writeback/outcomes.ts';
import { rowContent } from '../../writeback/snapshots.ts';
import { isTransientRecordCode } from '../../../connectors/salesforce/index.ts';
import type { SnapshotDeps } from './snapshots.ts';

/**
 * The journal of the snapshot stage's Bulk job: its id in the store's meta, and its rows marked
 * pending in `snapshot_rows`, written before any data is sent, so that a process killed while the
 * job runs reads that job's result on restart instead of losing it or sending its rows twice.
 */

/** The Bulk job in flight (meta): a process killed before its result is stored resumes it. */
export const OPEN_JOB_KEY = 'salesforce.snapshots.openJob';

export interface OpenJob {
  jobId: string;
  op: 'upsert' | 'delete';
}

/** Journals a job before its data is sent: its id, and (upserts) which rows it carries. */
export async function journal(
  deps: SnapshotDeps,
  job: OpenJob,
  rows: readonly SnapshotRow[] = [],
): Promise<void> {
  await deps.store.transaction(async () => {
    await deps.store.meta.set(OPEN_JOB_KEY, JSON.stringify(job));
    if (rows.length)
      await deps.store.snapshotRows.markPending(
        job.jobId,
        rows.map((r) => ({
          key: r.key,
          accountId: r.accountId,
          weekStart: r.weekStart,
          content: rowContent(r),
        })),
      );
  });
}

async function openJob(store: SnapshotDeps['store']): Promise<OpenJob | undefined> {
  const raw = await store.meta.get(OPEN_JOB_KEY);
  return raw ? (JSON.parse(raw) as OpenJob) : undefined;
}

/** Stores a finished upsert job's results and closes its journal entry (one transaction). */
export async function settle(
  deps: SnapshotDeps,
  jobId: string,
  outcomes: readonly RecordOutcome[],
): Promise<void> {
  await deps.store.transaction(async () => {
    await deps.store.snapshotRows.settle(
      jobId,
      outcomes.map((o) => ({
        key: o.id ?? '',
        success: o.success,
        ...(o.success
          ? {}
          : {
              error: describeErrors(o.errors),
              permanent: !o.errors.every((e) => isTransientRecordCode(e.code)),
            }),
      })),
      deps.now(),
    );
    await deps.store.meta.set(OPEN_JOB_KEY, '');
  });
}

/**
 * A job a killed run left: its results are read (waiting while it still runs) and stored, so its
 * rows are neither lost nor sent twice; a job whose upload never completed is aborted and its rows
 * planned again.
 */
export async function resumeOpenJob(
  deps: SnapshotDeps,
  report: (what: string, outcomes: readonly RecordOutcome[]) => number,
): Promise<{ upsert: boolean; succeeded: number }> {
  const job = await openJob(deps.store);
  if (!job) return { upsert: false, succeeded: 0 };
  const resumed = await deps.salesforce.resumeSnapshotJob(
    job.jobId,
    job.op === 'upsert' ? 'key' : 'id',
    deps.bulk,
  );
  const outcomes = 'notRun' in resumed ? [] : resumed.outcomes;
  deps.log.info(
    {
      jobId: job.jobId,
      op: job.op,
      ...('notRun' in resumed ? { notRun: resumed.notRun } : { records: outcomes.length }),
    },
    'snapshots: resumed the Bulk job a previous run left',
  );
  if (job.op === 'upsert') await settle(deps, job.jobId, outcomes);
  else await deps.store.meta.set(OPEN_JOB_KEY, '');
  report(`${job.op} (resumed job)`, outcomes);
  return { upsert: job.op === 'upsert', succeeded: outcomes.filter((o) => o.success).length };
}
