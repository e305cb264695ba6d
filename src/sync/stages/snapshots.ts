import type { BulkOptions, SalesforceConnection } from '../../../connectors/salesforce/index.ts';
import type { SalesforceMapping } from '../../config/mappings/salesforce.ts';
import type { Logger } from '../../log/logger.ts';
import type { Store } from '../../store/store.ts';
import { describeErrors } from '../../writeback/outcomes.ts';
import {
  type SnapshotPlan,
  daysOfWeek,
  keptWeeks,
  planSnapshotUpserts,
  weekRows,
} from '../../writeback/snapshots.ts';
import type { RecordOutcome } from '../../writeback/types.ts';
import type { RunErrorStats, SnapshotStats } from '../run-stats.ts';
import { OPEN_JOB_KEY, journal, resumeOpenJob, settle } from './snapshot-journal.ts';
import { acquireWriteLease } from './write-lease.ts';
import { readSettled, saveSettled, settledKey } from './snapshots-settled.ts';

/** Set while a purge left rows Salesforce refused to delete: the next run queries again. */
export const PURGE_INCOMPLETE_KEY = 'salesforce.snapshots.purgeIncomplete';

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

  const key = settledKey(config, weeks);
  const settled = await readSettled(store.meta, key);
  const pendingWork =
    (await store.meta.get(OPEN_JOB_KEY)) || (await store.meta.get(PURGE_INCOMPLETE_KEY)) === 'true';
  if (settled && !pendingWork) {
    log.info({ weeks: weeks.length, unchanged: settled.unchanged }, 'snapshot rows settled: nothing to plan');
    return { stats: { ...stats, unchanged: settled.unchanged, refused: settled.refused }, errors };
  }
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
    if (stats.failed === 0 && stats.deleteFailed === 0)
      await saveSettled(store.meta, {
        key,
        unchanged: stats.unchanged + stats.upserted,
        refused: stats.refused,
      });
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

export const emptySnapshotStats = (): SnapshotStats => ({
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
