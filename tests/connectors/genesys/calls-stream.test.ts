import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { genesysStreams, type GenesysEnv } from '../../../connectors/genesys/index.ts';
import type { GenesysMapping } from '../../../src/config/mappings/genesys.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import type { CallFact } from '../../../src/facts/schemas.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import { fakeClock } from '../../http/helpers.ts';
import {
  abandonedCall,
  answeredCall,
  API,
  fakeGenesys,
  HASH_KEY,
  LOGIN,
  mapping,
  QUERY,
  type FakeGenesys,
} from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

const log = pino({ level: 'silent' });
const env: GenesysEnv = {
  apiBaseUrl: API,
  loginUrl: LOGIN,
  clientId: 'gc-client',
  clientSecret: 'gc-secret-789',
};
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const D22 = Date.parse('2026-11-22T00:00:00.000Z');
const D23 = Date.parse('2026-11-23T00:00:00.000Z');
const UNTIL = Date.parse('2026-11-23T11:59:00.000Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

let store: SqliteStore;
let fake: FakeGenesys;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  nock.cleanAll();
  await store.close();
});

function build(over: Partial<GenesysMapping> = {}) {
  const counters = createCounters();
  const clock = fakeClock(NOW);
  const [calls] = genesysStreams(
    env,
    {
      genesys: mapping({ start_date: '2026-11-22', ...over }),
      accounts: { phone_default_country_code: '1' },
    } as Mappings,
    {
      counters,
      log,
      scrubber: new SecretScrubber(),
      hashKey: HASH_KEY,
      rateLimits: 'documented',
      clock,
      retry: { maxAttempts: 3, random: () => 0.5 },
    },
  );
  return { calls: calls!, counters, clock };
}
function run(over: Partial<GenesysMapping> = {}, now = NOW, onPage?: () => void | Promise<void>) {
  const b = build(over);
  const p = runStream(b.calls, {
    store,
    log,
    signal: new AbortController().signal,
    full: false,
    now: () => now,
    ...(onPage ? { onPage } : {}),
  });
  return Object.assign(p, { built: b });
}
/** 150 calls on the 22nd (two pages of 100), 3 on the 23rd. */
function seed(f: FakeGenesys): void {
  for (let i = 0; i < 150; i++) f.convs.push(answeredCall(`a-${i}`, D22 + i * 5 * MIN));
  for (let i = 0; i < 3; i++) f.convs.push(abandonedCall(`b-${i}`, D23 + (i + 1) * 60 * MIN));
}
const cursor = async () =>
  (await store.cursors.get('genesys.calls'))?.value as { through: number } | undefined;

describe('genesys.calls', () => {
  it('reads closed windows to the end, page by page; the cursor moves only when a window is complete', async () => {
    fake = fakeGenesys();
    seed(fake);
    const seen: (number | undefined)[] = [];
    const stats = await run({}, NOW, async () => {
      seen.push((await cursor())?.through);
    });
    expect(stats).toMatchObject({ pages: 3, upserts: 153, reset: true });
    expect((await store.facts.counts()).call).toBe(153);
    expect(fake.queries.map((q) => [q.interval, q.pageNumber])).toEqual([
      [`${iso(D22)}/${iso(D23)}`, 1],
      [`${iso(D22)}/${iso(D23)}`, 2],
      [`${iso(D23)}/${iso(UNTIL)}`, 1],
    ]);
    // Page 1 of the 22nd is not the whole window: the cursor stays at start_date until page 2.
    expect(seen).toEqual([D22, D23, UNTIL]);
    expect(fake.queries[0]!.body).toMatchObject({
      order: 'asc',
      orderBy: 'conversationStart',
      paging: { pageSize: 100, pageNumber: 1 },
      segmentFilters: [
        {
          type: 'or',
          predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }],
        },
      ],
    });
    expect(stats.reconciliation).toMatchObject({ expected: 153, stored: 153 });
  });

  it("a call across a window boundary is in both windows' results: stored once, and counted once by reconciliation", async () => {
    fake = fakeGenesys({ overlapping: true });
    seed(fake);
    fake.convs.push(answeredCall('midnight', D23 - 6 * MIN)); // 12 minutes long: ends after D23
    const stats = await run();
    expect((await store.facts.counts()).call).toBe(154);
    expect(fake.queries.filter((q) => q.pageNumber === 1).map((q) => q.interval)).toEqual([
      `${iso(D22)}/${iso(D23)}`,
      `${iso(D23)}/${iso(UNTIL)}`,
    ]);
    expect(stats.reconciliation).toMatchObject({ expected: 154, stored: 154 });
  });

  it('filters queues when configured', async () => {
    fake = fakeGenesys();
    await run({ queues: ['q-1', 'q-2'] });
    expect((fake.queries[0]!.body.segmentFilters as unknown[])[1]).toEqual({
      type: 'or',
      predicates: [
        { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q-1' },
        { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q-2' },
      ],
    });
  });

  it("a conversation that arrives after its window was read is caught by the next run's lag re-read", async () => {
    fake = fakeGenesys();
    seed(fake);
    await run();
    expect((await cursor())?.through).toBe(UNTIL);
    // Analytics publishes a call from 11:30 only now, after the window holding it was read.
    fake.convs.push(answeredCall('late-1', Date.parse('2026-11-23T11:30:00Z')));
    fake.queries.length = 0;
    await run({}, NOW + 30 * MIN);
    expect(fake.queries[0]!.interval.startsWith(iso(UNTIL - 120 * MIN))).toBe(true);
    expect(await store.facts.get({ kind: 'call', id: 'late-1' })).toBeDefined();
    expect((await store.facts.counts()).call).toBe(154);
  });

  it('a record that lands mid-read shifts the pages: the short window is re-read once', async () => {
    fake = fakeGenesys();
    seed(fake);
    let landed = false;
    fake.afterQuery = (q) => {
      if (q.pageNumber === 1 && !landed) {
        landed = true;
        fake.convs.push(answeredCall('early-late', D22)); // ties the first call and sorts second: every later record shifts
      }
    };
    const stats = await run();
    expect(await store.facts.get({ kind: 'call', id: 'early-late' })).toBeDefined();
    expect((await store.facts.counts()).call).toBe(154);
    const w1 = fake.queries.filter((q) => q.interval.startsWith(iso(D22)));
    expect(w1.map((q) => q.pageNumber)).toEqual([1, 2, 1, 2]);
    expect(stats.reconciliation).toMatchObject({ expected: 154, stored: 154 });
  });

  it('a window over 100,000 results is split in halves', async () => {
    nock(API)
      .post(QUERY, (b: { interval: string }) => b.interval === `${iso(D22)}/${iso(D23)}`)
      .reply(200, { conversations: [], totalHits: 150_000 });
    fake = fakeGenesys();
    seed(fake);
    await run();
    const intervals = [...new Set(fake.queries.map((q) => q.interval))];
    const noon = iso(D22 + 12 * 60 * MIN);
    expect(intervals.slice(0, 2)).toEqual([`${iso(D22)}/${noon}`, `${noon}/${iso(D23)}`]);
    expect((await store.facts.counts()).call).toBe(153);
  });

  it('a query refused for passing 100,000 results is split too', async () => {
    nock(API)
      .post(QUERY, (b: { interval: string }) => b.interval === `${iso(D22)}/${iso(D23)}`)
      .reply(400, {
        message: 'Query would return more than 100000 results',
        code: 'bad.request',
        status: 400,
      });
    fake = fakeGenesys();
    seed(fake);
    await run();
    expect((await store.facts.counts()).call).toBe(153);
  });

  it('401 mid-run: a new token is granted and the page replayed', async () => {
    nock(API)
      .post(QUERY, (b: { paging: { pageNumber: number } }) => b.paging.pageNumber === 2)
      .matchHeader('authorization', 'Bearer tok1')
      .reply(401, { message: 'Invalid login credentials.', code: 'bad.credentials', status: 401 });
    fake = fakeGenesys();
    seed(fake);
    await run();
    expect(fake.tokens).toBe(2);
    expect((await store.facts.counts()).call).toBe(153);
  });

  it('429 with Retry-After waits, then continues; a connection reset is retried', async () => {
    nock(API).post(QUERY).reply(429, { message: 'Rate limit exceeded' }, { 'Retry-After': '30' });
    nock(API)
      .post(QUERY)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    fake = fakeGenesys();
    seed(fake);
    const p = run();
    await p;
    expect(p.built.clock.waits).toContain(30_000);
    expect(p.built.counters).toMatchObject({ rateLimited: 1, retries: 2, errors: 0 });
    expect((await store.facts.counts()).call).toBe(153);
  });

  it('a malformed page fails naming the endpoint; the cursor stays at the last complete window', async () => {
    nock(API)
      .post(QUERY, (b: { interval: string }) => b.interval.startsWith(iso(D23)))
      .times(2)
      .reply(200, '{"conversations":[{"conversationId":', { 'content-type': 'application/json' });
    fake = fakeGenesys();
    seed(fake);
    await expect(run()).rejects.toMatchObject({
      code: 'SOURCE_RESPONSE_INVALID',
      context: { endpoint: `POST ${QUERY}` },
    });
    expect((await cursor())?.through).toBe(D23);
    expect((await store.facts.counts()).call).toBe(150);
  });

  it('a crash between pages: the rerun stores each call exactly once', async () => {
    nock(API)
      .post(QUERY, (b: { paging: { pageNumber: number } }) => b.paging.pageNumber === 2)
      .times(3)
      .reply(503);
    fake = fakeGenesys();
    seed(fake);
    await expect(run()).rejects.toMatchObject({ code: 'SOURCE_HTTP', status: 503 });
    expect((await store.facts.counts()).call).toBe(100);
    expect((await cursor())?.through).toBe(D22);
    const stats = await run();
    expect(stats.reset).toBe(false);
    expect((await store.facts.counts()).call).toBe(153);
    expect(new Set(await store.facts.ids('call')).size).toBe(153);
  });

  it('a call still in progress holds the cursor at its start, so its final metrics are read later', async () => {
    fake = fakeGenesys();
    const start = Date.parse('2026-11-23T11:00:00Z');
    fake.convs.push(answeredCall('live-1', start, { conversationEnd: undefined }));
    await run();
    expect((await cursor())?.through).toBe(start);
    expect(((await store.facts.get({ kind: 'call', id: 'live-1' })) as CallFact).endedAt).toBeNull();
    fake.convs[0] = answeredCall('live-1', start);
    fake.queries.length = 0;
    await run({}, NOW + 10 * MIN);
    expect(fake.queries[0]!.interval.startsWith(iso(start - 120 * MIN))).toBe(true);
    expect(((await store.facts.get({ kind: 'call', id: 'live-1' })) as CallFact).endedAt).toBe(
      start + 12 * MIN,
    );
    expect((await cursor())?.through).toBe(Date.parse('2026-11-23T12:09:00Z'));
  });

  it('windows older than backfill_jobs_after_days use week-long async jobs (polled, paged by cursor)', async () => {
    fake = fakeGenesys({ jobPageSize: 2 });
    const old = Date.parse('2026-09-03T10:00:00Z');
    for (let i = 0; i < 5; i++) fake.convs.push(answeredCall(`old-${i}`, old + i * MIN));
    fake.convs.push(answeredCall('recent-1', Date.parse('2026-11-22T10:00:00Z')));
    const p = run({ start_date: '2026-09-01' }); // window_hours 24, backfill after 30 days
    const stats = await p;
    // 2026-09-01 .. 2026-10-24T12:00 (30 days before now) goes to the data lake, a week per job.
    const jobsEnd = Date.parse('2026-10-24T12:00:00Z');
    expect(fake.jobsCreated).toHaveLength(8);
    expect(fake.jobsCreated[0]).toBe(
      `${iso(Date.parse('2026-09-01T00:00:00Z'))}/${iso(Date.parse('2026-09-08T00:00:00Z'))}`,
    );
    expect(fake.jobsCreated[7]).toBe(`${iso(Date.parse('2026-10-20T00:00:00Z'))}/${iso(jobsEnd)}`);
    // The rest by the details query, in daily windows.
    expect(fake.queries[0]!.interval).toBe(`${iso(jobsEnd)}/${iso(jobsEnd + 24 * 60 * MIN)}`);
    expect((await store.facts.counts()).call).toBe(6);
    // Polls start at 500 ms and double while a job is not FULFILLED.
    expect(p.built.clock.waits).toContain(500);
    expect(stats.reconciliation?.note).toMatch(
      /8 window\(s\) by async job \(no totals; 5 conversations read\)/,
    );
    expect((await cursor())?.through).toBe(UNTIL);
  });

  it('windows the data lake does not cover yet are read by query', async () => {
    fake = fakeGenesys({ lakeUntil: '2026-09-15T00:00:00.000Z' });
    await run({ start_date: '2026-09-01', window_hours: 168 });
    expect(fake.jobsCreated).toHaveLength(2);
    expect(fake.queries[0]!.interval.startsWith(iso(Date.parse('2026-09-15T00:00:00Z')))).toBe(true);
  });

  it('a failed async job fails the run with its state', async () => {
    nock(API)
      .persist()
      .get(/\/jobs\/job-1$/)
      .reply(200, { state: 'FAILED', errorMessage: 'internal' });
    fake = fakeGenesys();
    await expect(run({ start_date: '2026-09-01', window_hours: 168 })).rejects.toThrow(
      /analytics job failed: internal/,
    );
  });

  it('changing media types restarts the stream; changing the window size does not', async () => {
    fake = fakeGenesys();
    seed(fake);
    await run();
    expect(await run({ window_hours: 12 })).toMatchObject({ reset: false });
    expect(await run({ media_types: ['voice', 'callback'] })).toMatchObject({
      reset: true,
      resetReason: 'configuration changed',
    });
  });
});
