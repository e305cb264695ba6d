import { AsyncLocalStorage } from 'node:async_hooks';
import type { SourceName } from '../errors.ts';
import { systemClock, type Clock } from './sleep.ts';
import type { LimiterConfig } from './types.ts';

/**
 * A sliding-window limiter: at most `limit` requests start in any `windowMs` (+ margin). Unlike a token
 * bucket, which lets a full burst follow a full window (twice the limit in one minute), this never
 * exceeds a vendor's "N per minute" however the vendor aligns its minute. Callers are served in order.
 * `pauseFor` holds the whole bucket, e.g. for a 429's Retry-After, so no sibling request walks into it.
 */
export interface RateLimiter {
  /**
   * Waits for the caller's turn. `onWait` hears of each wait before it starts: `limit` when the window
   * is full (our own pacing under the vendor's documented limit), `paused` when a 429 holds the bucket.
   */
  acquire(signal?: AbortSignal, onWait?: (waitMs: number, why: 'limit' | 'paused') => void): Promise<void>;
  /** Holds the bucket for `ms`; returns how much that added to the pause already running (ms). */
  pauseFor(ms: number): number;
  /** When the bucket may next start a request (epoch ms), for logs and tests. */
  readonly pausedUntil: number;
  /** The limit it keeps (null: none), for log lines. */
  readonly config: LimiterConfig | null;
}

/** Which vendor budget a limiter keeps: one source's named bucket. */
export interface LimiterKey {
  source: SourceName;
  bucket: string;
}

/** Makes the limiter of a bucket; returns undefined to keep the in-process one. */
export type LimiterProvider = (
  key: LimiterKey,
  config: LimiterConfig | null,
  clock: Clock,
) => RateLimiter | undefined;

/**
 * A worker of a many-tenant deployment runs each job inside `sharedLimiters.run(provider, …)`: the
 * clients a run creates then draw from a budget kept in Postgres for that tenant (src/queue), shared
 * with every other worker, instead of one per process. Outside it (sync, serve) nothing changes. An
 * async context rather than a parameter: the clients are made deep inside each connector.
 */
export const sharedLimiters = new AsyncLocalStorage<LimiterProvider>();

export function createRateLimiter(
  config: LimiterConfig | null,
  clock: Clock = systemClock,
  key?: LimiterKey,
): RateLimiter {
  const shared = key && sharedLimiters.getStore()?.(key, config, clock);
  return shared ?? createLocalRateLimiter(config, clock);
}

function createLocalRateLimiter(config: LimiterConfig | null, clock: Clock): RateLimiter {
  const window = config ? config.windowMs + (config.marginMs ?? 0) : 0;
  const starts: number[] = [];
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  async function turn(signal?: AbortSignal, onWait?: (ms: number, why: 'limit' | 'paused') => void) {
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      if (pausedUntil > now) {
        onWait?.(pausedUntil - now, 'paused');
        await clock.sleep(pausedUntil - now, signal);
        continue;
      }
      if (!config) return;
      while (starts.length && starts[0]! <= now - window) starts.shift();
      if (starts.length < config.limit) {
        starts.push(now);
        return;
      }
      onWait?.(starts[0]! + window - now, 'limit');
      await clock.sleep(starts[0]! + window - now, signal);
    }
  }

  return {
    acquire(signal, onWait) {
      const mine = queue.then(() => turn(signal, onWait));
      // One caller's cancellation must not block the ones queued behind it.
      queue = mine.catch(() => undefined);
      return mine;
    },
    pauseFor(ms) {
      const now = clock.now();
      const until = Math.max(pausedUntil, now + Math.max(0, ms));
      const added = until - Math.max(pausedUntil, now);
      pausedUntil = until;
      return added;
    },
    get pausedUntil() {
      return pausedUntil;
    },
    config,
  };
}

/** "10 requests per minute" for a log line. */
export function describeLimit(config: LimiterConfig): string {
  const per =
    config.windowMs === 60_000
      ? 'minute'
      : config.windowMs === 1_000
        ? 'second'
        : `${config.windowMs / 1000} s`;
  return `${config.limit} requests per ${per}`;
}
