import type { LimiterConfig } from '../src/http/types.ts';
import { sourceNamed, type SourceName } from '../src/sources.ts';

/** The requests of one limiter bucket and the minutes they take at its documented limit. */
export interface BucketCost {
  requests: number;
  /** The documented limit, as requests per minute. */
  per_minute: number;
  minutes: number;
}

/** A source's requests before the first write-back, and the minutes they take at its documented limits. */
export interface FirstScoreSource {
  requests: number;
  by_bucket: Record<string, BucketCost>;
  /** The longest bucket's minutes; null when the vendor sets no per-minute limit (Salesforce). */
  minutes: number | null;
}

export interface FirstScoreRequests {
  sources: Partial<Record<SourceName, FirstScoreSource>>;
  /** Sources are read one after another (src/sync/stages/sources.ts): their minutes add up. */
  minutes: number;
}

/**
 * The limiter bucket a request is paced by: Zendesk's incremental exports have their own bucket
 * (connectors/zendesk/tickets-stream.ts and organizations-stream.ts); every other request of a source
 * counts against its `default` bucket.
 */
export function bucketOf(source: SourceName, endpoint: string): string {
  return source === 'zendesk' && endpoint.includes('/incremental/') ? 'incremental' : 'default';
}

const round1 = (n: number): number => Math.ceil(n * 10) / 10;
const perMinute = (l: LimiterConfig): number => (l.limit * 60_000) / l.windowMs;

/**
 * What the first score waits for: today the write-back waits until every source is read to its end
 * once, so every request of the first full sync's reads comes before it. Within a source the buckets
 * pace their own requests, and one stream waits on one bucket at a time, so the source takes at
 * least as long as its busiest bucket; sources are read in turn, so their minutes add up. The
 * requests are what the simulators served per endpoint (`byEndpoint`); `limits` defaults to each
 * connector's documented ones (its SourceDefinition).
 */
export function firstScoreAfterRequests(
  byEndpoint: Partial<Record<SourceName, Readonly<Record<string, number>>>>,
  limits: (source: SourceName) => Readonly<Record<string, LimiterConfig>> = (s) => sourceNamed(s).limits,
): FirstScoreRequests {
  const sources: Partial<Record<SourceName, FirstScoreSource>> = {};
  let total = 0;
  for (const [name, endpoints] of Object.entries(byEndpoint) as [SourceName, Record<string, number>][]) {
    const documented = limits(name);
    const counts = new Map<string, number>();
    for (const [endpoint, n] of Object.entries(endpoints)) {
      const bucket = bucketOf(name, endpoint);
      counts.set(bucket, (counts.get(bucket) ?? 0) + n);
    }
    const by_bucket: Record<string, BucketCost> = {};
    let minutes: number | null = null;
    for (const [bucket, requests] of counts) {
      const limit = documented[bucket];
      if (!limit) continue;
      const cost = { requests, per_minute: perMinute(limit), minutes: round1(requests / perMinute(limit)) };
      by_bucket[bucket] = cost;
      minutes = Math.max(minutes ?? 0, cost.minutes);
    }
    const requests = [...counts.values()].reduce((a, n) => a + n, 0);
    sources[name] = { requests, by_bucket, minutes };
    total += minutes ?? 0;
  }
  return { sources, minutes: round1(total) };
}
