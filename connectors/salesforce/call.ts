import { AsyncLocalStorage } from 'node:async_hooks';
import { networkCode, retryCall } from '../../src/http/index.ts';
import type { SalesforceSession } from './auth.ts';

/** The last response that failed within one attempt of a call (jsforce's errors lose the status). */
interface AttemptResponses {
  failed?: { status: number; headers: Record<string, string> };
}

const attemptScope = new AsyncLocalStorage<AttemptResponses>();

/**
 * For the metered transport, as a request is sent: where to note its response if it fails. The note
 * goes to the attempt in whose async context the request was made, so concurrent calls do not mix.
 */
export function failedResponseNote(): (status: number, headers: Record<string, string>) => void {
  const scope = attemptScope.getStore();
  return (status, headers) => {
    if (scope && status >= 400) scope.failed = { status, headers };
  };
}

export interface SalesforceCall {
  /** A stable name for logs and errors, e.g. `GET /query`. */
  endpoint: string;
  /**
   * GET, describe, updates and Bulk steps that set a state: true. Creates: false, so only a 429 (not
   * processed) is sent again; anything else stays for the caller's lookup before a second create.
   */
  idempotent: boolean;
  signal?: AbortSignal;
}

/**
 * One call through jsforce (a query page, a describe, a collections request, a Bulk step) under the
 * shared retry policy: `decideRetry` judges the failed response's status and headers (or the
 * socket error), p-retry drives the attempts, and the session's meter counts every retry, 429 and
 * final error. jsforce's own retry is off (see meter.ts), so each retry is counted once.
 */
export function sfCall<T>(
  session: SalesforceSession,
  call: SalesforceCall,
  send: () => Promise<T>,
): Promise<T> {
  // Attempts of one call run one after another, so the scope of the latest is the one that failed.
  let scope: AttemptResponses = {};
  return retryCall(() => attemptScope.run((scope = {}), send), {
    source: 'salesforce',
    endpoint: call.endpoint,
    idempotent: call.idempotent,
    counters: session.meter,
    ...session.retry,
    ...(call.signal ? { signal: call.signal } : {}),
    outcomeOf: (err) =>
      networkCode(err) !== undefined || scope.failed === undefined
        ? { error: err }
        : { status: scope.failed.status, headers: scope.failed.headers },
  });
}
