import type { PgBoss } from 'pg-boss';
import type { SourceName } from '../sources.ts';
import { SCORE_QUEUE, SYNC_QUEUE, scoreKey, syncKey } from './names.ts';
import { ScoreJobData, SyncJobData } from './types.ts';

/**
 * Queues one sync job; returns its id, or null when the tenant already has one waiting for these
 * sources (the `stately` policy: the waiting one will read everything new when it runs).
 */
export async function enqueueSync(
  boss: PgBoss,
  job: { tenant: string; sources: SourceName[]; full?: boolean; trigger: string },
): Promise<string | null> {
  const data = SyncJobData.parse(job);
  return boss.send(SYNC_QUEUE, data, { singletonKey: syncKey(data.tenant, job.sources) });
}

/** Queues one score job for a tenant (null: one is waiting already). */
export async function enqueueScore(
  boss: PgBoss,
  job: { tenant: string; trigger: string },
): Promise<string | null> {
  const data = ScoreJobData.parse(job);
  return boss.send(SCORE_QUEUE, data, { singletonKey: scoreKey(data.tenant) });
}
