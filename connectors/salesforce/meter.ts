import type { Connection } from 'jsforce';

/**
 * Counts the API calls this process sends to the org and remembers the org's daily usage from the
 * `Sforce-Limit-Info: api-usage=used/max` header that every REST and Bulk response carries.
 * The allocation is shared with every other integration, so `used` includes theirs.
 */
export class ApiMeter {
  /** API requests sent through this connection (token requests excluded: they do not count). */
  requests = 0;
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

  snapshot(): { requests: number; used: number | null; limit: number | null } {
    return { requests: this.requests, used: this.used ?? null, limit: this.limit ?? null };
  }
}

type Transport = Connection['_transport'];

/**
 * Puts the meter between jsforce and its HTTP transport, so that every REST, query and Bulk 2.0
 * request is counted and its limit header read, whichever jsforce API sent it. (jsforce's own
 * `conn.limitInfo` is only updated by `conn.request`, not by Bulk 2.0 requests.)
 */
export function attachMeter(conn: Connection, meter: ApiMeter): void {
  const inner: Transport = conn._transport;
  const metered = Object.create(inner) as Transport;
  metered.httpRequest = (req, options) => {
    meter.requests++;
    const pending = inner.httpRequest(req, options);
    pending.then(
      (res) => meter.observe(res.headers),
      () => undefined,
    );
    return pending;
  };
  conn._transport = metered;
}
