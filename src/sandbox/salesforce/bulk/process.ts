import { parse } from 'csv-parse/sync';
import { findField } from '../schema/fields.ts';
import type { SalesforceState } from '../state.ts';
import { saveRecords, type SaveItem } from '../write/save.ts';
import { DELIMITERS, type IngestJob, formatBulkError } from './job.ts';
import { type RowResult, deleteRow, planUpsert } from './upsert-delete.ts';

/**
 * Processes a closed job's CSV as Bulk API 2.0 does: the whole job fails for bad CSV, a wrong line
 * ending or an unknown column; otherwise each row succeeds or fails on its own (never allOrNone),
 * and the results keep the uploaded columns.
 */
export function processJob(state: SalesforceState, job: IngestJob): void {
  const started = Date.now();
  const data = job.uploads.join('');
  const fail = (message: string, header: string[] = [], rows: string[][] = []): void => {
    job.state = 'Failed';
    job.errorMessage = message;
    job.results = { header, successful: [], failed: [], unprocessed: rows };
  };
  if (state.faults.settings.bulkJobFailure) return fail(state.faults.settings.bulkJobFailure);
  if (job.lineEnding === 'LF' && data.includes('\r\n')) {
    return fail(
      `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${job.lineEnding}`,
    );
  }
  const table = parseJobCsv(job);
  if ('error' in table) return fail(`ClientInputError : ${table.error}`);
  const [header = [], ...rows] = table.rows;
  if (header.length === 0) return fail('InvalidBatch : No data was uploaded for this job');
  const def = state.defFor(job.object)!;
  const unknown = header.find((h) => !findField(def, h));
  if (unknown) return fail(`InvalidBatch : Field name not found : ${unknown}`, header, rows);
  const idColumn = header.findIndex((h) => h.toLowerCase() === 'id');
  if ((job.operation === 'update' || job.operation === 'delete') && idColumn < 0)
    return fail('InvalidBatch : Field name not found : Id', header, rows);
  if (job.operation === 'delete' && header.length > 1)
    return fail('InvalidBatch : A delete job accepts only the Id column', header, rows);
  const keyColumn = job.externalIdFieldName
    ? header.findIndex((h) => h.toLowerCase() === job.externalIdFieldName!.toLowerCase())
    : -1;
  if (job.operation === 'upsert' && keyColumn < 0)
    return fail(`InvalidBatch : Field name not found : ${job.externalIdFieldName}`, header, rows);

  const saved =
    job.operation === 'delete'
      ? rows.map((row) => deleteRow(state, def, row[idColumn] ?? '', job.createdById))
      : saveRows(state, job, header, rows, { idColumn, keyColumn });
  if ('message' in saved) return fail(`InvalidBatch : ${saved.message}`, header, rows);
  const results = {
    header,
    successful: [] as IngestJobRow[],
    failed: [] as IngestFailedRow[],
    unprocessed: [] as string[][],
  };
  saved.forEach((r, i) => {
    const row = rows[i] ?? [];
    if (r.success) results.successful.push({ id: r.id, created: r.created, row });
    else results.failed.push({ id: r.id, error: r.error, row });
  });
  job.results = results;
  job.numberRecordsProcessed = rows.length;
  job.numberRecordsFailed = results.failed.length;
  job.batchesUsed = Math.max(1, Math.ceil(rows.length / 10_000));
  job.totalProcessingTime = Date.now() - started;
  state.stats.bulkRowsProcessed += rows.length;
}

/**
 * Inserts, updates or upserts the rows (each on its own, never allOrNone). An upsert matches each
 * row on the job's external id: an existing record is updated, otherwise one is created.
 */
function saveRows(
  state: SalesforceState,
  job: IngestJob,
  header: string[],
  rows: string[][],
  columns: { idColumn: number; keyColumn: number },
): RowResult[] | { message: string } {
  const def = state.defFor(job.object)!;
  const matched =
    job.operation === 'upsert'
      ? planUpsert(state, def, rows, columns.keyColumn, job.externalIdFieldName ?? 'Id')
      : undefined;
  const out: RowResult[] = [];
  const items: SaveItem[] = [];
  const at: number[] = [];
  rows.forEach((row, i) => {
    const match = matched?.[i];
    if (match && 'error' in match) return void (out[i] = { success: false, id: '', error: match.error });
    const input: Record<string, unknown> = {};
    // An upsert finds the record by its key: an Id column is not sent as a field.
    header.forEach((h, c) => (match && c === columns.idColumn ? undefined : (input[h] = row[c] ?? '')));
    const id = columns.idColumn >= 0 ? (row[columns.idColumn] ?? '') : '';
    items.push(
      match
        ? { def, id: match.id, input, op: match.id ? 'update' : 'create' }
        : { def, id: job.operation === 'update' || id !== '' ? id : null, input },
    );
    at.push(i);
  });
  const outcome = saveRecords(state, items, {
    op: job.operation === 'insert' ? 'create' : 'update',
    allOrNone: false,
    encoding: 'csv',
    userId: job.createdById,
  });
  if (!outcome.ok) return { message: outcome.message };
  outcome.results.forEach((r, k) => {
    out[at[k]!] = r.success
      ? { success: true, id: r.id ?? '', created: r.created }
      : { success: false, id: r.id ?? '', error: r.errors.map(formatBulkError).join(';') };
  });
  return out;
}

type IngestJobRow = { id: string; created: boolean; row: string[] };
type IngestFailedRow = { id: string; error: string; row: string[] };

/** The uploaded CSV as rows, read with the job's delimiter and line ending. */
export function parseJobCsv(job: IngestJob): { rows: string[][] } | { error: string } {
  try {
    const rows = parse(job.uploads.join(''), {
      delimiter: DELIMITERS[job.columnDelimiter] ?? ',',
      record_delimiter: job.lineEnding === 'CRLF' ? '\r\n' : '\n',
      skip_empty_lines: true,
      bom: true,
    });
    return { rows };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
