import { systemClock, type Clock } from './sleep.ts';
import type { LimiterConfig } from './types.ts';

/**
 * A sliding-window limiter: at most `limit` requests start in any `windowMs` (+ margin). Unlike a token
 * bucket, which lets a full burst follow a full window (twice the limit in one minute), this never
 * exceeds a vendor's "N per minute" however the vendor aligns its minute. Callers are served in order.
 * `pauseFor` holds the whole bucket, e.g. for a 429's Retry-After, so no sibling request walks into it.
 */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
  pauseFor(ms: number): void;
  /** When the bucket may next start a request (epoch ms), for logs and tests. */
  readonly pausedUntil: number;
}

export function createRateLimiter(config: LimiterConfig | null, clock: Clock = systemClock): RateLimiter {
  const window = config ? config.windowMs + (config.marginMs ?? 0) : 0;
  const starts: number[] = [];
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  async function turn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      if (pausedUntil > now) {
        await clock.sleep(pausedUntil - now, signal);
        continue;
      }
      if (!config) return;
      while (starts.length && starts[0]! <= now - window) starts.shift();
      if (starts.length < config.limit) {
        starts.push(now);
        return;
      }
      await clock.sleep(starts[0]! + window - now, signal);
    }
  }

  return {
    acquire(signal) {
      const mine = queue.then(() => turn(signal));
      // One caller's cancellation must not block the ones queued behind it.
      queue = mine.catch(() => undefined);
      return mine;
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + Math.max(0, ms));
    },
    get pausedUntil() {
      return pausedUntil;
    },
  };
}
