import { describe, expect, it } from 'vitest';
import { createInFlightGate } from '../../src/http/in-flight-gate.ts';

describe('in-flight gate (AIMD on 429s)', () => {
  it('lets everything through until a 429, then one at a time', async () => {
    const gate = createInFlightGate();
    const releases = await Promise.all([1, 2, 3, 4].map(() => gate.acquire(false)));
    expect(gate.inFlight).toBe(4);
    expect(gate.rateLimited()).toBe(true); // the first since there was no limit: logged
    expect(gate.rateLimited()).toBe(false);
    let started = false;
    const next = gate.acquire(false).then((r) => ((started = true), r));
    for (const r of releases.slice(0, 3)) r();
    await Promise.resolve();
    expect(started).toBe(false); // three released, one still in flight: the limit is one
    releases[3]!();
    (await next)();
    expect(started).toBe(true);
  });

  it('grows by one after each run of `limit` successes, and lifts once above the demand seen', () => {
    const gate = createInFlightGate();
    void Promise.all([1, 2, 3].map(() => gate.acquire(false))); // demand 3
    gate.rateLimited();
    gate.succeeded();
    expect(gate.limit).toBe(2);
    gate.succeeded();
    expect(gate.limit).toBe(2);
    gate.succeeded();
    expect(gate.limit).toBe(3);
    expect([gate.succeeded(), gate.succeeded(), gate.succeeded()]).toEqual([false, false, true]);
    expect(gate.limit).toBe(Infinity);
  });

  it('a retry waits at the front of the queue; a cancelled waiter leaves it', async () => {
    const gate = createInFlightGate();
    const first = await gate.acquire(false);
    gate.rateLimited();
    const order: string[] = [];
    const ac = new AbortController();
    const a = gate.acquire(false).then((r) => (order.push('a'), r()));
    const cancelled = gate.acquire(false, ac.signal);
    const b = gate.acquire(true).then((r) => (order.push('retry'), r()));
    ac.abort(new Error('stop'));
    await expect(cancelled).rejects.toThrow('stop');
    first();
    await Promise.all([a, b]);
    expect(order).toEqual(['retry', 'a']);
  });
});
