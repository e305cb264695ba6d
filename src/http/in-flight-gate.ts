/**
 * How many requests of one client may be in flight at once, adapted to 429s (AIMD, as TCP's congestion
 * control): no limit until the server answers 429, then one at a time, growing by one after each run of
 * `limit` successes in a row, and no limit again once it is above the most requests ever waiting at
 * once. A rate limit shared with another integration then slows the source down instead of failing it:
 * with one request in flight a retried request is sent next, not behind the others, so the requests
 * that meet a 429 are not always the same ones. Retries wait at the front of the queue for that reason.
 */
export interface InFlightGate {
  /** Resolves with the release of the slot (call it once the response is read). */
  acquire(retry: boolean, signal?: AbortSignal): Promise<() => void>;
  /** A 429: one request in flight from now on. True when there was no limit until then. */
  rateLimited(): boolean;
  /** A successful response: may raise the limit by one. True when that lifted the limit. */
  succeeded(): boolean;
  /** Requests allowed in flight (Infinity: no limit). */
  readonly limit: number;
  readonly inFlight: number;
}

interface Waiter {
  retry: boolean;
  start: (release: () => void) => void;
}

export function createInFlightGate(): InFlightGate {
  let limit = Infinity;
  let inFlight = 0;
  let streak = 0;
  /** The most requests ever in flight or waiting at once: above it, a limit no longer limits. */
  let demand = 0;
  const queue: Waiter[] = [];

  const slot = (): (() => void) => {
    inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight--;
      pump();
    };
  };
  const pump = (): void => {
    while (inFlight < limit && queue.length) queue.shift()!.start(slot());
  };

  return {
    acquire(retry, signal) {
      signal?.throwIfAborted();
      demand = Math.max(demand, inFlight + queue.length + 1);
      if (inFlight < limit && queue.length === 0) return Promise.resolve(slot());
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          retry,
          start: (release) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(release);
          },
        };
        const onAbort = (): void => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(signal?.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        // Retries go before first attempts, in their own order.
        const at = retry ? queue.findIndex((w) => !w.retry) : -1;
        if (at < 0) queue.push(waiter);
        else queue.splice(at, 0, waiter);
      });
    },
    rateLimited() {
      streak = 0;
      const first = limit === Infinity;
      limit = 1;
      return first;
    },
    succeeded() {
      if (limit === Infinity || ++streak < limit) return false;
      streak = 0;
      limit = limit + 1 > demand ? Infinity : limit + 1;
      pump();
      return limit === Infinity;
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
  };
}
