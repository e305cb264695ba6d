import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { createLogger } from '../../../src/log/logger.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';
import { startBoss } from '../../../src/queue/boss.ts';
import type { QueueEnv } from '../../../src/config/env.ts';
import { TEST_DATABASE_URL, postgresReachable } from '../../store/contract/stores.ts';

/** The queue suites run on the test server (skipped with one printed reason when none answers). */
export { TEST_DATABASE_URL, postgresReachable };

/** A queue in a schema of its own (pg-boss's tables, our locks' names and rate budgets). */
export function freshQueueEnv(heartbeatSeconds = 10): QueueEnv {
  return {
    enabled: true,
    databaseUrl: TEST_DATABASE_URL,
    schema: `hs_queue_${randomBytes(5).toString('hex')}`,
    heartbeatSeconds,
  };
}

/** The test database with every unqualified table in `schema` (the store's own schema). */
export function urlWithSchema(schema: string): string {
  const u = new URL(TEST_DATABASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A world's environment on Postgres with a queue: the store in a fresh schema, the queue in another
 * (both pushed to `schemas` for dropping), a 10 s heartbeat (the lease a killed worker's job waits out).
 */
export function queueWorldEnv(
  w: { env: (dir: undefined, extra: Record<string, string>) => Record<string, string> },
  schemas: string[],
): { queue: QueueEnv; storeUrl: string; env: Record<string, string> } {
  const queue = freshQueueEnv(10);
  const storeSchema = `hs_store_${randomBytes(5).toString('hex')}`;
  schemas.push(queue.schema, storeSchema);
  const storeUrl = urlWithSchema(storeSchema);
  const env = w.env(undefined, {
    HEALTH_SYNC_DATABASE_URL: storeUrl,
    HEALTH_SYNC_QUEUE_SCHEMA: queue.schema,
    HEALTH_SYNC_QUEUE_HEARTBEAT_SECONDS: '10',
  });
  return { queue, storeUrl, env };
}

/** pg-boss on the test's queue, silent and unsupervised: the test only queues and reads jobs. */
export const testBoss = (queue: QueueEnv): Promise<PgBoss> =>
  startBoss(queue, createLogger({ level: 'silent', scrubber: new SecretScrubber() }), { supervise: false });
