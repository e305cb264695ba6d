import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import type { QueueEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { startBoss } from '../queue/boss.ts';
import { startLeadership, type Leadership } from '../queue/leader.ts';
import { lockedRunControl } from '../queue/locked-control.ts';
import { leaderLockName, tenantLockName } from '../queue/names.ts';
import { createQueueScheduler } from '../queue/queue-scheduler.ts';
import type { SourceName } from '../sources.ts';
import type { RunControl } from '../sync/single-flight.ts';
import type { Scheduler } from './scheduler.ts';

/** What one tenant's service gets from the queue: a scheduler that queues, and a locked run control. */
export interface TenantQueue {
  scheduler: Scheduler;
  /** Runs started here (admin API) hold the tenant's lock, as workers' runs do. */
  lockControl(control: RunControl): RunControl;
}

export interface QueueScheduling {
  boss: PgBoss;
  leadership: Leadership;
  forTenant(tenant: string, configured: readonly SourceName[]): TenantQueue;
  /** Queues the jobs of one tick of every tenant now (leader only), e.g. for a test; resolves with how many. */
  tickNow(job: SourceName | 'score'): Promise<number>;
  stop(): Promise<void>;
}

/**
 * `serve` with HEALTH_SYNC_QUEUE: pg-boss for the queue and an advisory-lock leadership, so that of
 * several `serve` instances one queues the scheduled jobs. Each tenant's schedule queues that
 * tenant's jobs.
 */
export async function startQueueScheduling(queue: QueueEnv, logger: Logger): Promise<QueueScheduling> {
  const boss = await startBoss(queue, logger);
  const leadership = startLeadership(queue.databaseUrl, leaderLockName(queue.schema), logger);
  const pool = new pg.Pool({ connectionString: queue.databaseUrl, max: 2 });
  pool.on('error', (err) => logger.warn({ err }, 'queue database connection lost'));
  const schedulers: ReturnType<typeof createQueueScheduler>[] = [];
  return {
    boss,
    leadership,
    forTenant(tenant, configured) {
      const q = createQueueScheduler({ boss, leadership, tenants: () => [tenant], configured, logger });
      schedulers.push(q);
      return {
        scheduler: {
          apply: (schedule) => q.apply(schedule),
          tick: (job) =>
            void q.tick(job).catch((err: unknown) => logger.error({ err, job }, 'could not queue the job')),
          jobs: () => q.jobs(),
          stop: () => q.stop(),
        },
        lockControl: (control) => lockedRunControl(control, pool, tenantLockName(queue.schema, tenant)),
      };
    },
    async tickNow(job) {
      let queued = 0;
      for (const q of schedulers) queued += await q.tick(job);
      return queued;
    },
    async stop() {
      for (const q of schedulers) q.stop();
      await leadership.stop();
      await boss.stop({ graceful: false });
      await pool.end();
    },
  };
}
