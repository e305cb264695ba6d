import type { RetryDecision, RetryOutcome, RetryPolicy } from './types.ts';

/** HTTP statuses of a failure that may pass: a timeout, a rate limit, a server error or a gateway's. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Socket-level failures worth another attempt (Node, undici). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * The rate-limit budgets: the vendors' limits are per minute (Zendesk, Genesys) or per second (Jira), so
 * a request still refused after 5 minutes of waiting has seen five full windows go by without a turn:
 * the limit is not passing. 15 minutes per source and run is the sources' shortest schedule interval
 * (schedule.yaml), so a run slowed by a shared limit ends before the next one is due.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxWaitMs: 120_000,
  maxRateLimitWaitMs: 5 * 60_000,
  maxRunRateLimitWaitMs: 15 * 60_000,
  random: Math.random,
  now: Date.now,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/**
 * The retry decision as a pure function of one attempt's outcome (after Nango's getProxyRetryFromErr):
 * which failures are transient, and how long to wait. The server's word (Retry-After, reset headers)
 * wins over our backoff; the longest of its hints wins among them.
 */
export function decideRetry(outcome: RetryOutcome, attempt: number, policy: RetryPolicy): RetryDecision {
  const cause = classify(outcome);
  if (!cause.transient) return { retry: false, reason: cause.reason, waitMs: 0 };
  // A request the server did not process (429) is safe to replay; anything else only when idempotent.
  if (outcome.idempotent === false && outcome.status !== 429)
    return { retry: false, reason: `${cause.reason}; not retried (not idempotent)`, waitMs: 0 };

  const serverWait = serverWaitMs(outcome, policy.now());
  // A 429 that says when to come back is the server pacing us, not a failure: no attempt is spent on
  // it, however the requests in flight interleave; only the wait budgets bound it.
  if (outcome.status === 429 && serverWait !== undefined)
    return pacedWait(cause.reason, serverWait, outcome.rateLimitWaitedMs, policy);
  if (attempt >= policy.maxAttempts)
    return { retry: false, reason: `${cause.reason}; gave up after ${attempt} attempts`, waitMs: 0 };
  if (serverWait !== undefined) {
    if (serverWait > policy.maxWaitMs) return overCap(cause.reason, serverWait, policy);
    return {
      retry: true,
      reason: `${cause.reason}; waiting ${seconds(serverWait)} s as the server asks`,
      waitMs: serverWait,
    };
  }
  return { retry: true, reason: cause.reason, waitMs: backoffMs(attempt, policy) };
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);

const overCap = (reason: string, wait: number, policy: RetryPolicy): RetryDecision => ({
  retry: false,
  reason: `${reason}; the server asks to wait ${seconds(wait)} s, over the ${seconds(policy.maxWaitMs)} s cap`,
  waitMs: wait,
});

function pacedWait(
  reason: string,
  wait: number,
  waited: { request: number; run: number } = { request: 0, run: 0 },
  policy: RetryPolicy,
): RetryDecision {
  if (wait > policy.maxWaitMs) return overCap(reason, wait, policy);
  if (waited.request + wait > policy.maxRateLimitWaitMs)
    return {
      retry: false,
      reason: `${reason}; gave up after waiting ${seconds(waited.request)} s on rate limits for this request (its budget is ${seconds(policy.maxRateLimitWaitMs)} s)`,
      waitMs: wait,
      paced: true,
    };
  if (waited.run + wait > policy.maxRunRateLimitWaitMs)
    return {
      retry: false,
      reason: `${reason}; gave up after the source waited ${seconds(waited.run)} s on rate limits in this run (the run's budget is ${seconds(policy.maxRunRateLimitWaitMs)} s)`,
      waitMs: wait,
      paced: true,
    };
  return {
    retry: true,
    reason: `${reason}; waiting ${seconds(wait)} s as the server asks`,
    waitMs: wait,
    paced: true,
  };
}

/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))). */
export function backoffMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

function classify(outcome: RetryOutcome): { transient: boolean; reason: string } {
  if (outcome.error !== undefined) {
    const code = networkCode(outcome.error);
    if (code === 'ABORTED') return { transient: false, reason: 'cancelled' };
    return code
      ? { transient: true, reason: `network error ${code}` }
      : { transient: false, reason: 'request failed' };
  }
  const status = outcome.status ?? 0;
  return RETRY_STATUSES.has(status)
    ? { transient: true, reason: `HTTP ${status}` }
    : { transient: false, reason: `HTTP ${status}` };
}

/**
 * The code of a transient network failure, `ABORTED` for a cancellation, or undefined. fetch (undici)
 * wraps socket errors as `TypeError('fetch failed', { cause })`, so the cause chain is searched.
 */
export function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'TimeoutError') return 'ETIMEDOUT';
    if (name === 'AbortError') return 'ABORTED';
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'))) return code;
    e = (e as { cause?: unknown }).cause;
  }
  if (err instanceof TypeError && err.message === 'fetch failed') return 'FETCH_FAILED';
  return undefined;
}

function header(headers: RetryOutcome['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Retry-After (seconds or an HTTP date) and, on 429/503, the reset headers; the longest wins. */
export function serverWaitMs(
  outcome: Pick<RetryOutcome, 'status' | 'headers'>,
  now: number,
): number | undefined {
  const waits: number[] = [];
  const retryAfter = parseRetryAfter(header(outcome.headers, 'retry-after'), now);
  if (retryAfter !== undefined) waits.push(retryAfter);
  // Some APIs send reset headers on every response: they only mean "wait" when we were limited.
  if (outcome.status === 429 || outcome.status === 503) {
    for (const name of ['x-rate-limit-reset', 'x-ratelimit-reset', 'ratelimit-reset']) {
      const reset = parseReset(header(outcome.headers, name), now);
      if (reset !== undefined) waits.push(reset);
    }
  }
  return waits.length ? Math.max(...waits) : undefined;
}

export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reset header is either seconds from now or an epoch (seconds or milliseconds). */
export function parseReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return Math.ceil(n * 1000);
}
