import { stringify } from 'csv-stringify/sync';
import type { ApiContext } from '../http/context.ts';
import { sfError, type SfResponse } from '../http/respond.ts';
import { isPlainObject } from '../handlers/sobjects.ts';
import { findField } from '../schema/fields.ts';
import { DELIMITERS, jobInfo, type IngestJob } from './job.ts';
import { parseJobCsv, processJob } from './process.ts';

/**
 * Bulk API 2.0 ingest: create a job, upload its CSV, close it, poll it, read its results.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
 */
const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete']);

const jobNotFound = (id: string): SfResponse => sfError(404, 'NOT_FOUND', `Job with id ${id} was not found`);
const wrongState = (job: IngestJob, action: string): SfResponse =>
  sfError(409, 'INVALIDJOBSTATE', `Can't ${action} job ${job.id} in state ${job.state}`);

/** `POST /jobs/ingest` https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm */
export function handleCreateJob(ctx: ApiContext, body: unknown): SfResponse {
  if (!isPlainObject(body)) return sfError(400, 'API_ERROR', 'The request body must be a JSON object');
  const {
    object,
    operation,
    externalIdFieldName,
    contentType = 'CSV',
    lineEnding = 'LF',
    columnDelimiter = 'COMMA',
  } = body;
  const def = typeof object === 'string' ? ctx.state.defFor(object) : undefined;
  if (!def)
    return sfError(400, 'INVALIDENTITY', `Entity '${String(object)}' is not supported by the Bulk API.`);
  if (typeof operation !== 'string' || !OPERATIONS.has(operation)) {
    return sfError(
      400,
      'API_ERROR',
      `Operation '${String(operation)}' is not supported by the sandbox (insert, update, upsert, delete).`,
    );
  }
  let externalId: string | null = null;
  if (operation === 'upsert') {
    const f = typeof externalIdFieldName === 'string' ? findField(def, externalIdFieldName) : undefined;
    if (!f || !(f.externalId || f.name === 'Id'))
      return sfError(
        400,
        'INVALIDJOB',
        `InvalidJob : Field name provided, ${String(externalIdFieldName)} does not match an External ID, Salesforce Id, or indexed field for ${def.name}`,
      );
    externalId = f.name;
  }
  if (contentType !== 'CSV')
    return sfError(400, 'API_ERROR', `Unsupported contentType: ${String(contentType)}`);
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF')
    return sfError(400, 'API_ERROR', `Invalid lineEnding: ${String(lineEnding)}`);
  if (typeof columnDelimiter !== 'string' || !(columnDelimiter in DELIMITERS)) {
    return sfError(400, 'API_ERROR', `Invalid columnDelimiter: ${String(columnDelimiter)}`);
  }
  const now = ctx.state.now();
  const job: IngestJob = {
    id: ctx.state.ids.next('750'),
    object: def.name,
    operation: operation as IngestJob['operation'],
    externalIdFieldName: externalId,
    state: 'Open',
    createdById: ctx.userId,
    createdDate: now,
    systemModstamp: now,
    lineEnding,
    columnDelimiter,
    apiVersion: Number(ctx.version),
    uploads: [],
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    totalProcessingTime: 0,
    errorMessage: null,
    results: null,
    batchesUsed: 0,
    timers: [],
  };
  ctx.state.jobs.set(job.id, job);
  ctx.state.stats.bulkJobsCreated += 1;
  return { status: 200, json: jobInfo(job, false) };
}

/** `PUT /jobs/ingest/{id}/batches` (text/csv) https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm */
export function handleUpload(
  ctx: ApiContext,
  jobId: string,
  body: unknown,
  contentType: string | undefined,
): SfResponse {
  const job = ctx.state.jobs.get(jobId);
  if (!job) return jobNotFound(jobId);
  if (job.state !== 'Open') return wrongState(job, 'upload data to');
  if (!/^text\/csv\b/i.test(contentType ?? '') || typeof body !== 'string') {
    return sfError(400, 'API_ERROR', 'Unsupported Content-Type: upload job data as text/csv');
  }
  job.uploads.push(body);
  return { status: 201 };
}

/** `PATCH /jobs/ingest/{id}` {state: UploadComplete | Aborted} https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm */
export function handleSetState(ctx: ApiContext, jobId: string, body: unknown): SfResponse {
  const job = ctx.state.jobs.get(jobId);
  if (!job) return jobNotFound(jobId);
  const target = isPlainObject(body) ? body['state'] : undefined;
  const now = ctx.state.now();
  if (target === 'UploadComplete') {
    if (job.state !== 'Open') return wrongState(job, 'close');
    job.state = 'UploadComplete';
    job.systemModstamp = now;
    schedule(ctx, job);
    return { status: 200, json: jobInfo(job, false) };
  }
  if (target === 'Aborted') {
    if (!['Open', 'UploadComplete', 'InProgress'].includes(job.state)) return wrongState(job, 'abort');
    job.timers.forEach(clearTimeout);
    job.state = 'Aborted';
    job.systemModstamp = now;
    job.results ??= unprocessedOnly(job);
    return { status: 200, json: jobInfo(job, false) };
  }
  return sfError(400, 'INVALIDJOBSTATE', `Invalid state transition requested: ${String(target)}`);
}

/** Closed jobs move on by themselves: UploadComplete → InProgress (rows saved) → JobComplete. */
function schedule(ctx: ApiContext, job: IngestJob): void {
  const { state } = ctx;
  job.timers.push(
    setTimeout(() => {
      if (job.state !== 'UploadComplete') return;
      job.state = 'InProgress';
      job.systemModstamp = state.now();
      processJob(state, job);
      job.timers.push(
        setTimeout(() => {
          if (job.state !== 'InProgress') return;
          job.state = 'JobComplete';
          job.systemModstamp = state.now();
        }, ctx.bulkStepMs),
      );
    }, ctx.bulkStepMs),
  );
}

function unprocessedOnly(job: IngestJob): IngestJob['results'] {
  const parsed = parseJobCsv(job);
  const [header = [], ...rows] = 'rows' in parsed ? parsed.rows : [];
  return { header, successful: [], failed: [], unprocessed: rows };
}

/** `GET /jobs/ingest/{id}` https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm */
export function handleJobInfo(ctx: ApiContext, jobId: string): SfResponse {
  const job = ctx.state.jobs.get(jobId);
  return job ? { status: 200, json: jobInfo(job, true) } : jobNotFound(jobId);
}

/**
 * `GET …/successfulResults/`, `…/failedResults/`, `…/unprocessedrecords/`: CSV with every value quoted.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
 */
export function handleResults(ctx: ApiContext, jobId: string, kind: string): SfResponse {
  const job = ctx.state.jobs.get(jobId);
  if (!job) return jobNotFound(jobId);
  if (!job.results || job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress') {
    return wrongState(job, 'get results of');
  }
  const { header, successful, failed, unprocessed } = job.results;
  let rows: string[][];
  if (kind === 'successfulResults')
    rows = [
      ['sf__Id', 'sf__Created', ...header],
      ...successful.map((r) => [r.id, String(r.created), ...r.row]),
    ];
  else if (kind === 'failedResults')
    rows = [['sf__Id', 'sf__Error', ...header], ...failed.map((r) => [r.id, r.error, ...r.row])];
  else rows = [header, ...unprocessed];
  const csv = stringify(rows, { quoted: true, record_delimiter: 'unix' });
  return { status: 200, csv, headers: { 'Sforce-NumberOfRecords': String(rows.length - 1) } };
}

/** `DELETE /jobs/ingest/{id}` https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/delete_job.htm */
export function handleDeleteJob(ctx: ApiContext, jobId: string): SfResponse {
  const job = ctx.state.jobs.get(jobId);
  if (!job) return jobNotFound(jobId);
  if (job.state === 'Open' || job.state === 'InProgress') return wrongState(job, 'delete');
  job.timers.forEach(clearTimeout);
  ctx.state.jobs.delete(jobId);
  return { status: 204 };
}
