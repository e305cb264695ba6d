import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { tryLock } from './advisory-lock.ts';

export interface Leadership {
  /** Does this process hold the lock now? */
  held(): boolean;
  stop(): Promise<void>;
}

/**
 * Leader election by a session advisory lock on a connection of its own: whoever holds it schedules.
 * The others try again every `retryMs`; the holder checks its connection as often, and Postgres frees
 * the lock when a leader's connection ends (a killed `serve`), so another takes over within `retryMs`.
 */
export function startLeadership(url: string, lockName: string, logger: Logger, retryMs = 5_000): Leadership {
  let client: pg.Client | undefined;
  let leader = false;
  let stopped = false;
  let busy = false;

  const drop = (why: string): void => {
    if (leader) logger.warn({ why }, 'no longer the scheduling leader');
    leader = false;
    const c = client;
    client = undefined;
    void c?.end().catch(() => undefined);
  };

  const step = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url, application_name: 'health-sync leader' });
        c.on('error', (err) => drop(err.message));
        await c.connect();
        client = c;
      }
      if (leader) await client.query('SELECT 1');
      else if (await tryLock(client, lockName)) {
        leader = true;
        logger.info('this serve is the scheduling leader: it queues the scheduled jobs');
      }
    } catch (err) {
      drop(err instanceof Error ? err.message : String(err));
    } finally {
      busy = false;
    }
  };

  void step();
  const timer = setInterval(() => void step(), retryMs);
  timer.unref();
  return {
    held: () => leader && !stopped,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const c = client;
      client = undefined;
      leader = false;
      await c?.end().catch(() => undefined);
    },
  };
}
