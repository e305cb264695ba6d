import { stringify } from 'csv-stringify/sync';
import { SourceError } from '../../src/errors.ts';
import type { RecordError, RecordOutcome, RecordUpdate } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { toSourceError } from './errors.ts';
import { SalesforceBulkFailedRow, SalesforceBulkSuccessRow, parseResponse } from './schemas.ts';

export interface BulkOptions {
  pollIntervalMs?: number;
  /** jsforce's default (30 s) is far too short for a large job. */
  pollTimeoutMs?: number;
}

export const DEFAULT_POLL_TIMEOUT_MS = 30 * 60_000;

/** Bulk API 2.0 sets a field to null with `#N/A`; an empty cell leaves the field as it is. */
const NULL_CELL = '#N/A';

/** One CSV for records that change different fields: the union of columns, blanks where unchanged. */
export function updateCsv(records: readonly RecordUpdate[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r.fields)))].sort();
  const rows = records.map((r) => [
    r.id,
    ...columns.map((c) => {
      if (!(c in r.fields)) return '';
      const v = r.fields[c];
      return v === null || v === undefined ? NULL_CELL : String(v);
    }),
  ]);
  return stringify([['Id', ...columns], ...rows], { record_delimiter: 'unix' });
}

/** `sf__Error` is `CODE:message:fields` (fields `--` when none). */
export function parseBulkError(text: string): RecordError {
  const first = text.indexOf(':');
  if (first < 0) return { code: text.trim() || 'UNKNOWN', message: text, fields: [] };
  const code = text.slice(0, first);
  const rest = text.slice(first + 1);
  const last = rest.lastIndexOf(':');
  const message = last < 0 ? rest : rest.slice(0, last);
  const tail = last < 0 ? '' : rest.slice(last + 1);
  const fields =
    tail && tail !== '--'
      ? tail
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [];
  return { code, message, fields };
}

const rowId = (row: Record<string, unknown>): string | undefined => {
  const id = row['Id'] ?? row['sf__Id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * Updates any number of records with one Bulk API 2.0 ingest job: create, upload the CSV, mark
 * UploadComplete, poll, then read successful, failed and unprocessed records (about six requests
 * whatever the size). Records the job did not process come back as `UNPROCESSED` (transient).
 * Each step is retried under the shared policy, except the job's creation (a POST: a lost answer
 * may have created a job, so only a 429 is sent again).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upload_data.htm
 */
export async function updateBulk(
  session: SalesforceSession,
  object: string,
  records: readonly RecordUpdate[],
  options: BulkOptions = {},
): Promise<{ jobId: string; outcomes: RecordOutcome[] }> {
  const { conn } = session;
  const job = conn.bulk2.createJob({ object, operation: 'update', lineEnding: 'LF' });
  let step = 'POST /jobs/ingest';
  const run = <T>(idempotent: boolean, send: () => Promise<T>): Promise<T> =>
    sfCall(session, { endpoint: step, idempotent }, send);
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
    await run(false, () => job.open());
    step = 'PUT /jobs/ingest/{id}/batches';
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
    // Sent as one string rather than through `job.uploadData`, whose stream cannot be sent twice.
    const csv = updateCsv(records);
    await run(true, () =>
      conn.request({
        method: 'PUT',
        url: `/jobs/ingest/${job.id}/batches`,
        body: csv,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
    step = 'PATCH /jobs/ingest/{id}';
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
    await run(true, () => job.close());
    step = 'GET /jobs/ingest/{id}';
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
    await run(true, () =>
      job.poll(options.pollIntervalMs ?? 5_000, options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS),
    );
  } catch (err) {
    if (err instanceof Error && /Ingest job failed|aborted/i.test(err.message) && !('errorCode' in err))
      throw new SourceError(
        'SOURCE_HTTP',
        'salesforce',
        `Bulk API 2.0 job ${job.id}: ${err.message.slice(0, 300)}`,
        {
          endpoint: step,
          code: 'BULK_JOB_FAILED',
        },
      );
    throw toSourceError(err, step);
  }
  let results: Awaited<ReturnType<typeof job.getAllResults>>;
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_unprocessed_results.htm
    step = 'GET /jobs/ingest/{id}/(successful|failed)Results';
    results = await run(true, () => job.getAllResults());
  } catch (err) {
    throw toSourceError(err, step);
  }

  const outcomes = new Map<string, RecordOutcome>();
  for (const raw of results.successfulResults) {
    const row = parseResponse(SalesforceBulkSuccessRow, raw, 'GET /jobs/ingest/{id}/successfulResults');
    const id = rowId(row);
    if (id) outcomes.set(id, { id, success: true, errors: [] });
  }
  for (const raw of results.failedResults) {
    const row = parseResponse(SalesforceBulkFailedRow, raw, 'GET /jobs/ingest/{id}/failedResults');
    const id = rowId(row);
    if (id) outcomes.set(id, { id, success: false, errors: [parseBulkError(row.sf__Error)] });
  }
  const unprocessed: RecordError = {
    code: 'UNPROCESSED',
    message: 'the Bulk API job did not process this record',
    fields: [],
  };
  return {
    jobId: job.id,
    outcomes: records.map((r) => outcomes.get(r.id) ?? { id: r.id, success: false, errors: [unprocessed] }),
  };
}
