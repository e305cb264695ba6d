import pRetry, { AbortError } from 'p-retry';
import type { ZodType } from 'zod';
import { SourceError, type SourceName } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { onUnauthorized } from './auth-replay.ts';
import { httpError, invalidResponseError, networkError, type CallInfo } from './errors.ts';
import { createInFlightGate } from './in-flight-gate.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { bodyFor, headersFor, parseBody } from './request-parts.ts';
import { backoffMs, decideRetry, networkCode, retryPolicy } from './retry-decision.ts';
import { systemClock, type Clock } from './sleep.ts';
import { waitReporter } from './wait-report.ts';
import type {
  AuthProvider,
  HttpClient,
  HttpRequest,
  HttpResponse,
  LimiterConfig,
  RequestCounters,
  RetryPolicy,
} from './types.ts';

export interface HttpClientOptions {
  source: SourceName;
  baseUrl: string;
  auth?: AuthProvider;
  /** Named limiter buckets: a config (null: unlimited) or a limiter shared with another client. */
  buckets?: Record<string, LimiterConfig | null | RateLimiter>;
  defaultBucket?: string;
  counters: RequestCounters;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  log: Logger;
  /** Scrubs the response excerpts of errors. */
  scrubber: SecretScrubber;
  clock?: Clock;
}

/** A failed attempt that may be retried after `waitMs` (or, if rate limited, after the bucket's pause). */
class RetryableFailure extends Error {
  readonly waitMs: number;
  readonly rateLimited: boolean;
  /** A 429 that said when to come back: spends no retry (decideRetry's budgets bound it). */
  readonly paced: boolean;
  constructor(reason: string, waitMs: number, rateLimited: boolean, cause: SourceError, paced = false) {
    super(reason, { cause });
    this.waitMs = waitMs;
    this.rateLimited = rateLimited;
    this.paced = paced;
  }
}
/** A 401: replay at once with the current (or a renewed) header, without spending a retry. */
class AuthReplay extends Error {}

const isIdempotent = (req: HttpRequest): boolean =>
  req.idempotent ?? (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE');

/**
 * The one HTTP client: fetch (undici) with per-bucket rate limits, an adaptive cap on requests in
 * flight (in-flight-gate.ts), timeouts, retries through p-retry driven by `decideRetry` (429s that say
 * when to come back are waited out within budgets), 401 replays with a renewed credential, counting,
 * zod parsing and scrubbed `SourceError`s. Connectors build one per API host.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy = retryPolicy(options.retry);
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const limiters = new Map<string, RateLimiter>();
  for (const [name, b] of Object.entries(options.buckets ?? {}))
    limiters.set(
      name,
      b && 'acquire' in b ? b : createRateLimiter(b, clock, { source: options.source, bucket: name }),
    );
  const defaultBucket = options.defaultBucket ?? 'default';
  const limiterFor = (name: string): RateLimiter => {
    let l = limiters.get(name);
    if (!l)
      limiters.set(name, (l = createRateLimiter(null, clock, { source: options.source, bucket: name })));
    return l;
  };
  const { counters, log, source } = options;
  const base = new URL(options.baseUrl);
  const gate = createInFlightGate();

  function buildUrl(req: HttpRequest, call: CallInfo): URL {
    const url = /^https?:\/\//i.test(req.path)
      ? new URL(req.path)
      : new URL(base.pathname.replace(/\/+$/, '') + (req.path.startsWith('/') ? '' : '/') + req.path, base);
    // Next-page links come from the response: never send our credentials to another host.
    if (url.origin !== base.origin)
      throw new SourceError(
        'SOURCE_RESPONSE_INVALID',
        source,
        `${call.endpoint}: a link points to another host`,
        {
          endpoint: call.endpoint,
          host: url.host,
        },
      );
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  async function request<T>(req: HttpRequest, schema: ZodType<T>): Promise<HttpResponse<T>> {
    const call: CallInfo = { source, method: req.method, endpoint: req.endpoint };
    const url = buildUrl(req, call);
    const bucket = req.bucket ?? defaultBucket;
    const limiter = limiterFor(bucket);
    const idempotent = isIdempotent(req);
    const onWait = waitReporter({ source, bucket, limiter, counters, log });
    let failures = 0;
    let sent = 0;
    // Distinct Authorization values the API refused for this request, in order.
    const refused: string[] = [];
    let malformedRetried = false;
    /** Waited on 429s by this request; `pacedSince` is when its last 429 arrived. */
    let rateLimitWaited = 0;
    let pacedSince: number | undefined;

    const attempt = async (): Promise<HttpResponse<T>> => {
      let release: (() => void) | undefined;
      let authHeader: string | undefined;
      try {
        release = await gate.acquire(sent > 0, req.signal);
        await limiter.acquire(req.signal, onWait);
        // A token endpoint that fails has had its own retries: its error is final here.
        authHeader = req.anonymous || !options.auth ? undefined : await options.auth.header();
      } catch (err) {
        release?.();
        throw new AbortError(err instanceof Error ? err : new Error(String(err)));
      }
      if (pacedSince !== undefined) rateLimitWaited += clock.now() - pacedSince;
      pacedSince = undefined;
      sent++;
      try {
        return await send(authHeader);
      } finally {
        release();
      }
    };

    const send = async (authHeader: string | undefined): Promise<HttpResponse<T>> => {
      counters.requests++;
      log.debug({ source, method: req.method, endpoint: req.endpoint }, 'http request');
      const signals = [AbortSignal.timeout(req.timeoutMs ?? options.timeoutMs ?? 60_000)];
      if (req.signal) signals.push(req.signal);
      const signal = AbortSignal.any(signals);

      let res: Response;
      let text: string;
      try {
        const body = bodyFor(req);
        res = await doFetch(url, {
          method: req.method,
          headers: headersFor(req, authHeader),
          signal,
          ...(body === undefined ? {} : { body }),
        });
        text = await res.text();
      } catch (err) {
        if (req.signal?.aborted) throw new AbortError(req.signal.reason as Error);
        failures++;
        const d = decideRetry({ error: err, idempotent }, failures, policy);
        const sourceErr = networkError(call, err, networkCode(err) ?? 'request failed');
        if (!d.retry) throw new AbortError(sourceErr);
        throw new RetryableFailure(d.reason, d.waitMs, false, sourceErr);
      }

      let authReason: string | undefined;
      if (res.status === 401 && authHeader !== undefined) {
        const next = onUnauthorized(refused, authHeader, options.auth!);
        if (next.replay) throw new AuthReplay(next.message);
        authReason = next.reason;
      }
      if (res.status === 429) {
        counters.rateLimited++;
        if (gate.rateLimited())
          log.info(
            { source, bucket },
            `${source}: rate limited (HTTP 429); one request in flight, more as requests pass again`,
          );
      } else if (res.ok && gate.succeeded())
        log.info({ source, bucket }, `${source}: requests pass again; no limit on requests in flight`);
      if (!res.ok) {
        const d = decideRetry(
          {
            status: res.status,
            headers: res.headers,
            idempotent,
            rateLimitWaitedMs: { request: rateLimitWaited, run: counters.rateLimitWaitMs },
          },
          failures + 1,
          policy,
        );
        if (!d.paced) failures++;
        if (authReason) d.reason = authReason;
        if (res.status === 429 && d.retry) {
          // The whole bucket waits, so sibling requests do not walk into the same wall.
          counters.rateLimitWaitMs += limiter.pauseFor(d.waitMs);
          pacedSince = clock.now();
        }
        const sourceErr = httpError(call, res.status, text, d.reason, options.scrubber);
        if (!d.retry) throw new AbortError(sourceErr);
        throw new RetryableFailure(d.reason, d.waitMs, res.status === 429, sourceErr, d.paced === true);
      }

      const parsed = parseBody(text, schema);
      if (parsed.ok) return { status: res.status, headers: res.headers, data: parsed.data };
      const sourceErr = invalidResponseError(call, res.status, parsed.problem);
      // A malformed page can be a proxy's transient fault: one more try, then it is the answer.
      if (malformedRetried || !idempotent) throw new AbortError(sourceErr);
      malformedRetried = true;
      failures++;
      throw new RetryableFailure(
        `malformed response (${parsed.problem})`,
        backoffMs(1, policy),
        false,
        sourceErr,
      );
    };

    try {
      return await pRetry(attempt, {
        retries: policy.maxAttempts + 2,
        minTimeout: 0,
        ...(req.signal ? { signal: req.signal } : {}),
        shouldConsumeRetry: ({ error }) =>
          !(error instanceof AuthReplay) && !(error instanceof RetryableFailure && error.paced),
        onFailedAttempt: async ({ error }) => {
          counters.retries++;
          if (error instanceof AuthReplay) {
            log.info({ source, endpoint: req.endpoint }, error.message);
            return;
          }
          if (!(error instanceof RetryableFailure)) return;
          log.warn(
            {
              source,
              method: req.method,
              endpoint: req.endpoint,
              attempt: failures,
              waitMs: error.waitMs,
              ...(error.rateLimited ? { rateLimitWaitedMs: rateLimitWaited } : {}),
            },
            `retrying: ${error.message}`,
          );
          if (!error.rateLimited) await clock.sleep(error.waitMs, req.signal);
        },
      });
    } catch (err) {
      counters.errors++;
      const final = err instanceof RetryableFailure ? err.cause : err;
      if (final instanceof SourceError)
        log.warn({ source, endpoint: req.endpoint, code: final.code, status: final.status }, final.message);
      throw final;
    }
  }

  return { source, request };
}
