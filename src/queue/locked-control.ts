import type pg from 'pg';
import { RunRefusedError, type RunControl } from '../sync/single-flight.ts';
import { tryLock, unlock } from './advisory-lock.ts';

/**
 * `serve`'s run control when workers share the tenant: a run started through the admin API holds
 * the tenant's advisory lock, as a worker's does, so it never overlaps a worker's run of the same
 * tenant. When a worker holds it, the API answers as for a run in progress here (409).
 */
export function lockedRunControl(inner: RunControl, pool: pg.Pool, lockName: string): RunControl {
  return {
    ...inner,
    async start(options) {
      const client = await pool.connect();
      let got: boolean;
      try {
        got = await tryLock(client, lockName);
      } catch (err) {
        client.release(err instanceof Error ? err : true);
        throw err;
      }
      if (!got) {
        client.release();
        throw new RunRefusedError('busy');
      }
      const release = async (): Promise<void> => {
        try {
          await unlock(client, lockName);
          client.release();
        } catch (err) {
          // Ending the connection frees the lock.
          client.release(err instanceof Error ? err : true);
        }
      };
      try {
        const started = await inner.start(options);
        void started.done.then(release);
        return started;
      } catch (err) {
        await release();
        throw err;
      }
    },
  };
}
