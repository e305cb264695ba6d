import pRetry, { AbortError } from 'p-retry';
import type { SourceName } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { decideRetry, retryPolicy } from './retry-decision.ts';
import { systemClock, type Clock } from './sleep.ts';
import type { RequestCounters, RetryOutcome, RetryPolicy } from './types.ts';

export interface RetryCallOptions {
  source: SourceName;
  /** A stable name for logs, e.g. `GET /query`. */
  endpoint: string;
  /** May the call be sent again after a failure the server may have processed? (a 429 always may) */
  idempotent: boolean;
  /** Retries, 429s and final errors are counted here; requests by whatever sends them. */
  counters: RequestCounters;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  log?: Logger;
  /** Cancels the wait before a retry, and any retry after it. */
  signal?: AbortSignal;
  /**
   * How a failure looks to `decideRetry`: the status and headers of the response that failed, or
   * the error itself (a socket error) when there was none.
   */
  outcomeOf: (err: unknown) => Omit<RetryOutcome, 'idempotent'>;
}

/** A failure `decideRetry` says to retry after `waitMs`. */
class RetryableFailure extends Error {
  readonly waitMs: number;
  constructor(reason: string, waitMs: number, cause: unknown) {
    super(reason, { cause });
    this.waitMs = waitMs;
  }
}

/**
 * The shared retry policy for a call made through a vendor's own client library (jsforce), where
 * `createHttpClient` cannot do the request itself: p-retry drives the attempts, `decideRetry`
 * decides each one from the failure's status, headers or socket error, and the counters the run
 * record reads see every retry, 429 and final error once. The call's own error is what is thrown.
 */
export async function retryCall<T>(call: () => Promise<T>, options: RetryCallOptions): Promise<T> {
  const policy = retryPolicy(options.retry);
  const clock = options.clock ?? systemClock;
  const { counters, log, source, endpoint, signal } = options;
  let failures = 0;

  const attempt = async (): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      if (signal?.aborted) throw new AbortError(asError(err));
      failures++;
      const outcome = options.outcomeOf(err);
      if (outcome.status === 429) counters.rateLimited++;
      const d = decideRetry({ ...outcome, idempotent: options.idempotent }, failures, policy);
      if (!d.retry) throw new AbortError(asError(err));
      if (outcome.status === 429) counters.rateLimitWaitMs += d.waitMs;
      throw new RetryableFailure(d.reason, d.waitMs, err);
    }
  };

  try {
    return await pRetry(attempt, {
      retries: policy.maxAttempts,
      minTimeout: 0,
      ...(signal ? { signal } : {}),
      onFailedAttempt: async ({ error }) => {
        if (!(error instanceof RetryableFailure)) return;
        counters.retries++;
        log?.warn(
          { source, endpoint, attempt: failures, waitMs: error.waitMs },
          `retrying: ${error.message}`,
        );
        await clock.sleep(error.waitMs, signal);
      },
    });
  } catch (err) {
    counters.errors++;
    throw err instanceof RetryableFailure ? err.cause : err;
  }
}

/** p-retry's AbortError wraps an Error and unwraps it again when it gives up. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  return Object.assign(new Error(String(err)), { cause: err });
}
