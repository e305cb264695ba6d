import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesysStreams, MAX_JOBS_IN_FLIGHT } from '../../../connectors/genesys/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { createCounters } from '../../../src/http/limits.ts';
import type { Clock } from '../../../src/http/sleep.ts';
import { listen, type Listening } from '../../../src/sandbox/common/listen.ts';
import { createDataset, type Dataset } from '../../../src/sandbox/dataset/dataset.ts';
import { createGenesysSim, type GenesysSim } from '../../../src/sandbox/genesys/app.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream, type StreamStats } from '../../../src/sync/run-stream.ts';
import { HASH_KEY, JOBS, mapping } from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

/** The connector against the sandbox's Genesys simulator: query windows, async jobs, tokens. */
const log = pino({ level: 'silent' });
let dataset: Dataset;
let sim: GenesysSim;
let login: Listening;
let api: Listening;
/** Real time, but polls of async jobs do not wait. */
const clock = { now: () => Date.now(), sleep: () => Promise.resolve() };

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  dataset = createDataset({ seed: 5, accounts: 50, tickets: 0, calls: 700, issues: 0 });
  sim = createGenesysSim({ dataset, rateLimits: 'off', lagSeconds: 0, pollsUntilFulfilled: 2 });
  login = await listen(sim.loginApp);
  api = await listen(sim.apiApp);
});
afterAll(async () => {
  await login.close();
  await api.close();
  nock.disableNetConnect();
});

function sync(
  store: SqliteStore,
  maxJobsInFlight?: number,
  now = Date.now(),
  withClock: Clock = clock,
): Promise<StreamStats> {
  const m = mapping({
    start_date: new Date(dataset.options.start).toISOString().slice(0, 10),
    window_hours: 168,
    backfill_jobs_after_days: 60,
  });
  const [calls] = genesysStreams(
    {
      apiBaseUrl: api.url,
      loginUrl: login.url,
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
    },
    { genesys: m, accounts: { phone_default_country_code: '1' } } as Mappings,
    {
      counters: createCounters(),
      log,
      scrubber: new SecretScrubber(),
      hashKey: HASH_KEY,
      rateLimits: 'off',
      clock: withClock,
      ...(maxJobsInFlight === undefined ? {} : { maxJobsInFlight }),
    },
  );
  return runStream(calls!, { store, log, signal: new AbortController().signal, full: false, now: () => now });
}

describe('Genesys connector against the sandbox simulator', () => {
  it('reads every conversation exactly once, by jobs for old windows and queries for recent ones', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const stats = await sync(store);
      // mappings/genesys.yaml reads voice only; the sandbox also has ~5% callbacks.
      const expected: string[] = [];
      for (let i = 0; i < dataset.calls.total(); i++) {
        const c = dataset.calls.latest(i)!;
        if (c.mediaType === 'voice') expected.push(c.conversationId);
      }
      expected.sort();
      expect(expected.length).toBeGreaterThan(600);
      expect(await store.facts.ids('call')).toEqual(expected);
      expect(stats.reconciliation?.expected).toBe(stats.reconciliation?.stored);
      expect(stats.reconciliation?.note).toMatch(/by async job/);
      const stored = await Array.fromAsync(store.facts.iterate('call'));
      expect(stored.filter((c) => c.callerKey !== null).length).toBeGreaterThan(stored.length / 2);
      expect(stored.some((c) => c.handleSec !== null)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('jobs read several at a time store the same facts and cursor, with the same requests, as one at a time', async () => {
    const results = [];
    const now = Date.now(); // both reads plan the same windows
    for (const inFlight of [1, undefined]) {
      const store = openSqliteStore(':memory:');
      try {
        sim.ctx.stats.reset();
        await sync(store, inFlight, now);
        results.push({
          facts: (await Array.fromAsync(store.facts.iterate('call'))).sort((a, b) =>
            a.id.localeCompare(b.id),
          ),
          cursor: (await store.cursors.get('genesys.calls'))?.value,
          requests: sim.ctx.stats.snapshot().requests,
        });
      } finally {
        await store.close();
      }
    }
    const [serial, parallel] = results;
    expect(serial!.requests[`POST ${JOBS}`]).toBeGreaterThan(MAX_JOBS_IN_FLIGHT);
    expect(parallel!.facts).toEqual(serial!.facts);
    expect(parallel!.cursor).toEqual(serial!.cursor);
    expect(parallel!.requests).toEqual(serial!.requests);
  });
});

describe('Genesys connector, a rate limit shared with another integration', () => {
  it('every third request refused with 429 while jobs are in flight: the same facts and cursor as a clean read', async () => {
    const results = [];
    const now = Date.now(); // both reads plan the same windows
    for (const faults of [{}, { rateLimitEvery: 3, rateLimitRetryAfterSeconds: 1 }]) {
      const store = openSqliteStore(':memory:');
      try {
        sim.ctx.faults.set(faults);
        const before = sim.ctx.faults.counts().rateLimited;
        // Waits (Retry-After, polls) pass at once on this clock, and move its time on.
        let skipped = 0;
        await sync(store, undefined, now, {
          now: () => Date.now() + skipped,
          sleep: (ms) => {
            skipped += Math.max(0, ms);
            return Promise.resolve();
          },
        });
        results.push({
          facts: (await Array.fromAsync(store.facts.iterate('call'))).sort((a, b) =>
            a.id.localeCompare(b.id),
          ),
          cursor: (await store.cursors.get('genesys.calls'))?.value,
          refused: sim.ctx.faults.counts().rateLimited - before,
        });
      } finally {
        sim.ctx.faults.set({});
        await store.close();
      }
    }
    const [clean, limited] = results;
    expect(limited!.refused).toBeGreaterThan(20);
    expect(limited!.facts).toEqual(clean!.facts);
    expect(limited!.cursor).toEqual(clean!.cursor);
  });
});
