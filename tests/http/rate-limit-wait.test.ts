import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SourceError } from '../../src/errors.ts';
import { createHttpClient, type HttpClientOptions } from '../../src/http/client.ts';
import { createCounters } from '../../src/http/limits.ts';
import { createRateLimiter } from '../../src/http/rate-limiter.ts';
import { waitReporter } from '../../src/http/wait-report.ts';
import type { RequestCounters, WaitNotice } from '../../src/http/types.ts';
import { fakeClock, silentLog } from './helpers.ts';
import { SecretScrubber } from '../../src/log/redact.ts';

/**
 * Issue 15 §4: a 429 that says when to come back is waited out within a per-request and a per-run
 * budget instead of spending attempts; when a budget runs out the error says how long was spent
 * waiting. §6: a wait on our own limiter is counted and, from a second up, logged and announced.
 */
const BASE = 'https://acme.zendesk.test';
const Item = z.object({ id: z.number() });
const get = { method: 'GET', path: '/api/v2/x.json', endpoint: 'GET /api/v2/x.json' } as const;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(extra: Partial<HttpClientOptions> = {}, counters: RequestCounters = createCounters()) {
  const clock = fakeClock();
  const http = createHttpClient({
    source: 'zendesk',
    baseUrl: BASE,
    counters,
    log: silentLog,
    scrubber: new SecretScrubber(),
    clock,
    retry: { maxAttempts: 4, baseDelayMs: 100, random: () => 0.5, now: () => clock.now() },
    buckets: { default: null },
    ...extra,
  });
  return { http, counters, clock };
}

describe('429s that say when to come back', () => {
  it('spend no attempt: seven in a row (maxAttempts is 4) are waited out', async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .times(7)
      .reply(429, {}, { 'Retry-After': '2' })
      .get('/api/v2/x.json')
      .reply(200, { id: 1 });
    const { http, counters, clock } = client();
    const t0 = clock.now();
    await expect(http.request(get, Item)).resolves.toMatchObject({ data: { id: 1 } });
    expect(counters).toMatchObject({ requests: 8, rateLimited: 7, errors: 0, rateLimitWaitMs: 14_000 });
    expect(clock.now() - t0).toBe(14_000);
  });

  it('a request gives up when its budget runs out, saying how long it waited', async () => {
    nock(BASE).get('/api/v2/x.json').times(4).reply(429, { error: 'slow down' }, { 'Retry-After': '3' });
    const { http, counters } = client({
      retry: { maxAttempts: 4, maxRateLimitWaitMs: 10_000, random: () => 0.5 },
    });
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ code: 'SOURCE_RATE_LIMITED', status: 429, retryable: true });
    expect(err.message).toMatch(
      /gave up after waiting 9 s on rate limits for this request \(its budget is 10 s\)/,
    );
    expect(counters).toMatchObject({ requests: 4, rateLimited: 4, errors: 1, rateLimitWaitMs: 9_000 });
  });

  it("concurrent requests refused together count one pause; the run's budget stops the source", async () => {
    nock(BASE)
      .get('/api/v2/x.json')
      .times(2)
      .reply(429, {}, { 'Retry-After': '2' })
      .get('/api/v2/x.json')
      .times(2)
      .reply(200, { id: 1 });
    const { http, counters } = client();
    await Promise.all([http.request(get, Item), http.request(get, Item)]);
    expect(counters.rateLimited).toBe(2);
    expect(counters.rateLimitWaitMs).toBe(2_000);

    // The same source later in the run, its budget nearly spent.
    nock(BASE).get('/api/v2/x.json').reply(429, {}, { 'Retry-After': '1' });
    const spent = { ...createCounters(), rateLimitWaitMs: 4_500 };
    const late = client({ retry: { maxRunRateLimitWaitMs: 5_000, random: () => 0.5 } }, spent);
    const err = (await late.http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err.message).toMatch(
      /gave up after the source waited 5 s on rate limits in this run \(the run's budget is 5 s\)/,
    );
  });

  it('a 429 without any hint still spends attempts', async () => {
    nock(BASE).get('/api/v2/x.json').times(4).reply(429, { error: 'slow down' });
    const { http, counters } = client();
    const err = (await http.request(get, Item).catch((e: unknown) => e)) as SourceError;
    expect(err.message).toMatch(/gave up after 4 attempts/);
    expect(counters.requests).toBe(4);
  });
});

describe('every third request refused with four in flight (a limit shared with another integration)', () => {
  /** A server that answers every third request 429 Retry-After: 1, recording what was in flight. */
  function sharedLimitServer() {
    let n = 0;
    let inFlight = 0;
    let peakBefore429 = 0;
    const log: { status: number; inFlightAtArrival: number; afterA429: boolean }[] = [];
    let last429 = false;
    const fetch: typeof globalThis.fetch = async () => {
      inFlight++;
      if (n < 3) peakBefore429 = Math.max(peakBefore429, inFlight);
      // Whether a 429 was answered since the previous request arrived.
      const arrival = { inFlightAtArrival: inFlight, afterA429: last429 };
      last429 = false;
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const status = ++n % 3 === 0 ? 429 : 200;
      if (status === 429) last429 = true;
      log.push({ status, ...arrival });
      return status === 429
        ? new Response('{"error":"APIRateLimitExceeded"}', { status, headers: { 'retry-after': '1' } })
        : new Response('{"id":1}', { status });
    };
    return { fetch, log, peakBefore429: () => peakBefore429 };
  }

  it('three polls in lockstep: the one refused is sent next, not behind the others again', async () => {
    // With first-come order the refused request re-queues behind the other two and is third again,
    // every time: "HTTP 429; gave up after 5 attempts" on one poll while its siblings go on.
    const server = sharedLimitServer();
    const { http, counters } = client({ fetch: server.fetch });
    const poll = async (): Promise<number> => {
      let ok = 0;
      for (let i = 0; i < 10; i++) if ((await http.request(get, Item)).data.id === 1) ok++;
      return ok;
    };
    await expect(Promise.all([poll(), poll(), poll()])).resolves.toEqual([10, 10, 10]);
    expect(counters.errors).toBe(0);
  });

  it('every request completes, and after a 429 the client sends one request at a time', async () => {
    const server = sharedLimitServer();
    const { http, counters } = client({ fetch: server.fetch });
    const worker = async (): Promise<number> => {
      let ok = 0;
      for (let i = 0; i < 15; i++) if ((await http.request(get, Item)).data.id === 1) ok++;
      return ok;
    };
    const done = await Promise.all([worker(), worker(), worker(), worker()]);
    expect(done).toEqual([15, 15, 15, 15]);
    expect(counters.errors).toBe(0);
    expect(counters.rateLimited).toBeGreaterThanOrEqual(20);
    // Before the first 429 all four were in flight. From then on a request sent after a 429 goes
    // alone (the first may have left before the client read that 429), and the limit grows back by
    // one per success: never more than two in flight, as every third request is refused.
    expect(server.peakBefore429()).toBe(4);
    const afterA429 = server.log.filter((e) => e.afterA429);
    expect(afterA429.length).toBeGreaterThan(10);
    expect(afterA429.slice(1).every((e) => e.inFlightAtArrival === 1)).toBe(true);
    expect(Math.max(...server.log.slice(10).map((e) => e.inFlightAtArrival))).toBe(2);
  });
});

describe('waits on our own limiter', () => {
  it('are counted; from a second up they are logged with bucket, wait and limit, and announced', async () => {
    nock(BASE).get('/api/v2/x.json').times(3).reply(200, { id: 1 });
    const lines: { msg: string; bucket?: string; waitMs?: number; limit?: string }[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as never) });
    const notices: WaitNotice[] = [];
    const counters = { ...createCounters(), onWait: (w: WaitNotice) => void notices.push(w) };
    const { http } = client(
      { log, buckets: { incremental: { limit: 2, windowMs: 60_000 } }, defaultBucket: 'incremental' },
      counters,
    );
    for (let i = 0; i < 3; i++) await http.request(get, Item);
    expect(counters.limiterWaitMs).toBe(60_000);
    const waits = lines.filter((l) => l.msg.startsWith('waiting'));
    expect(waits).toEqual([
      expect.objectContaining({
        bucket: 'incremental',
        waitMs: 60_000,
        limit: '2 requests per minute',
        msg: expect.stringContaining(
          'waiting 60 s for the zendesk incremental limit (2 requests per minute)',
        ),
      }),
    ]);
    expect(notices).toEqual([
      {
        source: 'zendesk',
        bucket: 'incremental',
        waitMs: 60_000,
        why: expect.stringContaining('incremental'),
      },
    ]);
  });
});

describe("a 429's pause", () => {
  it('is announced even when a little of it passed before the retry asked for its turn', () => {
    const notices: WaitNotice[] = [];
    const counters = { ...createCounters(), onWait: (w: WaitNotice) => void notices.push(w) };
    const report = waitReporter({
      source: 'zendesk',
      bucket: 'incremental',
      limiter: createRateLimiter({ limit: 10, windowMs: 60_000 }),
      counters,
      log: silentLog,
    });
    report(998, 'paused');
    report(998, 'limit');
    expect(notices).toEqual([
      { source: 'zendesk', bucket: 'incremental', waitMs: 998, why: 'HTTP 429 from zendesk' },
    ]);
    expect(counters.limiterWaitMs).toBe(998);
  });
});
