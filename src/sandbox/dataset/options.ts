import { z } from 'zod';

export const DAY_MS = 86_400_000;
export const MAX_TICKETS = 1_000_000;

/**
 * Size and anchor of a sandbox dataset. Counts not given are proportional to the number of accounts
 * (about 50 tickets, 12 calls and 2.5 Jira issues per account, as in a mid-size payments support book).
 */
export const DatasetOptions = z
  .object({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    accounts: z.number().int().min(50).max(20_000).default(200),
    tickets: z.number().int().min(0).max(MAX_TICKETS).optional(),
    calls: z.number().int().min(0).max(MAX_TICKETS).optional(),
    issues: z.number().int().min(0).max(200_000).optional(),
    /** The dataset's "now" (epoch ms). Default: the current time rounded down to the UTC day. */
    now: z.number().int().positive().optional(),
    /** How far back the data reaches. 120 days give 7/30/90-day windows real data. */
    days: z.number().int().min(30).max(400).default(120),
  })
  .strict();
export type DatasetOptionsInput = z.input<typeof DatasetOptions>;

export interface ResolvedDatasetOptions {
  seed: number;
  accounts: number;
  tickets: number;
  calls: number;
  issues: number;
  now: number;
  days: number;
  /** now - days: the oldest record's time. */
  start: number;
}

export function resolveDatasetOptions(input: DatasetOptionsInput = {}): ResolvedDatasetOptions {
  const o = DatasetOptions.parse(input);
  const now = o.now ?? Math.floor(Date.now() / DAY_MS) * DAY_MS;
  return {
    seed: o.seed,
    accounts: o.accounts,
    tickets: o.tickets ?? Math.min(MAX_TICKETS, o.accounts * 50),
    calls: o.calls ?? o.accounts * 12,
    issues: o.issues ?? Math.round(o.accounts * 2.5),
    now,
    days: o.days,
    start: now - o.days * DAY_MS,
  };
}
