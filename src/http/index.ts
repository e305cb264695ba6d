/** The shared HTTP layer: import from here. */
export { basicAuth, bearerAuth, clientCredentialsAuth, OAuthTokenResponse } from './auth.ts';
export type { ClientCredentialsAuth, ClientCredentialsOptions } from './auth.ts';
export { createHttpClient } from './client.ts';
export type { HttpClientOptions } from './client.ts';
export { shortBody } from './errors.ts';
export { bucketsFor, createCounters } from './limits.ts';
export { cursorStrategy, nextUrlStrategy, pageNumberStrategy, paginate, tokenStrategy } from './paginate.ts';
export type { PageOf, PageStep, PaginateOptions } from './paginate.ts';
export { createInFlightGate } from './in-flight-gate.ts';
export type { InFlightGate } from './in-flight-gate.ts';
export { createRateLimiter, describeLimit } from './rate-limiter.ts';
export type { RateLimiter } from './rate-limiter.ts';
export { retryCall } from './retry-call.ts';
export type { RetryCallOptions } from './retry-call.ts';
export {
  backoffMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  networkCode,
  parseReset,
  parseRetryAfter,
  RETRY_STATUSES,
  retryPolicy,
  serverWaitMs,
} from './retry-decision.ts';
export { sleep, systemClock } from './sleep.ts';
export type { Clock } from './sleep.ts';
export type * from './types.ts';
