import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
