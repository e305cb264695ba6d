import { formatSfDatetime } from '../sf-time.ts';

/** A Bulk API 2.0 ingest job and everything the simulator remembers about it. */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export interface JobResults {
  header: string[];
  successful: { id: string; created: boolean; row: string[] }[];
  failed: { id: string; error: string; row: string[] }[];
  unprocessed: string[][];
}

export interface IngestJob {
  id: string;
  object: string;
  operation: 'insert' | 'update' | 'upsert' | 'delete';
  /** upsert: the field rows are matched on (an External ID field, or Id). */
  externalIdFieldName: string | null;
  state: JobState;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  apiVersion: number;
  uploads: string[];
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  totalProcessingTime: number;
  errorMessage: string | null;
  results: JobResults | null;
  /** Bulk API batches the job drew from the daily allocation (one per 10,000 rows). */
  batchesUsed: number;
  timers: NodeJS.Timeout[];
}

/** The job info body: the short form answers create and close, the full form answers GET. */
export function jobInfo(job: IngestJob, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    createdById: job.createdById,
    createdDate: formatSfDatetime(job.createdDate),
    systemModstamp: formatSfDatetime(job.systemModstamp),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    // A number, as Salesforce sends it (the community spec types it as a string).
    apiVersion: job.apiVersion,
  };
  if (job.state === 'Open')
    base['contentUrl'] = `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`;
  base['lineEnding'] = job.lineEnding;
  base['columnDelimiter'] = job.columnDelimiter;
  if (!full) return base;
  return {
    ...base,
    jobType: 'V2Ingest',
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    apiActiveProcessingTime: Math.floor(job.totalProcessingTime / 2),
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** `STATUS_CODE:message:field1,field2 --`, the sf__Error form. */
export function formatBulkError(e: { statusCode: string; message: string; fields: string[] }): string {
  return `${e.statusCode}:${e.message}:${e.fields.length > 0 ? `${e.fields.join(',')} ` : ''}--`;
}
