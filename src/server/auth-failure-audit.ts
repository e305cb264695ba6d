import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';

/** What one row of failed authentications counts. */
interface Tally {
  minute: number;
  first: number;
  last: number;
  /** 401s: no token, or an unknown one. */
  failures: number;
  /** 429s: refused unread while over the limit. */
  limited: number;
  /** By route (its audit action or method and path template): a bounded set of keys. */
  routes: Record<string, number>;
}

export interface AuthFailureAudit {
  record(client: string, route: string, outcome: 'unauthorized' | 'limited', now: number): Promise<void>;
  /** Writes the rows of the minutes that are over; with `all`, the current minute's too. Never rejects. */
  flush(now: number, all?: boolean): Promise<void>;
}

const MINUTE = 60_000;
/** Clients past this many in one minute share one row. */
const OTHERS = 'others';

/**
 * Failed authentications go to the audit log as one row per client address and minute, with counts:
 * never a row per request, and never the raw path (a client can send 500 requests with 15,000-byte
 * paths a second). A minute's rows are written when it is over (at the next failure, at the next
 * `flush`, at shutdown), so at most `maxClients + 1` rows are written per minute.
 */
export function createAuthFailureAudit(
  store: Pick<Store, 'audit'>,
  options: { maxClients?: number; logger?: Logger } = {},
): AuthFailureAudit {
  const maxClients = options.maxClients ?? 100;
  // In the order they were opened: oldest minute first.
  const open = new Map<string, Tally>();

  const write = async (client: string, tally: Tally): Promise<void> => {
    options.logger?.warn(
      { client, failures: tally.failures, limited: tally.limited },
      `failed admin API authentications from ${client}: ${tally.failures}${tally.limited ? ` (and ${tally.limited} refused with 429)` : ''}`,
    );
    try {
      await store.audit.append({
        at: tally.last,
        actor: 'anonymous',
        action: 'auth.failed',
        target: null,
        beforeDigest: null,
        afterDigest: null,
        detail: {
          client,
          minute: new Date(tally.minute).toISOString(),
          first: tally.first,
          last: tally.last,
          failures: tally.failures,
          limited: tally.limited,
          routes: tally.routes,
        },
      });
    } catch (err) {
      options.logger?.error({ err, client }, 'cannot write the audit log');
    }
  };

  /**
   * Takes the rows that are due out of `open` at once (a failure counted meanwhile opens a new row),
   * then writes them.
   */
  const flush = async (now: number, all = false): Promise<void> => {
    const minute = Math.floor(now / MINUTE) * MINUTE;
    const due: [string, Tally][] = [];
    for (const [client, tally] of open) {
      if (!all && tally.minute >= minute) break;
      due.push([client, tally]);
    }
    for (const [client] of due) open.delete(client);
    for (const [client, tally] of due) await write(client, tally);
  };

  return {
    async record(client, route, outcome, now) {
      const written = flush(now);
      const minute = Math.floor(now / MINUTE) * MINUTE;
      const key = open.has(client) || open.size < maxClients ? client : OTHERS;
      let tally = open.get(key);
      if (!tally) {
        tally = { minute, first: now, last: now, failures: 0, limited: 0, routes: {} };
        open.set(key, tally);
      }
      tally.last = now;
      if (outcome === 'limited') tally.limited++;
      else tally.failures++;
      tally.routes[route] = (tally.routes[route] ?? 0) + 1;
      await written;
    },
    flush,
  };
}
