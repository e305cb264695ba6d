import { stringify } from 'csv-stringify/sync';
import type { RecordError, RecordOutcome, RecordUpdate } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import { type BulkOptions, runIngestJob } from './ingest-job.ts';
import { SalesforceBulkFailedRow, SalesforceBulkSuccessRow, parseResponse } from './schemas.ts';

export { type BulkOptions, DEFAULT_POLL_TIMEOUT_MS } from './ingest-job.ts';

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

export const rowId = (row: Record<string, unknown>): string | undefined => {
  const id = row['Id'] ?? row['sf__Id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * Updates any number of records with one Bulk API 2.0 ingest job (`runIngestJob`: about six
 * requests whatever the size). Records the job did not process come back as `UNPROCESSED`
 * (transient).
 */
export async function updateBulk(
  session: SalesforceSession,
  object: string,
  records: readonly RecordUpdate[],
  options: BulkOptions = {},
): Promise<{ jobId: string; outcomes: RecordOutcome[] }> {
  const results = await runIngestJob(
    session,
    { object, operation: 'update', csv: updateCsv(records) },
    options,
  );
  const outcomes = new Map<string, RecordOutcome>();
  for (const raw of results.successful) {
    const row = parseResponse(SalesforceBulkSuccessRow, raw, 'GET /jobs/ingest/{id}/successfulResults');
    const id = rowId(row);
    if (id) outcomes.set(id, { id, success: true, errors: [] });
  }
  for (const raw of results.failed) {
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
    jobId: results.jobId,
    outcomes: records.map((r) => outcomes.get(r.id) ?? { id: r.id, success: false, errors: [unprocessed] }),
  };
}
