import type { PgBoss } from 'pg-boss';
import { SYNC_QUEUE } from '../../../src/queue/names.ts';

/**
 * A sync job once it is completed or failed for good, polled every 0.5 s until `until` (epoch ms).
 * A poll that fails (the server restarting under the test) counts as not settled yet.
 */
export async function settled(boss: PgBoss, id: string, until: number) {
  for (;;) {
    const job = await boss.getJobById(SYNC_QUEUE, id).catch(() => undefined);
    if (job && (job.state === 'completed' || job.state === 'failed')) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job?.state ?? 'unknown'}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
