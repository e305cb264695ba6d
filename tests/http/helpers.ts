import { pino } from 'pino';
import type { Clock } from '../../src/http/sleep.ts';

export const silentLog = pino({ level: 'silent' });

/** A clock whose sleeps return at once and advance its time, recording each wait. */
export function fakeClock(start = 1_700_000_000_000): Clock & { waits: number[]; t: number } {
  const c = {
    t: start,
    waits: [] as number[],
    now: () => c.t,
    sleep: (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      c.waits.push(ms);
      c.t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
  return c;
}
