import {
  type BulkOptions,
  type SalesforceConnection,
  isTransientRecordCode,
} from '../../../connectors/salesforce/index.ts';
import type { SalesforceMapping } from '../../config/mappings/salesforce.ts';
import type { Logger } from '../../log/logger.ts';
import type { Store } from '../../store/store.ts';
import { describeErrors } from '../../writeback/outcomes.ts';
import {
  type SnapshotPlan,
  daysOfWeek,
  keptWeeks,
  planSnapshotUpserts,
  rowContent,
  weekRows,
} from '../../writeback/snapshots.ts';
import type { RecordOutcome, SnapshotRow } from '../../writeback/types.ts';
import type { RunErrorStats, SnapshotStats } from '../run-stats.ts';
import type { RunContext } from '../run-context.ts';
import type { SourceName } from '../../sources.ts';
import { acquireWriteLease } from './write-lease.ts';

/** The Bulk job in flight (meta): a process killed before its result is stored resumes it. */
export const OPEN_JOB_KEY = 'salesforce.snapshots.openJob';
/** Set while a purge left rows Salesforce refused to delete: the next run queries again. */
export const PURGE_INCOMPLETE_KEY = 'salesforce.snapshots.purgeIncomplete';

interface OpenJob {
  jobId: string;
  op: 'upsert' | 'delete';
}

export interface SnapshotDeps {
  store: Pick<Store, 'accounts' | 'scores' | 'snapshotRows' | 'meta' | 'leases' | 'transaction'>;
  salesforce: SalesforceConnection;
  mapping: SalesforceMapping;
  log: Logger;
  now: () => number;
  dryRun: boolean;
  bulk?: BulkOptions;
}

/** Failures kept in a run record; the rest are counted (and logged). */
const MAX_REPORTED = 100;
/** Beyond a Bulk job's longest polling, how long the write lease still holds. */
const LEASE_MARGIN_MS = 5 * 60_000;
const DEFAULT_POLL_TIMEOUT_MS = 30 * 60_000;

/**
 * Writes the weekly Health_Snapshot__c rows: first the result of a job a killed run left, then one
 * row per account per completed ISO week within retention whose content differs from what Salesforce
 * confirmed (one Bulk 2.0 upsert job), then deletes rows of weeks past retention (one SOQL query and
 * one Bulk 2.0 delete job, only when the store knows such rows or the last purge was incomplete). A row that
 * fails for a passing reason (UNABLE_TO_LOCK_ROW, UNPROCESSED) stays unconfirmed, so the next run
 * sends it again; one refused for good is sent again only once its content changes. A dry run plans
 * and writes nothing.
 */
export async function writeSnapshots(
  deps: SnapshotDeps,
): Promise<{ stats: SnapshotStats; errors: RunErrorStats[] } | undefined> {
  const config = deps.mapping.snapshots;
  if (config === false) return undefined;
  const { store, salesforce, log } = deps;
  const before = salesforce.usage();
  const { weeks, cutoff } = keptWeeks(deps.now(), config.retention_weeks);
  const stats: SnapshotStats = { ...emptySnapshotStats(), weeks: weeks.length };
  const errors: RunErrorStats[] = [];
  const report = (what: string, outcomes: readonly RecordOutcome[]): number => {
    const failed = outcomes.filter((o) => !o.success);
    for (const f of failed) {
      const message = `${config.object} ${f.id ?? '?'} (${what}): ${describeErrors(f.errors)}`;
      log.warn({ record: f.id, errors: f.errors }, `snapshot ${what} failed`);
      if (errors.length < MAX_REPORTED)
        errors.push({ code: f.errors[0]?.code ?? 'UNKNOWN', message, stage: 'write' });
    }
    return failed.length;
  };

  const plan = await planRows(deps, weeks);
  stats.planned = plan.upserts.length;
  stats.unchanged = plan.unchanged;
  stats.refused = plan.refused;
  log.info(
    { weeks: weeks.length, toUpsert: plan.upserts.length, unchanged: plan.unchanged, dryRun: deps.dryRun },
    'snapshot plan',
  );
  if (deps.dryRun) return { stats, errors };

  const lease = await acquireWriteLease(store.leases, { now: deps.now });
  try {
    const longest = (deps.bulk?.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) + LEASE_MARGIN_MS;
    await lease.renew(longest);
    const resumed = await resumeOpenJob(deps, report);
    if (resumed.upsert) {
      // The rows that job confirmed are not sent again: plan anew against the stored results.
      const again = await planRows(deps, weeks);
      plan.upserts = again.upserts;
      stats.planned = again.upserts.length;
      stats.unchanged = again.unchanged;
      stats.refused = again.refused;
      stats.upserted += resumed.succeeded;
    } else stats.deleted += resumed.succeeded;
    if (plan.upserts.length > 0) {
      await lease.renew(longest);
      const upserts = plan.upserts;
      const { jobId, outcomes } = await salesforce.upsertSnapshots(config.object, upserts, {
        budgetShare: deps.mapping.write.budget_share,
        ...deps.bulk,
        onJobCreated: (id) => journal(deps, { jobId: id, op: 'upsert' }, upserts),
      });
      await settle(deps, jobId, outcomes);
      stats.upserted += outcomes.filter((o) => o.success).length;
      stats.failed += report('upsert', outcomes);
    }
    const purge = await purgeOld(deps, config.object, cutoff, longest, (ttl) => lease.renew(ttl), report);
    stats.deleted += purge.deleted;
    stats.deleteFailed += purge.failed;
  } finally {
    await lease.release();
  }
  const { requests, retries } = salesforce.usage(before);
  return { stats: { ...stats, requests, retries }, errors };
}

/** The rows of the kept weeks that differ from what Salesforce confirmed, a week at a time. */
async function planRows(deps: SnapshotDeps, weeks: readonly string[]): Promise<SnapshotPlan> {
  const { store } = deps;
  const accounts = new Set((await store.accounts.list()).map((a) => a.id));
  const confirmed = await store.snapshotRows.confirmed();
  const refused = await store.snapshotRows.refused();
  const total: SnapshotPlan = { upserts: [], unchanged: 0, refused: 0 };
  for (const monday of weeks) {
    const rows = weekRows(monday, await store.scores.snapshotsOn(daysOfWeek(monday)), accounts);
    const plan = planSnapshotUpserts(rows, confirmed, refused);
    total.upserts.push(...plan.upserts);
    total.unchanged += plan.unchanged;
    total.refused += plan.refused;
  }
  return total;
}

/** Journals a job before its data is sent: its id, and (upserts) which rows it carries. */
async function journal(deps: SnapshotDeps, job: OpenJob, rows: readonly SnapshotRow[] = []): Promise<void> {
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
async function settle(deps: SnapshotDeps, jobId: string, outcomes: readonly RecordOutcome[]): Promise<void> {
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
async function resumeOpenJob(
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

/**
 * Deletes the rows of weeks before `cutoff`, when the store knows it wrote some (health-sync is the
 * object's only writer, and a row is recorded before it is sent) or the last purge left some. A fresh
 * store learns of older rows a week after its first write, when its own oldest week passes the cutoff:
 * the query then finds every older row, whoever's.
 */
async function purgeOld(
  deps: SnapshotDeps,
  object: string,
  cutoff: string,
  longest: number,
  renew: (ttlMs?: number) => Promise<void>,
  report: (what: string, outcomes: readonly RecordOutcome[]) => number,
): Promise<{ deleted: number; failed: number }> {
  const { store, salesforce } = deps;
  const incomplete = (await store.meta.get(PURGE_INCOMPLETE_KEY)) === 'true';
  if (!incomplete && (await store.snapshotRows.countBefore(cutoff)) === 0) return { deleted: 0, failed: 0 };
  const old = await salesforce.snapshotsBefore(object, cutoff);
  let deleted = 0;
  let failed = 0;
  if (old.length > 0) {
    await renew(longest);
    const { outcomes } = await salesforce.deleteRecords(
      object,
      old.map((r) => r.id),
      {
        budgetShare: deps.mapping.write.budget_share,
        ...deps.bulk,
        onJobCreated: (jobId) => journal(deps, { jobId, op: 'delete' }),
      },
    );
    await store.meta.set(OPEN_JOB_KEY, '');
    deleted = outcomes.filter((o) => o.success).length;
    failed = report('delete', outcomes);
  }
  await store.snapshotRows.pruneBefore(cutoff);
  // An incomplete purge is tried again on the next run.
  await store.meta.set(PURGE_INCOMPLETE_KEY, failed > 0 ? 'true' : '');
  return { deleted, failed };
}

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

const emptySnapshotStats = (): SnapshotStats => ({
  weeks: 0,
  planned: 0,
  unchanged: 0,
  refused: 0,
  upserted: 0,
  failed: 0,
  deleted: 0,
  deleteFailed: 0,
  requests: 0,
  retries: 0,
});
