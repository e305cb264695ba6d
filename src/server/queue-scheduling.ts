import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import type { AppEnv, QueueEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { startBoss } from '../queue/boss.ts';
import { startLeadership, type Leadership } from '../queue/leader.ts';
import { lockedRunControl } from '../queue/locked-control.ts';
import { leaderLockName, tenantLockName } from '../queue/names.ts';
import { createQueueScheduler } from '../queue/queue-scheduler.ts';
import { singleTenant } from '../queue/single-tenant.ts';
import type { SourceName } from '../sources.ts';
import type { RunControl } from '../sync/single-flight.ts';
import type { Scheduler } from './scheduler.ts';

export interface QueueScheduling {
  boss: PgBoss;
  leadership: Leadership;
  scheduler: Scheduler;
  /** Runs started here (admin API) hold the tenant's lock, as workers' runs do. */
  lockControl(control: RunControl): RunControl;
  /** Queues the jobs of one tick now (leader only), e.g. for a test; resolves with how many. */
  tickNow(job: SourceName | 'score'): Promise<number>;
  stop(): Promise<void>;
}

/**
 * `serve` with HEALTH_SYNC_QUEUE: pg-boss for the queue and an advisory-lock leadership, so that of
 * several `serve` instances one queues the scheduled jobs. The tenants are this environment's one
 * tenant until src/tenants supplies the list.
 */
export async function startQueueScheduling(
  env: AppEnv,
  queue: QueueEnv,
  logger: Logger,
  configured: readonly SourceName[],
): Promise<QueueScheduling> {
  const boss = await startBoss(queue, logger);
  const leadership = startLeadership(queue.databaseUrl, leaderLockName(queue.schema), logger);
  const tenant = singleTenant(env).id;
  const tenants = [tenant];
  const pool = new pg.Pool({ connectionString: queue.databaseUrl, max: 2 });
  pool.on('error', (err) => logger.warn({ err }, 'queue database connection lost'));
  const q = createQueueScheduler({ boss, leadership, tenants: () => tenants, configured, logger });
  const scheduler: Scheduler = {
    apply: (schedule) => q.apply(schedule),
    tick: (job) =>
      void q.tick(job).catch((err: unknown) => logger.error({ err, job }, 'could not queue the job')),
    jobs: () => q.jobs(),
    stop: () => q.stop(),
  };
  return {
    boss,
    leadership,
    scheduler,
    lockControl: (control) => lockedRunControl(control, pool, tenantLockName(queue.schema, tenant)),
    tickNow: (job) => q.tick(job),
    async stop() {
      q.stop();
      await leadership.stop();
      await boss.stop({ graceful: false });
      await pool.end();
    },
  };
}
