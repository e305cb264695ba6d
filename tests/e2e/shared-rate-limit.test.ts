import { afterAll, describe, expect, it } from 'vitest';
import { allOutputLines } from './support/cli.ts';
import { cleanOutcome, expectSameOutcome, outcomeOf } from './support/converge.ts';
import { leakyLines } from './support/secrets.ts';
import {
  describeRun,
  rateLimitedSync,
  SHARED_LIMIT_FAULTS,
  SHARED_LIMIT_WORLD,
} from './support/shared-limit.ts';
import { withWorld } from './support/world.ts';

/**
 * Issue 15 §4: every third request of every source answers 429 with `Retry-After: 1` (another
 * integration shares the API client's limit), with the shipped mappings, so the Genesys backfill runs
 * through async jobs, four in flight. One sync must succeed and leave exactly what a clean run leaves.
 * `npm run soak:429` runs the same scenario 20 times.
 */
const secrets = new Set<string>();
afterAll(() => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
});

describe('a rate limit shared with another integration', { timeout: 300_000 }, () => {
  it('every third request of every source is refused with 429: one sync succeeds and converges', async () => {
    await withWorld({ ...SHARED_LIMIT_WORLD, faults: SHARED_LIMIT_FAULTS }, secrets, async (w) => {
      const { run, code, sims } = await rateLimitedSync(w);
      console.log(describeRun(run, sims));
      expect([code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
      // The faults did happen, on every source, and on the Genesys jobs path with jobs in flight.
      expect(Object.entries(sims.refused).filter(([, n]) => n === 0)).toEqual([]);
      expect(sims.genesysJobs).toBeGreaterThan(4);
      for (const s of ['zendesk', 'jira', 'genesys'])
        expect([s, run.stats.sources[s]!.rateLimitWaitMs]).toEqual([s, expect.any(Number)]);
      expect(run.stats.sources['genesys']!.rateLimited).toBeGreaterThan(10);
      expect(run.stats.sources['genesys']!.rateLimitWaitMs).toBeGreaterThanOrEqual(1_000);
      // The waits moved this world's clock a minute or more on (at 23:59:30, into another hour and
      // day, and scores depend on the hour): the oracle is a clean run at the time this one ended.
      const got = await outcomeOf(w);
      const at = w.sandbox.clock.now();
      const reference = await withWorld({ ...SHARED_LIMIT_WORLD, clockAt: at }, secrets, cleanOutcome);
      expectSameOutcome(got, reference, 'every third request 429');
    });
  });
});
