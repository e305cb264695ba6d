import { SourceError } from '../../src/errors.ts';
import { pageNumberStrategy, paginate } from '../../src/http/paginate.ts';
import type { Clock } from '../../src/http/sleep.ts';
import type { HttpClient } from '../../src/http/types.ts';
import type { Logger } from '../../src/log/logger.ts';
import { GenesysDetailsQueryResponse, type GenesysConversation } from './schemas.ts';
import { MAX_RESULTS_PER_QUERY, splitWindow, toInterval, type TimeWindow } from './windows.ts';

/**
 * Reading one closed window by the details query (page numbers until totalHits are read); old windows
 * go to async jobs instead (job-queue.ts). Yields pages; the last page of each (sub)window is marked `complete`,
 * which is when the stream may move its cursor to that window's end.
 */
export interface WindowPage {
  conversations: GenesysConversation[];
  window: TimeWindow;
  complete: boolean;
}

/**
 * What a window's read found, for reconciliation. Query windows keep their conversation ids (a call
 * across a window boundary is in both); job windows, which hold most of a backfill, only a count.
 */
export type WindowReport =
  | {
      window: TimeWindow;
      method: 'query';
      /** Genesys's totalHits at the end of the read. */
      totalHits: number;
      ids: Set<string>;
      /** Results Genesys counted that the read did not return, after one re-read (0 when all arrived). */
      shortfall: number;
    }
  | { window: TimeWindow; method: 'job'; read: number };

export interface ReadOptions {
  http: HttpClient;
  mediaTypes: string[];
  queues: string[];
  pageSize: number;
  log: Logger;
  clock: Clock;
  report: (r: WindowReport) => void;
  /** How long to wait for an async job before giving up. */
  maxJobWaitMs?: number;
  /** Async jobs in flight at once (job-queue.ts; default MAX_JOBS_IN_FLIGHT, 1 reads them serially). */
  maxJobsInFlight?: number;
  /** The stream's stop signal: jobs created ahead stop polling when it fires. */
  signal?: AbortSignal;
}

const QUERY = '/api/v2/analytics/conversations/details/query';

export function filters(opts: ReadOptions): object {
  const any = (dimension: string, values: string[]) => ({
    type: 'or',
    predicates: values.map((value) => ({ type: 'dimension', dimension, operator: 'matches', value })),
  });
  // Entries of segmentFilters are ANDed: (media type is one of …) and (queue is one of …).
  return {
    segmentFilters: [
      any('mediaType', opts.mediaTypes),
      ...(opts.queues.length ? [any('queueId', opts.queues)] : []),
    ],
  };
}

async function queryPage(
  opts: ReadOptions,
  w: TimeWindow,
  pageNumber: number,
): Promise<GenesysDetailsQueryResponse> {
  // https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/conversation-query
  const res = await opts.http.request(
    {
      method: 'POST',
      path: QUERY,
      endpoint: `POST ${QUERY}`,
      // A query reads; replaying it is safe.
      idempotent: true,
      body: {
        interval: toInterval(w),
        order: 'asc',
        orderBy: 'conversationStart',
        paging: { pageSize: opts.pageSize, pageNumber },
        ...filters(opts),
      },
    },
    GenesysDetailsQueryResponse,
  );
  return res.data;
}

export function isTooManyResults(err: unknown): boolean {
  return (
    err instanceof SourceError &&
    err.status === 400 &&
    /100,?000|too many|exceed/i.test(String(err.context.body ?? '') + err.message)
  );
}

export async function* readByQuery(opts: ReadOptions, w: TimeWindow): AsyncGenerator<WindowPage> {
  let first: GenesysDetailsQueryResponse;
  try {
    first = await queryPage(opts, w, 1);
  } catch (err) {
    const halves = isTooManyResults(err) ? splitWindow(w) : undefined;
    if (!halves) throw err;
    opts.log.info({ interval: toInterval(w) }, 'query refused as too large: splitting the window');
    for (const h of halves) yield* readByQuery(opts, h);
    return;
  }
  if ((first.totalHits ?? 0) > MAX_RESULTS_PER_QUERY) {
    const halves = splitWindow(w);
    if (!halves)
      throw new SourceError(
        'SOURCE_HTTP',
        'genesys',
        `more than ${MAX_RESULTS_PER_QUERY} conversations in one minute`,
        {
          interval: toInterval(w),
          totalHits: first.totalHits ?? 0,
        },
      );
    opts.log.info(
      { interval: toInterval(w), totalHits: first.totalHits },
      'splitting a window over 100,000 results',
    );
    for (const h of halves) yield* readByQuery(opts, h);
    return;
  }

  // Page-number paging shifts when late records land mid-read: count what arrived, re-read once if short.
  for (let pass = 0; pass < 2; pass++) {
    const ids = new Set<string>();
    let total = 0;
    const pages = paginate<GenesysDetailsQueryResponse, number>({
      start: 1,
      fetchPage: (n) => (pass === 0 && n === 1 ? Promise.resolve(first) : queryPage(opts, w, n ?? 1)),
      next: pageNumberStrategy({
        pageSize: opts.pageSize,
        total: (p) => p.totalHits ?? 0,
        count: (p) => p.conversations?.length ?? 0,
      }),
      endpoint: `POST ${QUERY}`,
    });
    for await (const { page, more } of pages) {
      const conversations = page.conversations ?? [];
      for (const c of conversations) ids.add(c.conversationId);
      total = page.totalHits ?? total;
      if (more) {
        yield { conversations, window: w, complete: false };
        continue;
      }
      const shortfall = Math.max(0, total - ids.size);
      const final = shortfall === 0 || pass === 1;
      if (shortfall)
        opts.log.warn(
          { interval: toInterval(w), totalHits: total, read: ids.size, pass },
          'window read short of totalHits',
        );
      if (final) opts.report({ window: w, method: 'query', totalHits: total, ids, shortfall });
      yield { conversations, window: w, complete: final };
      if (final) return;
    }
  }
}
