import type { ZodType } from 'zod';
import type { SourceName } from '../errors.ts';

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
}

/** Per-source counters for the run record. */
export interface RequestCounters {
  requests: number;
  retries: number;
  rateLimited: number;
  errors: number;
}

/** Supplies an Authorization header value; renews before expiry and once after a 401. */
export interface AuthProvider {
  header(): Promise<string>;
  /** Called after a 401 with the header that was refused; the next `header()` renews. */
  invalidate(refused: string): void;
}
