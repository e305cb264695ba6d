import type { ZodType } from 'zod';
import type { SourceName } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { Clock } from './sleep.ts';

/**
 * The one HTTP layer every connector uses (retries, rate limits, timeouts, counting). A connector
 * says *what* to request; `src/http` decides *how*.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to the client's base URL, or an absolute URL on the same host (next-page links). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** A stable name for errors and metrics, e.g. `GET /api/v2/incremental/tickets/cursor.json`. */
  endpoint: string;
  /** Retried on transient failure? Defaults: GET, PUT, DELETE yes; POST, PATCH only when set. */
  idempotent?: boolean;
  /** The rate-limit bucket this request draws from (e.g. `incremental`); the client's default otherwise. */
  bucket?: string;
  timeoutMs?: number;
  /** Skip authentication (token endpoints). */
  anonymous?: boolean;
  /** Cancels the request and any wait before a retry (not passed by streams: SIGTERM finishes the page). */
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface HttpClient {
  readonly source: SourceName;
  /** Performs the request; parses the JSON body with `schema` (a failure is a SourceError naming the endpoint). */
  request<T>(req: HttpRequest, schema: ZodType<T>): Promise<HttpResponse<T>>;
}

/** The pure retry decision: from a response or an error, and the attempt number (1-based). */
export interface RetryDecision {
  retry: boolean;
  reason: string;
  waitMs: number;
  /** A 429 that said when to come back: it spends no attempt, only the rate-limit wait budgets. */
  paced?: boolean;
}

/** Per-source counters for the run record (one set per source and run). */
export interface RequestCounters {
  requests: number;
  retries: number;
  rateLimited: number;
  errors: number;
  /** Time the source's buckets were held by 429s, each pause counted once however many requests waited. */
  rateLimitWaitMs: number;
  /** Time requests waited on our own client-side limiter (the vendors' documented limits). */
  limiterWaitMs: number;
  /** Hears of each wait of a second or more as it starts (the run's progress line shows it). */
  onWait?: (wait: WaitNotice) => void;
}

/** A request held back: by our own limiter, or by a 429. */
export interface WaitNotice {
  source: SourceName;
  bucket: string;
  waitMs: number;
  /** E.g. `zendesk incremental limit (10 requests per minute)`, `HTTP 429 from genesys`. */
  why: string;
}

/** Supplies an Authorization header value; renews before expiry and after a 401. */
export interface AuthProvider {
  header(): Promise<string>;
  /**
   * Called after a 401 with the header that was refused. True when that header was the current one
   * and the next `header()` renews it; false when it had already been replaced (another request's
   * 401 renewed it) or the credential cannot be renewed (a fixed key).
   */
  invalidate(refused: string): boolean;
}

/** Knobs of the retry decision (`decideRetry`). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff ceiling; it doubles per attempt (full jitter draws below it). */
  baseDelayMs: number;
  /** Cap of the computed backoff. */
  maxDelayMs: number;
  /** The longest wait a server may ask for (Retry-After, reset headers); longer means give up now. */
  maxWaitMs: number;
  /** How long one request may wait in all on 429s that say when to come back (they spend no attempt). */
  maxRateLimitWaitMs: number;
  /** How long one source's requests may be held by 429s in one run (`RequestCounters.rateLimitWaitMs`). */
  maxRunRateLimitWaitMs: number;
  /** [0, 1): injectable for tests. */
  random: () => number;
  /** Epoch ms: injectable for tests (HTTP-date Retry-After and epoch reset headers). */
  now: () => number;
}

/** What one attempt produced, as `decideRetry` sees it. */
export interface RetryOutcome {
  status?: number;
  headers?: Headers | Record<string, string>;
  error?: unknown;
  /** False for a request that may not be replayed (only a 429, which the server did not process, is). */
  idempotent?: boolean;
  /** Waited on 429s so far: by this request, and by its source in this run (for the budgets). */
  rateLimitWaitedMs?: { request: number; run: number };
}

/** At most `limit` requests in any `windowMs`; `marginMs` widens the window against clock and network skew. */
export interface LimiterConfig {
  limit: number;
  windowMs: number;
  marginMs?: number;
}

/** `documented`: stay under each vendor's published limits; `off`: no client-side limit (sandbox, benchmark). */
export type RateLimitMode = 'documented' | 'off';

/** What a vendor connector's client needs from the shared HTTP layer (tests swap clock and fetch). */
export interface SourceClientDeps {
  counters: RequestCounters;
  log: Logger;
  /** Learns the credentials the client's auth holds and obtains; scrubs its errors. */
  scrubber: SecretScrubber;
  rateLimits: RateLimitMode;
  /** Per-bucket overrides of the documented limits, e.g. Zendesk's High Volume add-on. */
  limitOverrides?: Record<string, LimiterConfig | null>;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Time and sleeps for limiters and retry waits (tests inject one that does not wait). */
  clock?: Clock;
}
