import { HealthSyncError } from '../errors.ts';

/**
 * Pagination as an async generator over an injected page fetcher (after Nango's paginate service), so
 * the stop conditions are tested without HTTP. Each step yields the page together with the cursor that
 * follows it, so a stream can commit the two in one transaction; `more: false` is the explicit stop.
 */
export type PageStep<C> = { more: true; next: C } | { more: false; next: C | undefined };

export interface PaginateOptions<P, C> {
  /** The cursor of the first request (undefined: the API's first page). */
  start: C | undefined;
  fetchPage(cursor: C | undefined): Promise<P>;
  next(page: P, cursor: C | undefined): PageStep<C>;
  /** Stop (after the page in hand) once aborted. */
  signal?: AbortSignal;
  /** A safety net against an API that never says "last page"; exceeding it is an error, not a silent stop. */
  maxPages?: number;
  /** What a page is called in errors, e.g. `GET /api/v2/incremental/tickets/cursor.json`. */
  endpoint?: string;
  /**
   * Request the next page as soon as its cursor is known, while the caller stores this one: the
   * server's time to build a page overlaps ours to process the last (the export of 1,000,000 Zendesk
   * tickets spent half its time waiting for pages). Requests are the same, in the same order, and
   * go through the same limiter; only a caller that stops early has asked for one page it never reads.
   */
  prefetch?: boolean;
}

export interface PageOf<P, C> {
  page: P;
  /** The cursor this page was requested with. */
  cursor: C | undefined;
  /** The cursor that follows this page (commit it with the page's data). */
  next: C | undefined;
  more: boolean;
  index: number;
}

export async function* paginate<P, C>(options: PaginateOptions<P, C>): AsyncGenerator<PageOf<P, C>> {
  const seen = new Set<string>();
  let cursor = options.start;
  let ahead: Promise<P> | undefined;
  for (let index = 0; ; index++) {
    if (options.maxPages !== undefined && index >= options.maxPages)
      throw new HealthSyncError(
        'SOURCE_RESPONSE_INVALID',
        `${options.endpoint ?? 'pagination'}: still not at the last page after ${options.maxPages} pages`,
        { endpoint: options.endpoint, pages: index },
      );
    const page = await (ahead ?? options.fetchPage(cursor));
    ahead = undefined;
    const step = options.next(page, cursor);
    // An API that hands back a cursor it already gave would loop forever while reporting progress.
    const key = JSON.stringify(step.next);
    const repeated = seen.has(key) || key === JSON.stringify(cursor);
    const within = options.maxPages === undefined || index + 1 < options.maxPages;
    if (options.prefetch && step.more && !repeated && within && !options.signal?.aborted) {
      ahead = options.fetchPage(step.next);
      // Its failure is thrown where it is awaited, after this page is stored; never unhandled.
      ahead.catch(() => undefined);
    }
    yield { page, cursor, next: step.next, more: step.more, index };
    if (!step.more || options.signal?.aborted) return;
    if (repeated)
      throw new HealthSyncError(
        'SOURCE_RESPONSE_INVALID',
        `${options.endpoint ?? 'pagination'}: the API returned a cursor it had already returned (page ${index + 1})`,
        { endpoint: options.endpoint, pages: index + 1 },
      );
    seen.add(key);
    cursor = step.next;
  }
}

/** Cursor pagination (Zendesk cursor exports: after_cursor + end_of_stream). */
export function cursorStrategy<P>(
  pick: (page: P) => { cursor: string | null | undefined; end: boolean },
): (page: P) => PageStep<string> {
  return (page) => {
    const { cursor, end } = pick(page);
    if (cursor == null || cursor === '') return { more: false, next: undefined };
    return end ? { more: false, next: cursor } : { more: true, next: cursor };
  };
}

/** Next-URL pagination (a `next_page`/`nextRecordsUrl` link; null or an end flag stops). */
export function nextUrlStrategy<P>(
  pick: (page: P) => string | null | undefined,
  isEnd: (page: P) => boolean = () => false,
): (page: P) => PageStep<string> {
  return (page) => {
    const url = pick(page);
    if (url == null || url === '' || isEnd(page)) return { more: false, next: url ?? undefined };
    return { more: true, next: url };
  };
}

/** Token pagination (Jira's nextPageToken + isLast): stop on isLast or on a missing token. */
export function tokenStrategy<P>(
  pick: (page: P) => { token: string | null | undefined; isLast?: boolean | undefined },
): (page: P) => PageStep<string> {
  return (page) => {
    const { token, isLast } = pick(page);
    if (isLast === true || token == null || token === '') return { more: false, next: undefined };
    return { more: true, next: token };
  };
}

/**
 * Page-number pagination with a total (Genesys details query: pageNumber from 1 until totalHits are
 * read). An empty page also stops, so a total that shrinks mid-read cannot loop.
 */
export function pageNumberStrategy<P>(options: {
  pageSize: number;
  total: (page: P) => number;
  count: (page: P) => number;
  first?: number;
}): (page: P, cursor: number | undefined) => PageStep<number> {
  const first = options.first ?? 1;
  return (page, cursor) => {
    const n = cursor ?? first;
    const read = (n - first + 1) * options.pageSize;
    if (options.count(page) === 0 || read >= options.total(page)) return { more: false, next: undefined };
    return { more: true, next: n + 1 };
  };
}
