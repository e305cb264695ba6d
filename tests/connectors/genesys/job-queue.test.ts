import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { genesysStreams, MAX_JOBS_IN_FLIGHT, type GenesysEnv } from '../../../connectors/genesys/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { SourceError } from '../../../src/errors.ts';
import { createCounters } from '../../../src/http/limits.ts';
import type { Clock } from '../../../src/http/sleep.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import { fakeClock } from '../../http/helpers.ts';
import { answeredCall, API, fakeGenesys, HASH_KEY, LOGIN, mapping, type FakeGenesys } from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

/** Backfill jobs created ahead of the one being read (connectors/genesys/job-queue.ts). */
const log = pino({ level: 'silent' });
const env: GenesysEnv = { apiBaseUrl: API, loginUrl: LOGIN, clientId: 'gc-client', clientSecret: 'gc-s-1' };
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const START = Date.parse('2026-09-01T00:00:00.000Z');
const WEEK = 7 * 86_400_000;

/** A clock whose sleeps never end unless their signal aborts: `pending` is every poll loop still waiting. */
function hangingClock(): Clock & { pending: Set<object> } {
  const pending = new Set<object>();
  return {
    pending,
    now: () => NOW,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (ms <= 0) return Promise.resolve();
      return new Promise((_, reject) => {
        const token = {};
        pending.add(token);
        signal?.addEventListener('abort', () => (pending.delete(token), reject(signal.reason as Error)), {
          once: true,
        });
      });
    },
  };
}

let store: SqliteStore;
let fake: FakeGenesys;
const unhandled: unknown[] = [];
const onUnhandled = (r: unknown): number => unhandled.push(r);
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  store = openSqliteStore(':memory:');
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  fake = fakeGenesys();
  // 8 job windows (2026-09-01 .. 30 days before now), 3 calls in each: two result pages per job.
  for (let w = 0; w < 8; w++)
    for (let i = 0; i < 3; i++)
      fake.convs.push(answeredCall(`old-${w}-${i}`, START + w * WEEK + i * 3_600_000));
  fake.convs.push(answeredCall('recent-1', Date.parse('2026-11-22T10:00:00Z')));
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  nock.cleanAll();
  await store.close();
});

function build(opts: { maxJobsInFlight?: number; clock?: Clock } = {}) {
  const counters = createCounters();
  const [calls] = genesysStreams(
    env,
    {
      genesys: mapping({ start_date: '2026-09-01' }), // backfill_jobs_after_days: 30
      accounts: { phone_default_country_code: '1' },
    } as Mappings,
    {
      counters,
      log,
      scrubber: new SecretScrubber(),
      hashKey: HASH_KEY,
      rateLimits: 'documented',
      clock: opts.clock ?? fakeClock(NOW),
      ...opts,
    },
  );
  return { calls: calls!, counters };
}
const cursor = async () =>
  ((await store.cursors.get('genesys.calls'))?.value as { through: number } | undefined)?.through;
const kinds = (l: string[]) => l.map((e) => e.split(' ')[0]);
const count = (l: string[], k: string) => kinds(l).filter((x) => x === k).length;
/** Holds a results page until `n` poll loops are waiting on the clock (the jobs created ahead). */
async function untilWaiting(clock: { pending: Set<object> }, n: number): Promise<void> {
  while (clock.pending.size < n) await new Promise((r) => setImmediate(r));
}
const polled = () => fake.jobLog.filter((e) => e.startsWith('poll')).sort();
/** Lets anything still running make its next request (there should be none). */
const settle = () => new Promise((r) => setTimeout(r, 30));

async function read(maxJobsInFlight?: number) {
  const { calls, counters } = build(maxJobsInFlight === undefined ? {} : { maxJobsInFlight });
  const cursors: (number | undefined)[] = [];
  const signal = new AbortController().signal;
  await runStream(calls, {
    store,
    log,
    signal,
    full: false,
    now: () => NOW,
    onPage: async () => {
      cursors.push(await cursor());
    },
  });
  return {
    cursors,
    counters,
    facts: (await Array.fromAsync(store.facts.iterate('call'))).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('Genesys backfill jobs in flight together', () => {
  it('stores the same facts, moves the cursor the same way and makes the same requests as a serial read', async () => {
    const serial = await read(1);
    const serialLog = [...fake.jobLog];
    expect(fake.maxJobsInFlight).toBe(1);
    const serialQueries = fake.queries.length;

    nock.cleanAll();
    await store.close();
    store = openSqliteStore(':memory:');
    const convs = fake.convs;
    fake = fakeGenesys();
    fake.convs.push(...convs);
    const parallel = await read();

    expect(parallel.facts).toHaveLength(25);
    expect(parallel.facts).toEqual(serial.facts);
    expect(parallel.cursors).toEqual(serial.cursors);
    expect(parallel.cursors.at(-1)).toBe(Date.parse('2026-11-23T11:59:00Z'));
    // One create, two polls and two result pages per job, whichever way they were read.
    expect(count(fake.jobLog, 'create')).toBe(8);
    for (const k of ['create', 'poll', 'results']) expect(count(fake.jobLog, k)).toBe(count(serialLog, k));
    expect(fake.queries).toHaveLength(serialQueries);
    expect(parallel.counters.requests).toBe(serial.counters.requests);
    expect(fake.maxJobsInFlight).toBe(MAX_JOBS_IN_FLIGHT);
    // Serially, job k+1 is created only after job k's last page; in parallel it is not.
    expect(serialLog.indexOf('create job-2')).toBeGreaterThan(serialLog.indexOf('results job-1 last'));
  });

  it(`creates up to ${MAX_JOBS_IN_FLIGHT} jobs before reading the first, and the next only once one is read`, async () => {
    // Job 1 is done only once job 4 exists: a read that waits for job 1 before creating job 2 never gets there.
    fake.jobState = (id, poll) =>
      id === 'job-1' && fake.jobsCreated.length < 4 ? 'QUEUED' : poll <= 1 ? 'QUEUED' : 'FULFILLED';
    await read();
    const at = (e: string) => fake.jobLog.indexOf(e);
    for (const k of [2, 3, 4]) expect(at(`create job-${k}`)).toBeLessThan(at('results job-1'));
    expect(at('create job-5')).toBeGreaterThan(at('results job-1 last'));
    expect(at('create job-5')).toBeGreaterThan(at(`create job-4`));
    expect(fake.maxJobsInFlight).toBe(4);
    // Pages still come out in window order.
    const results = fake.jobLog.filter((e) => e.startsWith('results')).map((e) => e.split(' ')[1]);
    expect([...new Set(results)]).toEqual([
      'job-1',
      'job-2',
      'job-3',
      'job-4',
      'job-5',
      'job-6',
      'job-7',
      'job-8',
    ]);
    expect(await cursor()).toBe(Date.parse('2026-11-23T11:59:00Z'));
  });

  it('a failed job raises its SourceError in its turn and stops every job polling ahead of it', async () => {
    const clock = hangingClock();
    // Job 1 is ready at once, job 2 fails, the rest never finish: only cancellation ends their polling.
    fake.jobState = (id) => (id === 'job-1' ? 'FULFILLED' : id === 'job-2' ? 'FAILED' : 'QUEUED');
    fake.onResults = () => untilWaiting(clock, 2); // jobs 3 and 4
    const { calls } = build({ clock });
    const err = await runStream(calls, {
      store,
      log,
      signal: new AbortController().signal,
      full: false,
      now: () => NOW,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ code: 'SOURCE_HTTP', context: { state: 'FAILED' } });
    expect((err as Error).message).toMatch(/analytics job failed/);
    // Window 1 was read and committed before job 2's turn, as a serial read would.
    expect(await cursor()).toBe(START + WEEK);
    expect((await store.facts.counts()).call).toBe(3);
    expect(polled()).toEqual(['poll job-1', 'poll job-2', 'poll job-3', 'poll job-4']);
    expect(clock.pending.size).toBe(0);
    const requests = fake.jobLog.length;
    await settle();
    expect(fake.jobLog).toHaveLength(requests);
    expect(unhandled).toEqual([]);
  });

  it('a stop signal mid-read (the runner does not close the read) stops the jobs polling ahead', async () => {
    const clock = hangingClock();
    const stop = new AbortController();
    fake.jobState = (id) => (id === 'job-1' ? 'FULFILLED' : 'QUEUED');
    fake.onResults = async () => {
      await untilWaiting(clock, 3); // jobs 2 to 4
      stop.abort();
    };
    const { calls } = build({ clock });
    const stats = await runStream(calls, { store, log, signal: stop.signal, full: false, now: () => NOW });
    expect(stats).toMatchObject({ aborted: true, pages: 1 });
    expect(await cursor()).toBe(START); // job 1's first page is not the whole window
    expect(polled()).toEqual(['poll job-1', 'poll job-2', 'poll job-3', 'poll job-4']);
    await settle();
    expect(clock.pending.size).toBe(0);
    const requests = fake.jobLog.length;
    await settle();
    expect(fake.jobLog).toHaveLength(requests);
    expect(fake.jobLog.filter((e) => e.startsWith('results'))).toEqual(['results job-1']);
    expect(unhandled).toEqual([]);
  });

  it('closing the read early (return()) leaves no poll loop behind', async () => {
    const clock = hangingClock();
    fake.jobState = (id) => (id === 'job-1' ? 'FULFILLED' : 'QUEUED');
    fake.onResults = () => untilWaiting(clock, 3);
    const { calls } = build({ clock });
    const ctx = { cursor: undefined, signal: new AbortController().signal, log, now: () => NOW };
    const pages = calls.read(ctx)[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect(clock.pending.size).toBe(3);
    await pages.return?.(undefined);
    // return() resolves only once every job's polling has ended.
    expect(clock.pending.size).toBe(0);
    const requests = fake.jobLog.length;
    await settle();
    expect(fake.jobLog).toHaveLength(requests);
    expect(unhandled).toEqual([]);
  });
});
