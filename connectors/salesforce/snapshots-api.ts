import { stringify } from 'csv-stringify/sync';
import type { RecordError, RecordOutcome, SnapshotRow } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import {
  type BulkOptions,
  type IngestHooks,
  type IngestResults,
  resumeIngestJob,
  runIngestJob,
} from './ingest-job.ts';
import { queryPages } from './query-pages.ts';
import { SalesforceBulkFailedRow, SalesforceBulkSuccessRow, parseResponse } from './schemas.ts';
import { parseBulkError, rowId } from './write-bulk.ts';

/**
 * The weekly `Health_Snapshot__c` rows (see connectors/salesforce/org/ for the object): upserted on
 * `Snapshot_Key__c` and deleted past retention, each with one Bulk API 2.0 job. Outcomes carry the
 * row's key (upserts) or its record Id (deletes) as `id`.
 */
export const SNAPSHOT_KEY_FIELD = 'Snapshot_Key__c';

/** The fields each upserted row sets, in the CSV's column order; validate checks the org has them. */
export const SNAPSHOT_COLUMNS = [
  SNAPSHOT_KEY_FIELD,
  'Account__c',
  'Week__c',
  'Week_Start__c',
  'Score__c',
  'Status__c',
  'Scorecard_Version__c',
  'Rebuilt__c',
] as const;

/** The upsert CSV: `#N/A` sets a score to null (an empty cell would leave the old one). */
export function snapshotCsv(rows: readonly SnapshotRow[]): string {
  const cells = rows.map((r) => [
    r.key,
    r.accountId,
    r.week,
    r.weekStart,
    r.score === null ? '#N/A' : String(r.score),
    r.status,
    r.scorecardVersion,
    r.rebuilt ? 'true' : 'false',
  ]);
  return stringify([[...SNAPSHOT_COLUMNS], ...cells], { record_delimiter: 'unix' });
}

const UNPROCESSED: RecordError = {
  code: 'UNPROCESSED',
  message: 'the Bulk API job did not process this record',
  fields: [],
};

/** Per-record outcomes of a job, by the column that names each record (`Snapshot_Key__c` or `Id`). */
export function jobOutcomes(
  results: Pick<IngestResults, 'successful' | 'failed'>,
  sent: readonly string[],
  by: 'key' | 'id',
): RecordOutcome[] {
  const nameOf = (row: Record<string, unknown>): string | undefined => {
    if (by === 'id') return rowId(row);
    const key = row[SNAPSHOT_KEY_FIELD];
    return typeof key === 'string' && key !== '' ? key : undefined;
  };
  const outcomes = new Map<string, RecordOutcome>();
  for (const raw of results.successful) {
    const row = parseResponse(SalesforceBulkSuccessRow, raw, 'GET /jobs/ingest/{id}/successfulResults');
    const name = nameOf(row);
    if (name) outcomes.set(name, { id: name, success: true, errors: [] });
  }
  for (const raw of results.failed) {
    const row = parseResponse(SalesforceBulkFailedRow, raw, 'GET /jobs/ingest/{id}/failedResults');
    const name = nameOf(row);
    if (name) outcomes.set(name, { id: name, success: false, errors: [parseBulkError(row.sf__Error)] });
  }
  return sent.map((name) => outcomes.get(name) ?? { id: name, success: false, errors: [UNPROCESSED] });
}

export type SnapshotJobOptions = BulkOptions & IngestHooks;

/** Upserts the rows with one Bulk API 2.0 job (`externalIdFieldName: Snapshot_Key__c`). */
export async function upsertSnapshots(
  session: SalesforceSession,
  object: string,
  rows: readonly SnapshotRow[],
  options: SnapshotJobOptions = {},
): Promise<{ jobId: string; outcomes: RecordOutcome[] }> {
  const results = await runIngestJob(
    session,
    { object, operation: 'upsert', externalIdFieldName: SNAPSHOT_KEY_FIELD, csv: snapshotCsv(rows) },
    options,
  );
  return {
    jobId: results.jobId,
    outcomes: jobOutcomes(
      results,
      rows.map((r) => r.key),
      'key',
    ),
  };
}

/** Deletes records by Id with one Bulk API 2.0 job (to the Recycle Bin, as a user's delete does). */
export async function deleteRecords(
  session: SalesforceSession,
  object: string,
  ids: readonly string[],
  options: SnapshotJobOptions = {},
): Promise<{ jobId: string; outcomes: RecordOutcome[] }> {
  const csv = stringify([['Id'], ...ids.map((id) => [id])], { record_delimiter: 'unix' });
  const results = await runIngestJob(session, { object, operation: 'delete', csv }, options);
  return { jobId: results.jobId, outcomes: jobOutcomes(results, ids, 'id') };
}

/**
 * The results of a job a killed process left, by key (upserts) or Id (deletes) as the job's rows
 * name them; `notRun` when its data never got through.
 */
export async function resumeSnapshotJob(
  session: SalesforceSession,
  jobId: string,
  by: 'key' | 'id',
  options: BulkOptions = {},
): Promise<{ outcomes: RecordOutcome[] } | { notRun: string }> {
  const resumed = await resumeIngestJob(session, jobId, options);
  if ('notRun' in resumed) return { notRun: resumed.notRun };
  const named = (rows: Record<string, unknown>[]): string[] =>
    rows.flatMap((row) => {
      const name = by === 'id' ? rowId(row) : row[SNAPSHOT_KEY_FIELD];
      return typeof name === 'string' && name !== '' ? [name] : [];
    });
  return { outcomes: jobOutcomes(resumed, [...named(resumed.successful), ...named(resumed.failed)], by) };
}

/** A row past retention, found by its week. */
export interface StoredSnapshot {
  id: string;
  key: string | null;
  weekStart: string | null;
}

/**
 * The rows whose week starts before `weekStart` (to delete past retention), read with SOQL.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export async function snapshotsBefore(
  session: SalesforceSession,
  object: string,
  weekStart: string,
): Promise<StoredSnapshot[]> {
  // Date literals are unquoted in SOQL; `weekStart` is a `YYYY-MM-DD` the planner computed.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart)) throw new RangeError(`not a date: ${weekStart.slice(0, 20)}`);
  const soql = `SELECT Id, ${SNAPSHOT_KEY_FIELD}, Week_Start__c FROM ${object} WHERE Week_Start__c < ${weekStart} ORDER BY Week_Start__c, Id`;
  const out: StoredSnapshot[] = [];
  for await (const page of queryPages(session, soql))
    for (const r of page.records) {
      const key = r[SNAPSHOT_KEY_FIELD];
      const start = r['Week_Start__c'];
      out.push({
        id: r.Id,
        key: typeof key === 'string' ? key : null,
        weekStart: typeof start === 'string' ? start : null,
      });
    }
  return out;
}
