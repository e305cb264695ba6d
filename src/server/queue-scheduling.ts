import type { PgBoss } from 'pg-boss';
import type { AppEnv, QueueEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { startBoss } from '../queue/boss.ts';
import { startLeadership, type Leadership } from '../queue/leader.ts';
import { leaderLockName } from '../queue/names.ts';
import { createQueueScheduler } from '../queue/queue-scheduler.ts';
import { singleTenant } from '../queue/single-tenant.ts';
import type { SourceName } from '../sources.ts';
import type { Scheduler } from './scheduler.ts';

export interface QueueScheduling {
  boss: PgBoss;
  leadership: Leadership;
  scheduler: Scheduler;
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
  const tenants = [singleTenant(env).id];
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
    tickNow: (job) => q.tick(job),
    async stop() {
      q.stop();
      await leadership.stop();
      await boss.stop({ graceful: false });
    },
  };
}
