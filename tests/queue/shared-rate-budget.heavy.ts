import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateRateBudgets } from '../../src/queue/pg-rate-limiter.ts';
import { startSandbox } from '../../src/sandbox/start.ts';
import { TEST_DAY, TEST_NOW } from '../support/test-clock.ts';
import { dropSchemas, freshQueueEnv, postgresReachable } from './support/postgres.ts';

const CHILD = fileURLToPath(new URL('./support/limiter-child.ts', import.meta.url));
const WINDOW_MS = 60_000;

function child(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The most request starts within any `windowMs` (each start opens a window). */
export function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

const schemas: string[] = [];
afterAll(async () => {
  if (postgresReachable) await dropSchemas(...schemas);
});

/**
 * Issue 21: a tenant's vendor limit is shared by every worker that calls it. Four processes, each
 * with its own limiter on the tenant's Zendesk incremental budget (10 a minute) kept in Postgres, send
 * 16 requests to a sandbox that enforces and counts the limit: none is refused, and no minute holds
 * more than 10. Four in-process limiters would have sent all 16 at once (six 429s).
 */
describe.skipIf(!postgresReachable)('a rate budget shared through Postgres', { timeout: 180_000 }, () => {
  it('4 processes on one tenant never exceed its Zendesk incremental limit', async () => {
    const queue = freshQueueEnv();
    schemas.push(queue.schema);
    const pool = new pg.Pool({ connectionString: queue.databaseUrl, max: 1 });
    await migrateRateBudgets(pool, queue.schema);
    await pool.end();
    const sandbox = await startSandbox({ now: TEST_DAY, clockAt: TEST_NOW, seed: 11, accounts: 50 });
    try {
      const ctx = sandbox.sims.zendesk.ctx;
      const starts: number[] = [];
      const refused: number[] = [];
      const take = ctx.limiter.take.bind(ctx.limiter);
      ctx.limiter.take = (key, limit, windowMs) => {
        const r = take(key, limit, windowMs);
        if (key === 'incremental') (r.allowed ? starts : refused).push(Date.now());
        return r;
      };
      const { ZENDESK_EMAIL: email, ZENDESK_API_TOKEN: token } = sandbox.env;
      const auth = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
      const began = Date.now();
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          child([queue.databaseUrl, queue.schema, 'tenant-a', sandbox.urls.zendesk, auth, '4']),
        ),
      );
      const took = Date.now() - began;
      for (const r of results) expect([r.code, r.stderr]).toEqual([0, '']);
      const statuses = results.flatMap((r) => (JSON.parse(r.stdout) as { statuses: number[] }).statuses);
      const max = maxInWindow(starts, WINDOW_MS);
      console.log(
        `shared budget: ${starts.length} requests from 4 processes in ${(took / 1000).toFixed(1)} s; ` +
          `max ${max} in any ${WINDOW_MS / 1000} s window (limit 10); ${refused.length} refused`,
      );
      expect(statuses).toEqual(Array(16).fill(200));
      expect(refused).toEqual([]);
      expect(starts.length).toBe(16);
      expect(max).toBe(10);
      // The 11th request waited for the first one's window (+ margin) to pass.
      expect(took).toBeGreaterThanOrEqual(WINDOW_MS);
    } finally {
      await sandbox.close();
    }
  });

  it('maxInWindow counts starts within a window', () => {
    expect(maxInWindow([0, 10, 59_999, 60_000, 60_010], 60_000)).toBe(3);
    expect(maxInWindow([], 60_000)).toBe(0);
  });
});
