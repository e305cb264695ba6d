/**
 * Windows are fixed spans of epoch milliseconds, so no time zone can move them. A measure's window
 * is [H − window_days, now], both ends included, where H is the start of the UTC hour of `now`;
 * ages (of open tickets, bugs, overdue complaints) are taken at H too. So the passing of time moves
 * a score once an hour, not at every run: two runs in the same hour over the same data give the
 * same scores (and write nothing), while a record that arrived a minute ago already counts.
 * contact_spike's baseline is the 90 days before the window, [start − 90 days, start), so no
 * contact counts in both.
 */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** contact_spike compares the window with the 90 days before it. */
export const BASELINE_DAYS = 90;
/**
 * A contact is a repeat when the same person contacted the account at most this many days before
 * (repeat_contact_rate's `params.within_days` changes it).
 */
export const REPEAT_WITHIN_DAYS = 7;

/** The instant ages are taken at: the start of the UTC hour of `now`. */
export const ageReference = (now: number): number => Math.floor(now / HOUR_MS) * HOUR_MS;

export const windowStart = (now: number, days: number): number => ageReference(now) - days * DAY_MS;

/** The UTC calendar day of an instant, `YYYY-MM-DD`, whatever the process time zone. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC day `days` before (or after, when negative) the given one. */
export const addDays = (day: string, days: number): string =>
  utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
