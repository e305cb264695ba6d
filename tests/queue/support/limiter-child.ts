/**
 * One "worker" of the shared rate-limit test, as a process of its own: it draws `count` requests from
 * the tenant's Zendesk incremental budget kept in Postgres (the documented 10 a minute) and sends each
 * to the sandbox's incremental export. Prints one JSON line: the statuses it got.
 * argv: databaseUrl schema tenant zendeskBaseUrl authHeader count
 */
import pg from 'pg';
import { createPgRateLimiter } from '../../../src/queue/pg-rate-limiter.ts';
import { systemClock } from '../../../src/http/sleep.ts';
import { ZENDESK_LIMITS } from '../../../connectors/zendesk/limits.ts';

const [url, schema, tenant, base, auth, count] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const pool = new pg.Pool({ connectionString: url, max: 2 });
const limiter = createPgRateLimiter(
  { pool, schema, clock: systemClock },
  `${tenant}:zendesk:incremental`,
  ZENDESK_LIMITS['incremental']!,
);
const statuses: number[] = [];
for (let i = 0; i < Number(count); i++) {
  await limiter.acquire();
  const r = await fetch(`${base}/api/v2/incremental/organizations.json?start_time=0`, {
    headers: { authorization: auth },
  });
  await r.arrayBuffer();
  statuses.push(r.status);
}
await pool.end();
console.log(JSON.stringify({ statuses }));
