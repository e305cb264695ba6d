import type pg from 'pg';
import type { LimiterKey, LimiterProvider, RateLimiter } from '../http/rate-limiter.ts';
import type { Clock } from '../http/sleep.ts';
import type { LimiterConfig } from '../http/types.ts';
import { budgetLockName } from './names.ts';

/**
 * A tenant's vendor budgets kept in Postgres, shared by every worker on every machine: the same
 * sliding window as src/http/rate-limiter.ts (at most `limit` request starts in any window + margin),
 * but the starts are rows, and each acquire is one transaction under an advisory lock on its budget,
 * so two workers can never both take the last slot. Times are the database's (clock_timestamp()):
 * the machines' clocks may disagree, the one server's does not.
 */
export async function migrateRateBudgets(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".hs_rate_starts (
      budget text NOT NULL,
      started_at timestamptz NOT NULL
    )`);
  await pool.query(
    `CREATE INDEX IF NOT EXISTS hs_rate_starts_budget ON "${schema}".hs_rate_starts (budget, started_at)`,
  );
  await pool.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".hs_rate_pauses (
      budget text PRIMARY KEY,
      paused_until timestamptz NOT NULL
    )`);
}

interface Turn {
  /** Started: the slot is ours. Otherwise wait this long (ms) and ask again. */
  waitMs: number;
  why: 'limit' | 'paused';
  started: boolean;
  pausedUntil: number;
}

async function takeTurn(pool: pg.Pool, schema: string, budget: string, config: LimiterConfig): Promise<Turn> {
  const windowMs = config.windowMs + (config.marginMs ?? 0);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      budgetLockName(schema, budget),
    ]);
    // Starts older than the window no longer count: drop them, then count the rest.
    await client.query(
      `DELETE FROM "${schema}".hs_rate_starts
        WHERE budget = $1 AND started_at <= clock_timestamp() - $2 * interval '1 millisecond'`,
      [budget, windowMs],
    );
    const { rows } = await client.query<{
      now: number;
      paused: number | null;
      n: number;
      oldest: number | null;
    }>(
      `SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now,
              (SELECT extract(epoch FROM paused_until) * 1000 FROM "${schema}".hs_rate_pauses WHERE budget = $1) AS paused,
              count(*)::int AS n,
              extract(epoch FROM min(started_at)) * 1000 AS oldest
         FROM "${schema}".hs_rate_starts WHERE budget = $1`,
      [budget],
    );
    const r = rows[0]!;
    const [now, paused, n] = [Number(r.now), r.paused === null ? 0 : Number(r.paused), r.n];
    let turn: Turn;
    if (paused > now) turn = { started: false, waitMs: paused - now, why: 'paused', pausedUntil: paused };
    else if (n < config.limit) {
      await client.query(
        `INSERT INTO "${schema}".hs_rate_starts (budget, started_at) VALUES ($1, clock_timestamp())`,
        [budget],
      );
      turn = { started: true, waitMs: 0, why: 'limit', pausedUntil: paused };
    } else {
      const oldest = Number(r.oldest ?? now);
      turn = {
        started: false,
        waitMs: Math.max(1, oldest + windowMs - now),
        why: 'limit',
        pausedUntil: paused,
      };
    }
    await client.query('COMMIT');
    return turn;
  } catch (err) {
    broken = err instanceof Error ? err : new Error(String(err));
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release(broken);
  }
}

/** One shared budget as a `RateLimiter` (the interface the HTTP client draws from). */
export function createPgRateLimiter(
  deps: { pool: pg.Pool; schema: string; clock: Clock; onError?: (err: unknown) => void },
  budget: string,
  config: LimiterConfig,
): RateLimiter {
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  async function turn(
    signal?: AbortSignal,
    onWait?: (ms: number, why: 'limit' | 'paused') => void,
  ): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const t = await takeTurn(deps.pool, deps.schema, budget, config);
      // The database's pause is the one every worker keeps; ours is only a report of it.
      pausedUntil = Math.max(pausedUntil, deps.clock.now() + (t.why === 'paused' ? t.waitMs : 0));
      if (t.started) return;
      onWait?.(t.waitMs, t.why);
      await deps.clock.sleep(t.waitMs, signal);
    }
  }

  return {
    acquire(signal, onWait) {
      // Callers of one process are served in order, as by the in-process limiter.
      const mine = queue.then(() => turn(signal, onWait));
      queue = mine.catch(() => undefined);
      return mine;
    },
    pauseFor(ms) {
      const now = deps.clock.now();
      const until = Math.max(pausedUntil, now + Math.max(0, ms));
      const added = until - Math.max(pausedUntil, now);
      pausedUntil = until;
      // Every worker of this tenant holds off too (a 429's Retry-After is the vendor's, not ours).
      deps.pool
        .query(
          `INSERT INTO "${deps.schema}".hs_rate_pauses (budget, paused_until)
           VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
           ON CONFLICT (budget) DO UPDATE SET paused_until = GREATEST(hs_rate_pauses.paused_until, EXCLUDED.paused_until)`,
          [budget, Math.max(0, ms)],
        )
        .catch((err: unknown) => deps.onError?.(err));
      return added;
    },
    get pausedUntil() {
      return pausedUntil;
    },
    config,
  };
}

/**
 * The provider a worker installs (src/http's `sharedLimiters`) while it runs one tenant's job: every
 * limited bucket of that tenant becomes a shared budget named tenant:source:bucket. Unlimited buckets
 * stay in-process (nothing to share but a 429's pause, which each client learns on its own).
 */
export function tenantLimiters(
  deps: { pool: pg.Pool; schema: string; onError?: (err: unknown) => void },
  tenant: string,
): LimiterProvider {
  return (key: LimiterKey, config, clock) =>
    config
      ? createPgRateLimiter({ ...deps, clock }, `${tenant}:${key.source}:${key.bucket}`, config)
      : undefined;
}
