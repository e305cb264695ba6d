import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  decideRetry,
  networkCode,
  parseReset,
  parseRetryAfter,
  retryPolicy,
} from '../../src/http/retry-decision.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const policy = retryPolicy({
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxWaitMs: 60_000,
  random: () => 0.5,
  now: () => NOW,
});
const netErr = (code: string): Error =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });

describe('decideRetry', () => {
  it.each([
    [408, true],
    [425, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [422, false],
    [501, false],
  ])('HTTP %i → retry %s', (status, retry) => {
    expect(decideRetry({ status }, 1, policy).retry).toBe(retry);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN'])(
    'network error %s is retried',
    (code) => {
      const d = decideRetry({ error: netErr(code) }, 1, policy);
      expect(d).toMatchObject({ retry: true });
      expect(d.reason).toContain(code);
    },
  );

  it('retries a bare "fetch failed" and a timeout, not a cancellation or a bug', () => {
    expect(decideRetry({ error: new TypeError('fetch failed') }, 1, policy).retry).toBe(true);
    expect(decideRetry({ error: new DOMException('t', 'TimeoutError') }, 1, policy).retry).toBe(true);
    expect(decideRetry({ error: new DOMException('a', 'AbortError') }, 1, policy).retry).toBe(false);
    expect(decideRetry({ error: new RangeError('bug') }, 1, policy).retry).toBe(false);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const waits = [1, 2, 3].map((a) => decideRetry({ status: 503 }, a, policy).waitMs);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(backoffMs(10, { ...policy, random: () => 0.999 })).toBeLessThan(8000);
    expect(backoffMs(1, { ...policy, random: () => 0 })).toBe(0);
  });

  it('gives up after maxAttempts and says so', () => {
    const d = decideRetry({ status: 503 }, 4, policy);
    expect(d.retry).toBe(false);
    expect(d.reason).toMatch(/gave up after 4 attempts/);
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    expect(decideRetry({ status: 429, headers: { 'Retry-After': '7' } }, 1, policy).waitMs).toBe(7000);
    const date = new Date(NOW + 12_000).toUTCString();
    expect(
      decideRetry({ status: 503, headers: new Headers({ 'retry-after': date }) }, 1, policy).waitMs,
    ).toBe(12_000);
  });

  it('reads reset headers on 429 (delta and epoch); the longest wait wins', () => {
    const headers = {
      'Retry-After': '5',
      'X-Rate-Limit-Reset': String(Math.floor(NOW / 1000) + 20),
      'RateLimit-Reset': '9',
    };
    expect(decideRetry({ status: 429, headers }, 1, policy).waitMs).toBe(20_000);
    expect(decideRetry({ status: 429, headers: { 'X-RateLimit-Reset': '3' } }, 1, policy).waitMs).toBe(3000);
  });

  it('ignores reset headers on a 500 (some APIs send them on every response)', () => {
    const d = decideRetry({ status: 500, headers: { 'X-Rate-Limit-Reset': '50' } }, 1, policy);
    expect(d.waitMs).toBe(500);
  });

  it('a 429 without any hint backs off', () => {
    expect(decideRetry({ status: 429 }, 2, policy)).toMatchObject({ retry: true, waitMs: 1000 });
  });

  it('refuses to wait longer than the cap', () => {
    const d = decideRetry({ status: 429, headers: { 'retry-after': '3600' } }, 1, policy);
    expect(d.retry).toBe(false);
    expect(d.reason).toMatch(/asks to wait 3600 s, over the 60 s cap/);
  });

  it('a 429 with Retry-After is paced: no attempt spent, waited out within the budgets', () => {
    const h = { 'Retry-After': '30' };
    expect(decideRetry({ status: 429, headers: h }, 9, policy)).toMatchObject({
      retry: true,
      paced: true,
      waitMs: 30_000,
    });
    const byRequest = decideRetry(
      { status: 429, headers: h, rateLimitWaitedMs: { request: 280_000, run: 280_000 } },
      1,
      policy,
    );
    expect(byRequest.retry).toBe(false);
    expect(byRequest.reason).toBe(
      'HTTP 429; gave up after waiting 280 s on rate limits for this request (its budget is 300 s)',
    );
    const byRun = decideRetry(
      { status: 429, headers: h, rateLimitWaitedMs: { request: 0, run: 890_000 } },
      1,
      policy,
    );
    expect(byRun.reason).toMatch(
      /the source waited 890 s on rate limits in this run \(the run's budget is 900 s\)/,
    );
    // A 503's Retry-After still spends attempts.
    expect(decideRetry({ status: 503, headers: h }, 4, policy).retry).toBe(false);
  });

  it('replays a non-idempotent request only on 429', () => {
    expect(decideRetry({ status: 503, idempotent: false }, 1, policy).retry).toBe(false);
    expect(decideRetry({ error: netErr('ECONNRESET'), idempotent: false }, 1, policy).retry).toBe(false);
    expect(decideRetry({ status: 429, idempotent: false }, 1, policy).retry).toBe(true);
  });
});

describe('header parsing', () => {
  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('garbage', NOW)).toBeUndefined();
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
  });
  it('parses reset forms', () => {
    expect(parseReset('30', NOW)).toBe(30_000);
    expect(parseReset(String(NOW + 4000), NOW)).toBe(4000);
    expect(parseReset('-1', NOW)).toBeUndefined();
  });
  it('finds the network code in the cause chain', () => {
    expect(networkCode(netErr('ECONNRESET'))).toBe('ECONNRESET');
    expect(networkCode(new Error('x'))).toBeUndefined();
  });
});
