import { Cron } from 'croner';
import type { PgBoss } from 'pg-boss';
import { type ScheduleMapping, type ScheduledJobName, scheduledJobs } from '../config/mappings/schedule.ts';
import type { Logger } from '../log/logger.ts';
import type { SourceName } from '../sources.ts';
import { enqueueScore, enqueueSync } from './enqueue.ts';
import type { Leadership } from './leader.ts';

export type QueueJobName = ScheduledJobName;

export interface QueueSchedulerDeps {
  boss: PgBoss;
  leadership: Leadership;
  /** The tenants to schedule, read at each tick. */
  tenants: () => readonly string[];
  /** Sources with credentials (of the tenant's environment); the others are never scheduled. */
  configured: readonly SourceName[];
  logger: Logger;
}

/**
 * `serve`'s scheduler when a queue is configured: the same schedule.yaml crons, but a tick queues one
 * job per tenant (a sync job for its source, or a score job) for the workers instead of running it
 * here. Every `serve` keeps the crons; only the leader's ticks queue anything, so two instances never
 * queue a tick twice. The `stately` queues fold a tick into a job that is still waiting.
 */
export function createQueueScheduler(deps: QueueSchedulerDeps): {
  apply(schedule: ScheduleMapping): void;
  tick(job: QueueJobName): Promise<number>;
  jobs(): { name: QueueJobName; cron: string; next: Date | null }[];
  stop(): void;
} {
  let crons: { name: QueueJobName; cron: Cron }[] = [];
  let stopped = false;

  const tick = async (job: QueueJobName): Promise<number> => {
    if (stopped || !deps.leadership.held()) return 0;
    let queued = 0;
    for (const tenant of deps.tenants()) {
      const trigger = `schedule:${job}`;
      const id =
        job === 'score'
          ? await enqueueScore(deps.boss, { tenant, trigger })
          : await enqueueSync(deps.boss, { tenant, sources: [job], trigger });
      if (id) queued++;
    }
    deps.logger.info({ job, queued }, `scheduled ${job}: ${queued} job(s) queued`);
    return queued;
  };

  const stopCrons = (): void => {
    for (const c of crons) c.cron.stop();
    crons = [];
  };

  return {
    apply(next) {
      stopCrons();
      if (stopped) return;
      for (const job of scheduledJobs(next, deps.configured).jobs) {
        const cron = new Cron(job.cron, { timezone: next.timezone }, () => {
          tick(job.name).catch((err: unknown) =>
            deps.logger.error({ err, job: job.name }, 'could not queue the job'),
          );
        });
        crons.push({ name: job.name, cron });
      }
      deps.logger.info(
        { jobs: crons.map((c) => ({ job: c.name, next: c.cron.nextRun()?.toISOString() })) },
        'schedule applied: ticks queue jobs for the workers',
      );
    },
    tick,
    jobs: () => crons.map((c) => ({ name: c.name, cron: c.cron.getPattern() ?? '', next: c.cron.nextRun() })),
    stop() {
      stopped = true;
      stopCrons();
    },
  };
}
