import type { RequestHandler } from 'express';
import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import { ApiError } from './api-error.ts';

/**
 * Failed authentication must cost an attacker more than it costs us. Per client address, at most
 * `limit` requests answered 401 within a minute; past that every request from the address gets a
 * 429 with Retry-After until the minute is over (express-rate-limit, counting 401s only). The audit
 * log keeps one row per address, action and minute (`firstThisMinute`), and at most
 * `maxRowsPerMinute` such rows in all, so a flood of bad tokens cannot grow the database: the rest
 * is a Prometheus counter.
 */
export interface AuthFailureOptions {
  /** 401s per address per minute before it is refused with 429 (default 20). */
  limit?: number;
  /** Audit rows for failed authentication per minute, all addresses together (default 60). */
  maxRowsPerMinute?: number;
  now?: () => number;
}

export interface AuthFailures {
  /** The express middleware that answers 429 to an address over its limit. */
  limiter: RequestHandler;
  /** True for the first failure of this key (address and action) this minute, while rows remain. */
  firstThisMinute(key: string): boolean;
}

const MINUTE_MS = 60_000;

export function authFailures(options: AuthFailureOptions = {}): AuthFailures {
  const now = options.now ?? Date.now;
  const maxRows = options.maxRowsPerMinute ?? 60;
  let minute = -1;
  let seen = new Set<string>();

  const limiter = rateLimit({
    windowMs: MINUTE_MS,
    limit: options.limit ?? 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed authentication counts: a busy, correctly authenticated client is never held back.
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (req, _res, next) => {
      const reset = (req as AugmentedRequest)['rateLimit']?.resetTime?.getTime();
      const seconds = Math.max(1, Math.ceil(((reset ?? now() + MINUTE_MS) - now()) / 1000));
      next(
        new ApiError(
          429,
          'TOO_MANY_AUTH_FAILURES',
          `too many requests with a missing or invalid token from this address; try again in ${seconds} s`,
          { headers: { 'Retry-After': String(seconds) } },
        ),
      );
    },
  });

  return {
    limiter,
    firstThisMinute(key) {
      const m = Math.floor(now() / MINUTE_MS);
      if (m !== minute) {
        minute = m;
        seen = new Set();
      }
      if (seen.has(key) || seen.size >= maxRows) return false;
      seen.add(key);
      return true;
    },
  };
}
