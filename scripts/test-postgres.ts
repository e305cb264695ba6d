/**
 * `npm run test:postgres`: the end-to-end suite once with the Postgres store. A fresh database is
 * created on the server (`HEALTH_SYNC_TEST_DATABASE_URL`, default the local one this project's
 * machines and CI run), the suite runs with `HEALTH_SYNC_DATABASE_URL` pointing at it (each scenario
 * in its own schemas, see tests/e2e/support/sandbox.ts), and the database is dropped after. Extra
 * arguments go to vitest (e.g. a file of tests/e2e).
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const server = process.env['HEALTH_SYNC_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `health_sync_e2e_${process.pid}`;

const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

await admin(`CREATE DATABASE ${database}`);
const url = new URL(server);
url.pathname = `/${database}`;
let status: number | null;
try {
  console.log(`\n=== e2e suite on Postgres (database ${database}) ===`);
  const args = process.argv.slice(2);
  status = spawnSync('npx', ['vitest', 'run', ...(args.length ? args : ['tests/e2e'])], {
    stdio: 'inherit',
    env: { ...process.env, HEALTH_SYNC_DATABASE_URL: url.toString() },
  }).status;
} finally {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
process.exit(status ?? 1);
