/**
 * Closed time windows for the details query. Pure.
 *
 * - A run starts `lag` before its cursor (analytics data arrives late) but never before start_date.
 * - Windows end at least one minute before now, so none is still filling up.
 * - A window that holds more than Genesys's 100,000-result ceiling is halved until it fits.
 */
export interface TimeWindow {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive, epoch ms. */
  end: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The details query errors past this many results per query. */
export const MAX_RESULTS_PER_QUERY = 100_000;
/** Below this a window is not split further (a minute of 100,000 calls is not a real contact centre). */
export const MIN_SPLIT_MS = MINUTE_MS;

export function readFrom(opts: { startDate: number; through: number | undefined; lagMs: number }): number {
  return opts.through === undefined ? opts.startDate : Math.max(opts.startDate, opts.through - opts.lagMs);
}

/** The newest instant a run may read up to: a whole second, at least a minute ago. */
export function readUntil(now: number): number {
  return Math.floor((now - MINUTE_MS) / 1000) * 1000;
}

export function planWindows(from: number, until: number, windowMs: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (let start = from; start < until; start += windowMs)
    out.push({ start, end: Math.min(start + windowMs, until) });
  return out;
}

export function splitWindow(w: TimeWindow): [TimeWindow, TimeWindow] | undefined {
  if (w.end - w.start < 2 * MIN_SPLIT_MS) return undefined;
  const mid = w.start + Math.floor((w.end - w.start) / 2 / 1000) * 1000;
  return [
    { start: w.start, end: mid },
    { start: mid, end: w.end },
  ];
}

/** Genesys's interval syntax: `2025-01-01T00:00:00.000Z/2025-01-02T00:00:00.000Z`. */
export function toInterval(w: TimeWindow): string {
  return `${new Date(w.start).toISOString()}/${new Date(w.end).toISOString()}`;
}
