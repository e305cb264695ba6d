import type { PgBoss } from 'pg-boss';
import type { Logger } from '../log/logger.ts';
import { SCORE_QUEUE, SYNC_QUEUE } from './names.ts';
import { runJob, type JobOutcome, type RunJobDeps } from './run-job.ts';
import { ScoreJobData, SyncJobData } from './types.ts';

export interface QueueWorker {
  /**
   * Takes no new job and resolves when the current ones have ended (SIGTERM). With `abort`, the
   * current runs stop after their page too and their jobs are failed, to be retried elsewhere.
   */
  stop(opts?: { abort?: boolean; timeoutMs?: number }): Promise<void>;
}

/** Processes sync and score jobs until stopped; `concurrency` jobs at a time (of different tenants). */
export async function startQueueWorker(
  boss: PgBoss,
  deps: RunJobDeps & { logger: Logger },
  opts: { concurrency?: number; pollingIntervalSeconds?: number } = {},
): Promise<QueueWorker> {
  const aborter = new AbortController();
  const work = {
    localConcurrency: opts.concurrency ?? 1,
    batchSize: 1,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
  };
  const handle = async (
    job: { kind: 'sync'; data: SyncJobData } | { kind: 'score'; data: ScoreJobData },
    id: string,
    retryCount: number,
    signal: AbortSignal,
  ): Promise<JobOutcome> => {
    deps.logger.info(
      { jobId: id, tenant: job.data.tenant, kind: job.kind, attempt: retryCount + 1 },
      'job started',
    );
    return runJob(deps, job, AbortSignal.any([signal, aborter.signal]));
  };
  await boss.work<unknown>(SYNC_QUEUE, work, async ([job]) =>
    job
      ? handle({ kind: 'sync', data: SyncJobData.parse(job.data) }, job.id, job.retryCount, job.signal)
      : undefined,
  );
  await boss.work<unknown>(SCORE_QUEUE, work, async ([job]) =>
    job
      ? handle({ kind: 'score', data: ScoreJobData.parse(job.data) }, job.id, job.retryCount, job.signal)
      : undefined,
  );
  deps.logger.info({ concurrency: work.localConcurrency }, 'worker waiting for jobs');
  return {
    async stop({ abort = false, timeoutMs = 30 * 60_000 } = {}) {
      if (abort) aborter.abort(new Error('the worker is stopping'));
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },
  };
}
