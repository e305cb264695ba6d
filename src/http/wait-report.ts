import type { SourceName } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { describeLimit, type RateLimiter } from './rate-limiter.ts';
import type { RequestCounters } from './types.ts';

/** Pacing waits shorter than this are routine: counted, not logged. */
export const NOTICEABLE_WAIT_MS = 1_000;

/**
 * What a request's limiter waits become: our own limit's waits are counted (`limiterWaitMs`) and, from
 * a second up, logged with the bucket and the limit, as a 429's wait is, so that a run held back by
 * the vendor's documented limit says so instead of going quiet. A 429's pause (logged where it was
 * met, counted as `rateLimitWaitMs`) only reaches `onWait`, for the progress line.
 */
export function waitReporter(o: {
  source: SourceName;
  bucket: string;
  limiter: RateLimiter;
  counters: RequestCounters;
  log: Logger;
}): (waitMs: number, why: 'limit' | 'paused') => void {
  const { source, bucket, limiter, counters, log } = o;
  return (waitMs, why) => {
    const limit = limiter.config ? describeLimit(limiter.config) : undefined;
    if (why === 'limit') counters.limiterWaitMs += waitMs;
    // A 429's pause is always told: by the time the retry asks for its turn, a little of the
    // server's second may have passed already.
    if (why === 'limit' && waitMs < NOTICEABLE_WAIT_MS) return;
    const reason =
      why === 'limit' ? `the ${source} ${bucket} limit (${limit ?? 'none'})` : `HTTP 429 from ${source}`;
    if (why === 'limit')
      log.info(
        { source, bucket, waitMs, limit },
        `waiting ${Math.ceil(waitMs / 1000)} s for ${reason}: our client-side pacing under the vendor's documented limit`,
      );
    counters.onWait?.({ source, bucket, waitMs, why: reason });
  };
}
