import type { Connection } from 'jsforce';
import type { RequestCounters } from '../../src/http/index.ts';
import { failedResponseNote } from './call.ts';

/**
 * Counts the API calls this process sends to the org, the retries, 429s and final errors of the
 * calls made through `sfCall` (the same counters every source's run record reads), and remembers the
 * org's daily usage from the `Sforce-Limit-Info: api-usage=used/max` header that every REST and Bulk
 * response carries. The allocation is shared with every other integration, so `used` includes theirs.
 */
export class ApiMeter implements RequestCounters {
  /** API requests sent through this connection, retries included (token requests do not count). */
  requests = 0;
  retries = 0;
  rateLimited = 0;
  errors = 0;
  rateLimitWaitMs = 0;
  /** Salesforce has a daily allocation, not a rate: no client-side limiter holds its requests. */
  readonly limiterWaitMs = 0;
  used: number | undefined;
  limit: number | undefined;

  observe(headers: Record<string, string | undefined> | undefined): void {
    const info = headers?.['sforce-limit-info'] ?? headers?.['Sforce-Limit-Info'];
    const m = info ? /api-usage=(\d+)\/(\d+)/.exec(info) : null;
    if (!m) return;
    this.used = Number(m[1]);
    this.limit = Number(m[2]);
  }

  /** Sets usage from `GET /limits` (DailyApiRequests), when no response has carried the header yet. */
  setFromLimits(max: number, remaining: number): void {
    this.limit = max;
    this.used = max - remaining;
  }

  /** True when `cost` more requests keep the org's usage within `share` of its daily allocation. */
  allows(cost: number, share: number): boolean {
    if (this.used === undefined || this.limit === undefined) return true;
    return this.used + cost <= Math.floor(this.limit * share);
  }

  /**
   * The counters now, or what was counted after `since` (an earlier reading): the session outlives a
   * run under `serve`, so a run reads its own share.
   */
  counters(since?: RequestCounters): RequestCounters {
    return {
      requests: this.requests - (since?.requests ?? 0),
      retries: this.retries - (since?.retries ?? 0),
      rateLimited: this.rateLimited - (since?.rateLimited ?? 0),
      errors: this.errors - (since?.errors ?? 0),
      rateLimitWaitMs: this.rateLimitWaitMs - (since?.rateLimitWaitMs ?? 0),
      limiterWaitMs: this.limiterWaitMs - (since?.limiterWaitMs ?? 0),
    };
  }
}

type Transport = Connection['_transport'];

/**
 * Puts the meter between jsforce and its HTTP transport, so that every REST, query and Bulk 2.0
 * request is counted and its limit header read, whichever jsforce API sent it. (jsforce's own
 * `conn.limitInfo` is only updated by `conn.request`, not by Bulk 2.0 requests.)
 *
 * It also turns off jsforce's own retry (GET/PUT/DELETE on 420/429/5xx and socket errors, up to 5
 * times, in its `request.js`): those retries were invisible to the run record and came on top of
 * ours. Retries are `sfCall`'s, under the shared policy; a failed response is handed to it here.
 */
export function attachMeter(conn: Connection, meter: ApiMeter): void {
  const inner: Transport = conn._transport;
  const metered = Object.create(inner) as Transport;
  metered.httpRequest = (req, options) => {
    meter.requests++;
    const noteFailure = failedResponseNote();
    const pending = inner.httpRequest(req, { ...options, retry: { ...options?.retry, methods: [] } });
    pending.then(
      (res) => {
        meter.observe(res.headers);
        noteFailure(res.statusCode, res.headers);
      },
      () => undefined,
    );
    return pending;
  };
  conn._transport = metered;
}
