import type { SimClock } from './clock.ts';

/**
 * Sliding-window request limits, per key (an endpoint family, a token). A refused request does not
 * count against the window, as with the vendors' limiters.
 */
export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface WindowLimiter {
  take(key: string, limit: number, windowMs: number): LimitResult;
  peek(key: string, limit: number, windowMs: number): LimitResult;
}

export function createWindowLimiter(clock: SimClock): WindowLimiter {
  const hits = new Map<string, number[]>();
  const evaluate = (key: string, limit: number, windowMs: number, take: boolean): LimitResult => {
    const now = clock.now();
    const list = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
    hits.set(key, list);
    if (list.length >= limit) {
      const retry = Math.max(1, Math.ceil((list[0]! + windowMs - now) / 1000));
      return { allowed: false, limit, remaining: 0, retryAfterSeconds: retry };
    }
    if (take) list.push(now);
    return { allowed: true, limit, remaining: limit - list.length, retryAfterSeconds: 0 };
  };
  return {
    take: (key, limit, windowMs) => evaluate(key, limit, windowMs, true),
    peek: (key, limit, windowMs) => evaluate(key, limit, windowMs, false),
  };
}
