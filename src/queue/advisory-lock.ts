import type pg from 'pg';
import { sleep } from '../http/sleep.ts';

/**
 * Session advisory locks. Postgres releases one when its connection ends, so a worker or a `serve`
 * killed with SIGKILL never leaves a lock behind: the next holder gets it as soon as the server sees
 * the connection gone.
 */
const LOCK_SQL = 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got';
const UNLOCK_SQL = 'SELECT pg_advisory_unlock(hashtextextended($1, 0))';

export async function tryLock(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query<{ got: boolean }>(LOCK_SQL, [name]);
  return rows[0]?.got === true;
}

export async function unlock(client: pg.ClientBase, name: string): Promise<void> {
  await client.query(UNLOCK_SQL, [name]);
}

/**
 * Runs `body` holding the lock `name` on a connection of its own from `pool`, waiting for it (polled,
 * so that `signal` can end the wait) while another process holds it.
 */
export async function withLock<T>(
  pool: pg.Pool,
  name: string,
  opts: { signal?: AbortSignal; pollMs?: number; onWait?: () => void },
  body: () => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A connection lost while the body runs loses the lock too: say so rather than crash the process.
  const onError = (): void => undefined;
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    let told = false;
    while (!(await tryLock(client, name))) {
      if (!told) opts.onWait?.();
      told = true;
      await sleep(opts.pollMs ?? 1_000, opts.signal);
    }
    try {
      return await body();
    } finally {
      await unlock(client, name).catch((err: unknown) => {
        broken = err instanceof Error ? err : new Error(String(err));
      });
    }
  } finally {
    client.off('error', onError);
    // A connection whose unlock failed is not reused: ending it releases whatever it still holds.
    client.release(broken);
  }
}
