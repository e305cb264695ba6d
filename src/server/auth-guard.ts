import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { createAuthFailureAudit } from './auth-failure-audit.ts';
import { createAuthFailureLimit } from './auth-limit.ts';
import type { Clock } from './deps.ts';

/** The default of ADMIN_AUTH_FAILURE_LIMIT: failed authentications per client address and minute. */
export const DEFAULT_AUTH_FAILURE_LIMIT = 20;

/**
 * What the admin API does about failed authentications: counts them per client address (see
 * clientKey), refuses a client over its limit with 429 before looking at its token, and audits them
 * as one row per client and minute rather than one per request.
 */
export interface AuthGuard {
  /** Seconds the client must wait (its request is then refused and counted), or undefined. */
  refuse(client: string, route: string): Promise<number | undefined>;
  /** Counts a 401. */
  failed(client: string, route: string): Promise<void>;
  /** Writes the audit rows of the minutes that are over (`all`: every row, at shutdown). */
  flush(all?: boolean): Promise<void>;
}

export function createAuthGuard(deps: {
  store: Pick<Store, 'audit'>;
  clock: Clock;
  logger?: Logger;
  /** Failures per client and minute; 0 turns the limit off (failures are still audited). */
  limit?: number;
}): AuthGuard {
  const limit = createAuthFailureLimit({ limit: deps.limit ?? DEFAULT_AUTH_FAILURE_LIMIT });
  const audit = createAuthFailureAudit(deps.store, deps.logger ? { logger: deps.logger } : {});
  return {
    async refuse(client, route) {
      const now = deps.clock.now();
      const wait = limit.retryAfter(client, now);
      if (wait !== undefined) await audit.record(client, route, 'limited', now);
      return wait;
    },
    async failed(client, route) {
      const now = deps.clock.now();
      limit.fail(client, now);
      await audit.record(client, route, 'unauthorized', now);
    },
    flush: (all = false) => audit.flush(deps.clock.now(), all),
  };
}
