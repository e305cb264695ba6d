import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, sharedLimiters } from '../../src/http/rate-limiter.ts';
import { systemClock } from '../../src/http/sleep.ts';
import { createPgRateLimiter, migrateRateBudgets, tenantLimiters } from '../../src/queue/pg-rate-limiter.ts';
import { dropSchemas, freshQueueEnv, postgresReachable } from './support/postgres.ts';

describe.skipIf(!postgresReachable)('rate budgets in Postgres', () => {
  const queue = freshQueueEnv();
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: queue.databaseUrl, max: 4 });
    await migrateRateBudgets(pool, queue.schema);
  });
  afterAll(async () => {
    await pool.end();
    await dropSchemas(queue.schema);
  });
  const starts = async (budget: string): Promise<number> =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${queue.schema}".hs_rate_starts WHERE budget = $1`,
        [budget],
      )
    ).rows[0]!.n;

  it("inside a worker's job, a client's limited bucket draws from the tenant's shared budget", async () => {
    const config = { limit: 5, windowMs: 60_000 };
    const key = { source: 'jira' as const, bucket: 'search' };
    const provider = tenantLimiters({ pool, schema: queue.schema }, 't1');
    const shared = sharedLimiters.run(provider, () => createRateLimiter(config, systemClock, key));
    await shared.acquire();
    await shared.acquire();
    expect(await starts('t1:jira:search')).toBe(2);
    // Outside a job (sync, serve), and for unlimited buckets, the limiter stays in process.
    await createRateLimiter(config, systemClock, key).acquire();
    await sharedLimiters.run(provider, () => createRateLimiter(null, systemClock, key)).acquire();
    expect(await starts('t1:jira:search')).toBe(2);
  });

  it('two limiters (two workers) on one budget share its window', async () => {
    const config = { limit: 3, windowMs: 1_500 };
    const deps = { pool, schema: queue.schema, clock: systemClock };
    const [a, b] = [
      createPgRateLimiter(deps, 't2:zendesk:incremental', config),
      createPgRateLimiter(deps, 't2:zendesk:incremental', config),
    ];
    const waits: string[] = [];
    const began = Date.now();
    await Promise.all([a.acquire(), b.acquire(), a.acquire()]);
    expect(Date.now() - began).toBeLessThan(1_000);
    await b.acquire(undefined, (_ms, why) => waits.push(why));
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_400);
    expect(waits[0]).toBe('limit');
  });

  it("a 429's pause taken by one worker holds the others", async () => {
    const config = { limit: 100, windowMs: 1_000 };
    const deps = { pool, schema: queue.schema, clock: systemClock };
    const [a, b] = [
      createPgRateLimiter(deps, 't3:genesys:default', config),
      createPgRateLimiter(deps, 't3:genesys:default', config),
    ];
    expect(a.pauseFor(1_200)).toBeGreaterThan(1_100);
    await new Promise((r) => setTimeout(r, 100)); // the pause reaches the database
    const waits: string[] = [];
    const began = Date.now();
    await b.acquire(undefined, (_ms, why) => waits.push(why));
    expect(waits[0]).toBe('paused');
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
  });
});
