import { SourceError } from '../../src/errors.ts';
import type { SalesforceSession } from './auth.ts';
import { sfCall } from './call.ts';
import { sfErrorCode, toSourceError } from './errors.ts';

export interface BulkOptions {
  /**
   * Between status checks (jsforce checks first, then waits). jsforce's own default, 1 s: most jobs
   * health-sync sends (a week's snapshot rows, a plan of changed Accounts) finish within seconds,
   * and a longer wait is added to every run that writes.
   */
  pollIntervalMs?: number;
  /** jsforce's default (30 s) is far too short for a large job. */
  pollTimeoutMs?: number;
}

export const DEFAULT_POLL_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_POLL_INTERVAL_MS = 1_000;

export interface IngestJobSpec {
  object: string;
  operation: 'update' | 'upsert' | 'delete';
  /** upsert: the External ID field rows are matched on. */
  externalIdFieldName?: string;
  csv: string;
}

export interface IngestHooks {
  /**
   * Called with the job's id once Salesforce created it, before any data is sent: the caller
   * journals it durably, so a process killed while the job runs reads its results on restart.
   */
  onJobCreated?: (jobId: string) => void | Promise<void>;
}

/** A finished job's result rows, as jsforce parses the CSVs (objects of strings). */
export interface IngestResults {
  jobId: string;
  successful: Record<string, unknown>[];
  failed: Record<string, unknown>[];
}

type IngestJob = ReturnType<SalesforceSession['conn']['bulk2']['createJob']>;

const step = {
  create: 'POST /jobs/ingest',
  upload: 'PUT /jobs/ingest/{id}/batches',
  close: 'PATCH /jobs/ingest/{id}',
  poll: 'GET /jobs/ingest/{id}',
  results: 'GET /jobs/ingest/{id}/(successful|failed)Results',
} as const;

/**
 * One Bulk API 2.0 ingest job: create, upload the CSV, mark UploadComplete, poll, then read the
 * successful and failed results (about six requests whatever the size). Each step is retried under
 * the shared policy, the job's creation included: a POST whose answer was lost may have created a
 * job, but a job that receives no data and is never closed writes nothing, so sending the create
 * again costs at most one empty open job (a keep-alive socket the server closed while a run was
 * busy elsewhere fails the create this way).
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upload_data.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/walkthrough_upsert.htm
 */
export async function runIngestJob(
  session: SalesforceSession,
  spec: IngestJobSpec,
  options: BulkOptions & IngestHooks = {},
): Promise<IngestResults> {
  const { conn } = session;
  const job = conn.bulk2.createJob({
    object: spec.object,
    operation: spec.operation,
    lineEnding: 'LF',
    ...(spec.externalIdFieldName ? { externalIdFieldName: spec.externalIdFieldName } : {}),
  });
  let at: string = step.create;
  const run = <T>(send: () => Promise<T>): Promise<T> =>
    sfCall(session, { endpoint: at, idempotent: true }, send);
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
    await run(() => job.open());
    await options.onJobCreated?.(job.id);
    at = step.upload;
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
    // Sent as one string rather than through `job.uploadData`, whose stream cannot be sent twice.
    await run(() =>
      conn.request({
        method: 'PUT',
        url: `/jobs/ingest/${job.id}/batches`,
        body: spec.csv,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );
    at = step.close;
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
    await run(() => job.close());
  } catch (err) {
    throw toSourceError(err, at);
  }
  return finish(session, job, options);
}

/** Polls a closed job to its end, then reads its results. */
async function finish(
  session: SalesforceSession,
  job: IngestJob,
  options: BulkOptions,
): Promise<IngestResults> {
  const run = <T>(endpoint: string, send: () => Promise<T>): Promise<T> =>
    sfCall(session, { endpoint, idempotent: true }, send);
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
    await run(step.poll, () =>
      job.poll(
        options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
      ),
    );
  } catch (err) {
    if (err instanceof Error && /Ingest job failed|aborted/i.test(err.message) && !('errorCode' in err))
      throw new SourceError(
        'SOURCE_HTTP',
        'salesforce',
        `Bulk API 2.0 job ${job.id}: ${err.message.slice(0, 300)}`,
        { endpoint: step.poll, code: 'BULK_JOB_FAILED' },
      );
    throw toSourceError(err, step.poll);
  }
  return results(session, job);
}

async function results(session: SalesforceSession, job: IngestJob): Promise<IngestResults> {
  try {
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_failed_results.htm
    // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_unprocessed_results.htm
    const all = await sfCall(session, { endpoint: step.results, idempotent: true }, () =>
      job.getAllResults(),
    );
    return {
      jobId: job.id,
      successful: all.successfulResults,
      failed: all.failedResults,
    };
  } catch (err) {
    throw toSourceError(err, step.results);
  }
}

/**
 * What became of a job a killed process left: its results once it ends (waiting while Salesforce
 * processes it), or `notRun` when its data never got through (still Open: aborted here, so it never
 * runs; gone: deleted after seven days) and its rows must be sent again.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
 */
export async function resumeIngestJob(
  session: SalesforceSession,
  jobId: string,
  options: BulkOptions = {},
): Promise<IngestResults | { jobId: string; notRun: string }> {
  const job = session.conn.bulk2.job('ingest', { id: jobId });
  let state: string;
  try {
    state = (await sfCall(session, { endpoint: step.poll, idempotent: true }, () => job.check())).state;
  } catch (err) {
    if (sfErrorCode(err) === 'NOT_FOUND') return { jobId, notRun: 'the job no longer exists' };
    throw toSourceError(err, step.poll);
  }
  if (state === 'Open') {
    try {
      // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
      await sfCall(session, { endpoint: step.close, idempotent: true }, () => job.abort());
    } catch (err) {
      throw toSourceError(err, step.close);
    }
    return { jobId, notRun: 'its upload was never completed (aborted now)' };
  }
  if (state === 'UploadComplete' || state === 'InProgress') {
    try {
      return await finish(session, job, options);
    } catch (err) {
      // It ended Failed or Aborted while polled: read what it processed, as below.
      if (sfErrorCode(err) !== 'BULK_JOB_FAILED') throw err;
      state = 'Failed';
    }
  }
  if (state === 'JobComplete') return results(session, job);
  // Failed or Aborted: whatever it processed is in its results; a journal must not stay stuck on a
  // job whose results cannot be read, so its rows then count as not run (upserts make that harmless).
  try {
    return await results(session, job);
  } catch {
    return { jobId, notRun: `it ended ${state} and its results cannot be read` };
  }
}
