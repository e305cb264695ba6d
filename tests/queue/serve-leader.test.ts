import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { startBoss } from '../../src/queue/boss.ts';
import { tryLock } from '../../src/queue/advisory-lock.ts';
import { SCORE_QUEUE, tenantLockName } from '../../src/queue/names.ts';
import { RunRefusedError } from '../../src/sync/single-flight.ts';
import { startService, type RunningService } from '../../src/server/start.ts';
import { runCli } from '../e2e/support/cli.ts';
import { captureLogger, mappingsDir, tempDir } from '../server/helpers.ts';
import { dropSchemas, freshQueueEnv, postgresReachable, urlWithSchema } from './support/postgres.ts';

const schemas: string[] = [];
afterAll(async () => {
  if (postgresReachable) await dropSchemas(...schemas);
});

const until = async (what: () => boolean, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('worker without a database', () => {
  it('exits 2 and says what it needs', async () => {
    const r = await runCli(['worker'], { LOG_LEVEL: 'silent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('worker needs HEALTH_SYNC_DATABASE_URL');
  });
});

/**
 * Issue 21: two `serve` instances with a queue: one scheduler at a time (leader by advisory lock). The
 * leader's tick queues a job for the workers and runs nothing itself; the other's tick queues nothing;
 * when the leader stops, the other takes over.
 */
describe.skipIf(!postgresReachable)('serve with HEALTH_SYNC_QUEUE', { timeout: 90_000 }, () => {
  it('queues ticks as jobs, from one leader at a time', async () => {
    const queue = freshQueueEnv();
    const storeSchema = `${queue.schema}_store`;
    schemas.push(queue.schema, storeSchema);
    const dir = tempDir();
    const env = parseEnv({
      HEALTH_SYNC_DATABASE_URL: urlWithSchema(storeSchema),
      HEALTH_SYNC_QUEUE: 'pg-boss',
      HEALTH_SYNC_QUEUE_SCHEMA: queue.schema,
      MAPPINGS_DIR: mappingsDir(dir),
      HEALTH_SYNC_DB: join(dir, 'unused.db'),
    });
    const { logger, scrubber } = captureLogger();
    const options = { port: 0, host: '127.0.0.1', schedule: true, shutdownTimeoutMs: 5000 };
    const services: RunningService[] = [];
    const boss = await startBoss(queue, logger, { supervise: false });
    try {
      services.push(await startService(env, logger, scrubber, options));
      await until(() => services[0]!.queue!.leadership.held(), 10_000);
      services.push(await startService(env, logger, scrubber, options));
      const [a, b] = services as [RunningService, RunningService];
      await new Promise((r) => setTimeout(r, 500));
      expect([a.queue!.leadership.held(), b.queue!.leadership.held()]).toEqual([true, false]);

      expect(await b.queue!.tickNow('score')).toBe(0);
      expect(await a.queue!.tickNow('score')).toBe(1);
      // A second tick while the first job waits folds into it (stately queue, one waiting per key).
      expect(await a.queue!.tickNow('score')).toBe(0);
      const jobs = await boss.findJobs(SCORE_QUEUE, {});
      expect(jobs.map((j) => [j.state, j.data])).toEqual([
        ['created', { tenant: 'default', trigger: 'schedule:score' }],
      ]);
      // Nothing ran in process.
      expect(a.control.active()).toBeUndefined();
      expect(await a.store.runs.list({ limit: 5 })).toEqual([]);

      // A run started here (admin API) is refused while a worker runs the tenant (holds its lock).
      const worker = new pg.Client({ connectionString: queue.databaseUrl });
      await worker.connect();
      try {
        expect(await tryLock(worker, tenantLockName(queue.schema, 'default'))).toBe(true);
        await expect(
          a.control.start({ sources: [], scoreOnly: true, full: false, dryRun: false, trigger: 'api:test' }),
        ).rejects.toThrow(RunRefusedError);
      } finally {
        await worker.end();
      }

      await a.shutdown('test');
      services.shift();
      await until(() => b.queue!.leadership.held(), 10_000);
    } finally {
      for (const s of services) await s.shutdown('test');
      await boss.stop({ graceful: false });
    }
  });

  it('without HEALTH_SYNC_QUEUE, serve has no queue (the single-process default)', async () => {
    const dir = tempDir();
    const env = parseEnv({ HEALTH_SYNC_DB: join(dir, 'state.db'), MAPPINGS_DIR: mappingsDir(dir) });
    const { logger, scrubber } = captureLogger();
    const s = await startService(env, logger, scrubber, {
      port: 0,
      host: '127.0.0.1',
      schedule: true,
      shutdownTimeoutMs: 5000,
    });
    try {
      expect(s.queue).toBeUndefined();
    } finally {
      await s.shutdown('test');
    }
  });
});
