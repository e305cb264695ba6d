import { parse } from 'csv-parse/sync';
import { findField } from '../schema/fields.ts';
import type { SalesforceState } from '../state.ts';
import { saveRecords, type SaveItem } from '../write/save.ts';
import { DELIMITERS, type IngestJob } from './job.ts';

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
  if (job.operation === 'update' && idColumn < 0)
    return fail('InvalidBatch : Field name not found : Id', header, rows);

  const items: SaveItem[] = rows.map((row) => {
    const input: Record<string, unknown> = {};
    header.forEach((h, i) => (input[h] = row[i] ?? ''));
    const id = idColumn >= 0 ? (row[idColumn] ?? '') : '';
    return { def, id: job.operation === 'update' || id !== '' ? id : null, input };
  });
  const outcome = saveRecords(state, items, {
    op: job.operation === 'insert' ? 'create' : 'update',
    allOrNone: false,
    encoding: 'csv',
    userId: job.createdById,
  });
  if (!outcome.ok) return fail(`InvalidBatch : ${outcome.message}`, header, rows);
  const results = {
    header,
    successful: [] as IngestJobRow[],
    failed: [] as IngestFailedRow[],
    unprocessed: [] as string[][],
  };
  outcome.results.forEach((r, i) => {
    const row = rows[i] ?? [];
    if (r.success) results.successful.push({ id: r.id ?? '', created: r.created, row });
    else results.failed.push({ id: r.id ?? '', error: r.errors.map(formatBulkError).join(';'), row });
  });
  job.results = results;
  job.numberRecordsProcessed = rows.length;
  job.numberRecordsFailed = results.failed.length;
  job.batchesUsed = Math.max(1, Math.ceil(rows.length / 10_000));
  job.totalProcessingTime = Date.now() - started;
  state.stats.bulkRowsProcessed += rows.length;
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

/** `STATUS_CODE:message:field1,field2 --`, the sf__Error form. */
export function formatBulkError(e: { statusCode: string; message: string; fields: string[] }): string {
  return `${e.statusCode}:${e.message}:${e.fields.length > 0 ? `${e.fields.join(',')} ` : ''}--`;
}
