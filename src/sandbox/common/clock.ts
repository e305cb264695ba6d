/**
 * The simulators' clock: real time plus an offset that tests (and POST /__sandbox/clock) can move,
 * so that "one minute later" (Zendesk's hold-back, Genesys's lag, token expiry) needs no waiting.
 */
export interface SimClock {
  now(): number;
  advance(ms: number): number;
  /** Pins the clock to a time; it keeps running from there. */
  set(ms: number): number;
}

export function createClock(start?: number): SimClock {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
      return Date.now() + offset;
    },
    set(ms) {
      offset = ms - Date.now();
      return ms;
    },
  };
}
