import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOutputLines, runCli, runJson } from './support/cli.ts';
import { cleanOutcome, expectSameOutcome, outcomeOf, type Outcome } from './support/converge.ts';
import { leakyLines } from './support/secrets.ts';
import { control, E2E_ACCOUNTS, type E2eWorld, type openWorld } from './support/sandbox.ts';
import { readStore, simStats } from './support/snapshots.ts';
import { withWorld as withSandboxWorld } from './support/world.ts';

/**
 * Issue 15: Salesforce reads go through the one retry policy (src/http), every retry is counted in
 * the run record once, and a Salesforce source that fails still reports what it committed. Each
 * scenario starts from a fresh 50-account sandbox and is compared with a clean run's outcome.
 */
const secrets = new Set<string>();
let reference: Outcome;

const withWorld = <T>(
  options: Parameters<typeof openWorld>[0],
  body: (w: E2eWorld) => Promise<T>,
): Promise<T> => withSandboxWorld(options, secrets, body);

beforeAll(async () => {
  reference = await withWorld({}, cleanOutcome);
}, 120_000);

afterAll(() => {
  expect(allOutputLines.length).toBeGreaterThan(10);
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
});

describe('Salesforce faults', { timeout: 120_000 }, () => {
  it('a connection reset on the first query is retried: the run succeeds, counts the retry and ends where a clean run ends', async () => {
    await withWorld({}, async (w) => {
      const { salesforce } = w.sandbox.urls;
      await control(salesforce, '/__sandbox/faults', {
        scripted: [{ endpoint: 'query', kind: 'reset', times: 1 }],
      });
      const r = await runCli(['sync', '--json'], w.env());
      const run = runJson(r);
      expect((await simStats(salesforce)).faults['reset']).toBe(1);
      expect([r.code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
      const sf = run.stats.sources['salesforce']!;
      console.log(`after one scripted reset: salesforce ${JSON.stringify(sf)}`);
      expect(sf.retries).toBeGreaterThanOrEqual(1);
      expect(run.stats.writes.attempted).toBeGreaterThan(0);
      expectSameOutcome(await outcomeOf(w), reference, 'after a reset');
    });
  });

  it('seven 503s across Salesforce reads are seven retries in the run record, each request counted once', async () => {
    await withWorld({}, async (w) => {
      const { salesforce } = w.sandbox.urls;
      // The Accounts query fails four times (its fifth attempt passes), then the query for Accounts
      // that left the `where` three times.
      await control(salesforce, '/__sandbox/faults', {
        scripted: [
          { endpoint: 'query', kind: 'status', status: 503, times: 4 },
          { endpoint: 'query', kind: 'status', status: 503, after: 1, times: 3 },
        ],
      });
      const r = await runCli(['sync', '--json'], w.env());
      const run = runJson(r);
      const sim = await simStats(salesforce);
      expect(sim.faults['status']).toBe(7);
      expect([r.code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
      const sf = run.stats.sources['salesforce']!;
      expect(sf.retries).toBe(7);
      // Every read of the source stage is a query: the org saw exactly the requests the record counts.
      expect(sf.apiCalls).toBe(sim.requests['query']);
      expectSameOutcome(await outcomeOf(w), reference, 'after seven 503s');
    });
  });

  it('a Salesforce source that fails after committing its Accounts page still reports that page and its records', async () => {
    await withWorld({}, async (w) => {
      const { salesforce } = w.sandbox.urls;
      // The Accounts page passes; the query for Accounts that left the `where` keeps failing.
      await control(salesforce, '/__sandbox/faults', {
        scripted: [{ endpoint: 'query', kind: 'status', status: 500, after: 1, times: 50 }],
      });
      const r = await runCli(['sync', '--json'], w.env());
      const run = runJson(r);
      expect([r.code, run.status]).toEqual([1, 'partial']);
      const sfErrors = run.stats.errors.filter((e) => e.source === 'salesforce');
      expect(sfErrors).toHaveLength(1);
      expect(sfErrors[0]!.message).toMatch(/GET \/query/);
      const sf = run.stats.sources['salesforce']!;
      expect((await readStore(w.storeConfig())).facts.account.size).toBe(E2E_ACCOUNTS);
      // Committed: the Accounts page and the sweep that ends a full read.
      expect(sf).toMatchObject({ pages: 2, upserts: E2E_ACCOUNTS, errors: 1, retries: 4 });
    });
  });
});
