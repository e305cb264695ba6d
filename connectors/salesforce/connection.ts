import type { SalesforceEnv } from './env.ts';
import type { RequestCounters } from '../../src/http/index.ts';
import type { FieldIndex, RecordOutcome, RecordUpdate, SnapshotRow } from '../../src/writeback/types.ts';
import { type AppliedUpdates, type ApplyUpdatesOptions, applyUpdates } from './apply-updates.ts';
import { type ConnectDeps, type SalesforceSession, connectSalesforce } from './auth.ts';
import { type WriteBudget, checkBudget } from './budget.ts';
import { type DescribeOptions, describeFields } from './describe.ts';
import { ApiMeter } from './meter.ts';
import type { BulkOptions } from './ingest-job.ts';
import {
  type SnapshotJobOptions,
  type StoredSnapshot,
  deleteRecords,
  resumeSnapshotJob,
  snapshotsBefore,
  upsertSnapshots,
} from './snapshots-api.ts';
import { type NewTask, type SalesforceTaskRow, createTasks, findTasks } from './tasks-api.ts';

/**
 * One org, as the rest of health-sync sees it: connected on first use, every call counted in one
 * meter (the session outlives a run under `serve`, so a run reads its share with `usage(since)`).
 */
export interface SalesforceConnection {
  /** The connected org; a failed connection is not kept, so the next call tries again. */
  session(): Promise<SalesforceSession>;
  /** The calls, retries, 429s and errors counted so far, or since an earlier reading. */
  usage(since?: RequestCounters): RequestCounters;
  /** The fields of an sObject (Account by default), cached in `options.meta` for an hour. */
  describe(options?: DescribeOptions): Promise<FieldIndex>;
  /** A write's share of the org's daily API allocation, with its usage known. */
  checkBudget(share: number): Promise<WriteBudget>;
  /**
   * Updates records (collections or one Bulk 2.0 job), sending again those that fail for a passing
   * reason; stops before passing `budgetShare` of the daily allocation.
   */
  applyUpdates(
    updates: readonly RecordUpdate[],
    options: ApplyUpdatesOptions & { budgetShare: number },
  ): Promise<AppliedUpdates>;
  /** Tasks on these records whose Subject starts with `subjectPrefix`, created since `since`. */
  findTasks(whatIds: readonly string[], subjectPrefix: string, since: number): Promise<SalesforceTaskRow[]>;
  /** Creates up to 200 Tasks in one request (never resent blindly: look for them first). */
  createTasks(tasks: readonly NewTask[]): Promise<RecordOutcome[]>;
  /**
   * Upserts weekly snapshot rows on `Snapshot_Key__c` with one Bulk 2.0 job; outcomes by key.
   * Throws WRITE_BUDGET_EXHAUSTED (a WriteError) when the job would pass `budgetShare`.
   */
  upsertSnapshots(
    object: string,
    rows: readonly SnapshotRow[],
    options: SnapshotJobOptions & { budgetShare: number },
  ): Promise<{ jobId: string; outcomes: RecordOutcome[] }>;
  /** Deletes records by Id with one Bulk 2.0 job; outcomes by Id. Same budget rule. */
  deleteRecords(
    object: string,
    ids: readonly string[],
    options: SnapshotJobOptions & { budgetShare: number },
  ): Promise<{ jobId: string; outcomes: RecordOutcome[] }>;
  /** What became of a Bulk job a killed process left (its outcomes, or that it never ran). */
  resumeSnapshotJob(
    jobId: string,
    by: 'key' | 'id',
    options?: BulkOptions,
  ): Promise<{ outcomes: RecordOutcome[] } | { notRun: string }>;
  /** Snapshot rows whose week starts before `weekStart` (SOQL). */
  snapshotsBefore(object: string, weekStart: string): Promise<StoredSnapshot[]>;
}

/** Requests of one Bulk 2.0 job: create, upload, close, a few polls, the result reads. */
const BULK_JOB_COST = 8;

export function createSalesforceConnection(env: SalesforceEnv, deps: ConnectDeps = {}): SalesforceConnection {
  const meter = deps.meter ?? new ApiMeter();
  let connected: Promise<SalesforceSession> | undefined;
  const session = (): Promise<SalesforceSession> => {
    connected ??= connectSalesforce(env, { ...deps, meter });
    connected.catch(() => (connected = undefined));
    return connected;
  };
  return {
    session,
    usage: (since) => meter.counters(since),
    describe: async (options) => describeFields(await session(), options),
    checkBudget: async (share) => checkBudget(await session(), share),
    async applyUpdates(updates, { budgetShare, ...options }) {
      const org = await session();
      const budget = await checkBudget(org, budgetShare);
      return applyUpdates(org, budget, updates, {
        ...(deps.log ? { log: deps.log } : {}),
        ...options,
      });
    },
    findTasks: async (whatIds, subjectPrefix, since) =>
      findTasks(await session(), whatIds, subjectPrefix, since),
    createTasks: async (tasks) => createTasks(await session(), tasks),
    async upsertSnapshots(object, rows, { budgetShare, ...options }) {
      const org = await session();
      await withinBudget(org, budgetShare);
      return upsertSnapshots(org, object, rows, options);
    },
    async deleteRecords(object, ids, { budgetShare, ...options }) {
      const org = await session();
      await withinBudget(org, budgetShare);
      return deleteRecords(org, object, ids, options);
    },
    resumeSnapshotJob: async (jobId, by, options) => resumeSnapshotJob(await session(), jobId, by, options),
    snapshotsBefore: async (object, weekStart) => snapshotsBefore(await session(), object, weekStart),
  };
}

async function withinBudget(org: SalesforceSession, share: number): Promise<void> {
  const budget = await checkBudget(org, share);
  if (!budget.allows(BULK_JOB_COST) && budget.stop) throw budget.stop;
}
