/**
 * Windows are fixed spans of epoch milliseconds ending at `now`, so no time zone can move them.
 * A measure's window is [now − window_days, now], both ends included; contact_spike's baseline is
 * the 90 days before it, [start − 90 days, start), so no contact counts in both.
 */
export const DAY_MS = 86_400_000;
/** contact_spike compares the window with the 90 days before it. */
export const BASELINE_DAYS = 90;
/** A contact is a repeat when the same person contacted the account at most this long before. */
export const REPEAT_WINDOW_MS = 7 * DAY_MS;

export const windowStart = (now: number, days: number): number => now - days * DAY_MS;

/** The UTC calendar day of an instant, `YYYY-MM-DD`, whatever the process time zone. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC day `days` before (or after, when negative) the given one. */
export const addDays = (day: string, days: number): string =>
  utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
