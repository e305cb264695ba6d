/**
 * Failed authentications per client in a sliding window. A client that reached `limit` failures
 * within `windowMs` is refused until its oldest counted failure leaves the window. Memory is bounded:
 * at most `limit` timestamps per client and `maxClients` clients (the least recently failing go first).
 */
export interface AuthFailureLimit {
  /** Seconds until `client` may try again, or undefined when it is under its limit. */
  retryAfter(client: string, now: number): number | undefined;
  /** Counts one failed authentication. */
  fail(client: string, now: number): void;
}

export function createAuthFailureLimit(options: {
  /** Failures allowed per window; 0 turns the limit off. */
  limit: number;
  windowMs?: number;
  maxClients?: number;
}): AuthFailureLimit {
  const { limit } = options;
  const windowMs = options.windowMs ?? 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const failures = new Map<string, number[]>();

  const recent = (client: string, now: number): number[] => {
    const times = failures.get(client) ?? [];
    while (times.length && times[0]! <= now - windowMs) times.shift();
    if (!times.length) failures.delete(client);
    return times;
  };

  return {
    retryAfter(client, now) {
      if (limit <= 0) return undefined;
      const times = recent(client, now);
      if (times.length < limit) return undefined;
      return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    },
    fail(client, now) {
      if (limit <= 0) return;
      const times = recent(client, now);
      times.push(now);
      if (times.length > limit) times.shift();
      // Re-inserted last: the Map's order is then least recently failing first.
      failures.delete(client);
      failures.set(client, times);
      if (failures.size > maxClients) failures.delete(failures.keys().next().value!);
    },
  };
}
