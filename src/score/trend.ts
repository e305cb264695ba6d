import { addDays, utcDay } from '../metrics/windows.ts';
import { round1 } from './format.ts';

/** A day's snapshot score (null when it had insufficient data); undefined when there is no snapshot. */
export type HistoryLookup = (day: string) => { score: number | null } | undefined;

/** The UTC days a trend over `days` may read: that day, else the day before, else the day after. */
export function trendDays(now: number, days: number): string[] {
  const day = addDays(utcDay(now), -days);
  return [day, addDays(day, -1), addDays(day, 1)];
}

/** Score now minus the score `days` ago, from the nearest snapshot within a day of it; null without one. */
export function trend(
  current: number | null,
  now: number,
  days: number,
  history: HistoryLookup,
): number | null {
  if (current === null) return null;
  for (const day of trendDays(now, days)) {
    const snapshot = history(day);
    if (snapshot) return snapshot.score === null ? null : round1(current - snapshot.score);
  }
  return null;
}

/** Every day `trend` may read for the 7- and 30-day trends. */
export const TREND_SPANS = [7, 30] as const;
export const allTrendDays = (now: number): string[] => TREND_SPANS.flatMap((d) => trendDays(now, d));
