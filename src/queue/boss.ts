import { PgBoss } from 'pg-boss';
import type { QueueEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SCORE_QUEUE, SYNC_QUEUE } from './names.ts';

/**
 * Retries: a failed or abandoned run is tried again after 10 s, 20 s, 40 s… (with jitter, at most
 * 10 min), five times. A worker that stops sending heartbeats (SIGKILL, a lost machine) for
 * `heartbeatSeconds` has its job failed by pg-boss's monitor, which then retries it on another
 * worker: the lease. No expiry bound on a healthy run: a first sync of a large book takes hours.
 */
const QUEUE_OPTIONS = {
  policy: 'stately',
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  retryDelayMax: 600,
  // pg-boss's maximum; the heartbeat, not this, notices a dead worker.
  expireInSeconds: 24 * 60 * 60,
  deleteAfterSeconds: 7 * 24 * 60 * 60,
} as const;

/** Starts pg-boss on the queue's schema (installed or migrated on first start) with both queues. */
export async function startBoss(
  queue: QueueEnv,
  logger: Logger,
  opts: { supervise?: boolean } = {},
): Promise<PgBoss> {
  // The monitor that fails silent jobs runs this often: well inside the heartbeat.
  const monitor = Math.max(1, Math.min(60, Math.floor(queue.heartbeatSeconds / 2)));
  const boss = new PgBoss({
    connectionString: queue.databaseUrl,
    schema: queue.schema,
    application_name: 'health-sync',
    max: 4,
    supervise: opts.supervise ?? true,
    superviseIntervalSeconds: monitor,
    monitorIntervalSeconds: monitor,
  });
  boss.on('error', (err: unknown) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of [SYNC_QUEUE, SCORE_QUEUE])
    if (!(await boss.getQueue(name)))
      await boss
        .createQueue(name, { ...QUEUE_OPTIONS, heartbeatSeconds: queue.heartbeatSeconds })
        // Another process created it between our look and our create.
        .catch(async (err: unknown) => {
          if (!(await boss.getQueue(name))) throw err;
        });
  return boss;
}
