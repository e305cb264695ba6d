import { SourceError } from '../../src/errors.ts';
import { cursorStrategy, paginate } from '../../src/http/paginate.ts';
import { filters, type ReadOptions, type WindowPage } from './read-window.ts';
import { GenesysJobCreated, GenesysJobResults, GenesysJobStatus } from './schemas.ts';
import { toInterval, type TimeWindow } from './windows.ts';

/**
 * One old window through the async jobs API (the data lake), in three steps that job-queue.ts runs
 * for several windows at once: create a job, poll it with backoff until FULFILLED, page its results by
 * cursor. `signal` cancels a job's creation or polling when the read no longer needs it.
 */
const JOBS = '/api/v2/analytics/conversations/details/jobs';

/** Creates the job for `w`; resolves with its id, encoded for use in a path. */
export async function createJob(opts: ReadOptions, w: TimeWindow, signal?: AbortSignal): Promise<string> {
  // https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/async-conversation-query
  const created = await opts.http.request(
    {
      method: 'POST',
      path: JOBS,
      endpoint: `POST ${JOBS}`,
      // A duplicate job costs a little quota and changes no data.
      idempotent: true,
      body: { interval: toInterval(w), order: 'asc', orderBy: 'conversationStart', ...filters(opts) },
      ...(signal ? { signal } : {}),
    },
    GenesysJobCreated,
  );
  return encodeURIComponent(created.data.jobId);
}

/** Polls until FULFILLED; FAILED, CANCELLED, EXPIRED or the wait limit are a SourceError. */
export async function waitForJob(opts: ReadOptions, jobId: string, signal?: AbortSignal): Promise<void> {
  const deadline = opts.clock.now() + (opts.maxJobWaitMs ?? 30 * 60_000);
  for (let i = 0; ; i++) {
    signal?.throwIfAborted();
    // https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/async-conversation-query
    const { state, errorMessage } = (
      await opts.http.request(
        {
          method: 'GET',
          path: `${JOBS}/${jobId}`,
          endpoint: `GET ${JOBS}/{jobId}`,
          ...(signal ? { signal } : {}),
        },
        GenesysJobStatus,
      )
    ).data;
    if (state === 'FULFILLED') return;
    if (state === 'FAILED' || state === 'CANCELLED' || state === 'EXPIRED')
      throw new SourceError(
        'SOURCE_HTTP',
        'genesys',
        `analytics job ${state.toLowerCase()}${errorMessage ? `: ${errorMessage}` : ''}`,
        {
          endpoint: `GET ${JOBS}/{jobId}`,
          state,
        },
      );
    if (opts.clock.now() >= deadline)
      throw new SourceError(
        'SOURCE_HTTP',
        'genesys',
        `analytics job still ${state.toLowerCase()} after the wait limit`,
        {
          endpoint: `GET ${JOBS}/{jobId}`,
          state,
        },
      );
    // Small jobs finish in about a second; doubling to 30 s keeps long ones cheap on the 300/min budget.
    await opts.clock.sleep(Math.min(30_000, 500 * 2 ** i), signal);
  }
}

/** Pages a FULFILLED job's results; the last page is marked `complete`. */
export async function* readJobResults(
  opts: ReadOptions,
  w: TimeWindow,
  jobId: string,
): AsyncGenerator<WindowPage> {
  let read = 0;
  const pages = paginate<GenesysJobResults, string>({
    start: undefined,
    // https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/async-conversation-query (results)
    fetchPage: async (cursor) =>
      (
        await opts.http.request(
          {
            method: 'GET',
            path: `${JOBS}/${jobId}/results`,
            endpoint: `GET ${JOBS}/{jobId}/results`,
            query: { cursor, pageSize: 1000 },
          },
          GenesysJobResults,
        )
      ).data,
    next: cursorStrategy((p: GenesysJobResults) => ({ cursor: p.cursor, end: !p.cursor })),
    endpoint: `GET ${JOBS}/{jobId}/results`,
  });
  for await (const { page, more } of pages) {
    const conversations = page.conversations ?? [];
    read += conversations.length;
    if (!more) opts.report({ window: w, method: 'job', read });
    yield { conversations, window: w, complete: !more };
  }
}
