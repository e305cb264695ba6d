/**
 * Requests against a vendor's sliding-window limits, from the arrival times the sandbox recorded
 * (bench/sandbox-process.ts --times-file): the most requests that arrived within any one window, per
 * limiter bucket, next to the documented limit. Refused requests (429) arrive too and are counted:
 * the question is whether health-sync ever sent more than the limit, not whether the sandbox let
 * them through.
 */
import type { LimiterConfig } from '../src/http/types.ts';
import type { SourceName } from '../src/sources.ts';
import { bucketOf } from './first-score.ts';

/** One request as the sandbox saw it arrive: epoch ms and `METHOD /path`. */
export type Arrival = readonly [at: number, endpoint: string];

/**
 * The most arrivals within any window of `windowMs` (a request at t counts in (t − windowMs, t],
 * as the sandbox's limiter counts: src/sandbox/common/rate-limit.ts).
 */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (let last = 0; last < t.length; last++) {
    while (t[first]! <= t[last]! - windowMs) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/**
 * Whether a request draws from a source's limits at all: the vendors limit their API paths, not the
 * token endpoints (Genesys's login host, Zendesk's /oauth/tokens) nor the sandbox's control routes.
 */
export function isLimited(source: SourceName, endpoint: string): boolean {
  const path = endpoint.slice(endpoint.indexOf(' ') + 1);
  if (source === 'zendesk' || source === 'genesys') return path.startsWith('/api/v2/');
  if (source === 'jira') return path.startsWith('/rest/');
  return false;
}

export interface WindowCheck {
  requests: number;
  window_ms: number;
  limit: number;
  peak: number;
  over: boolean;
}

/** Per limiter bucket of one source: the peak requests in any window against its documented limit. */
export function windowChecks(
  source: SourceName,
  arrivals: readonly Arrival[],
  limits: Readonly<Record<string, LimiterConfig>>,
): Record<string, WindowCheck> {
  const byBucket = new Map<string, number[]>();
  for (const [at, endpoint] of arrivals) {
    if (!isLimited(source, endpoint)) continue;
    const bucket = bucketOf(source, endpoint);
    const list = byBucket.get(bucket) ?? [];
    list.push(at);
    byBucket.set(bucket, list);
  }
  const out: Record<string, WindowCheck> = {};
  for (const [bucket, times] of byBucket) {
    const limit = limits[bucket];
    if (!limit) continue;
    const peak = peakInWindow(times, limit.windowMs);
    out[bucket] = {
      requests: times.length,
      window_ms: limit.windowMs,
      limit: limit.limit,
      peak,
      over: peak > limit.limit,
    };
  }
  return out;
}
