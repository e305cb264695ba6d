import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../src/http/rate-limiter.ts';

describe('sliding-window rate limiter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('never starts more than `limit` requests in any window', async () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
    const starts: number[] = [];
    const all = Array.from({ length: 25 }, () => limiter.acquire().then(() => starts.push(Date.now())));
    await vi.advanceTimersByTimeAsync(180_000);
    await Promise.all(all);
    expect(starts).toHaveLength(25);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 60_000);
      expect(inWindow.length).toBeLessThanOrEqual(10);
    }
    // The 11th waited a full window, the 21st two.
    expect(starts[10]! - starts[0]!).toBe(60_000);
    expect(starts[20]! - starts[0]!).toBe(120_000);
  });

  it('serves callers in order', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    const order: number[] = [];
    const all = [1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  it('pauses the whole bucket (a 429 Retry-After), even when unlimited', async () => {
    const limiter = createRateLimiter(null);
    await limiter.acquire();
    limiter.pauseFor(30_000);
    let done = false;
    const p = limiter.acquire().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await p;
    expect(done).toBe(true);
  });

  it('a cancelled waiter does not block the next', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10_000 });
    await limiter.acquire();
    const ac = new AbortController();
    const cancelled = limiter.acquire(ac.signal);
    const next = limiter.acquire();
    ac.abort(new Error('stop'));
    await expect(cancelled).rejects.toThrow('stop');
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(next).resolves.toBeUndefined();
  });

  it('adds the margin to the window', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, marginMs: 500 });
    await limiter.acquire();
    let done = false;
    const p = limiter.acquire().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1400);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await p;
    expect(done).toBe(true);
  });
});

describe('pauses and waits it reports', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('pauseFor returns the time it adds: overlapping pauses count once', () => {
    const limiter = createRateLimiter(null);
    expect(limiter.pauseFor(2_000)).toBe(2_000);
    expect(limiter.pauseFor(2_000)).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(limiter.pauseFor(3_000)).toBe(2_000);
  });

  it('tells a full window from a pause before it waits', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10_000 });
    const waits: [number, string][] = [];
    const onWait = (ms: number, why: string) => void waits.push([ms, why]);
    await limiter.acquire(undefined, onWait);
    const p = limiter.acquire(undefined, onWait);
    await vi.advanceTimersByTimeAsync(10_000);
    await p;
    limiter.pauseFor(3_000);
    const q = limiter.acquire(undefined, onWait);
    await vi.advanceTimersByTimeAsync(10_000);
    await q;
    // The pause first, then the rest of the window that the second request opened.
    expect(waits).toEqual([
      [10_000, 'limit'],
      [3_000, 'paused'],
      [7_000, 'limit'],
    ]);
  });
});
