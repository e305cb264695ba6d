import { z } from 'zod';
import { isoDate } from './common.ts';

export const GenesysMapping = z
  .object({
    version: z.literal(1),
    start_date: isoDate,
    /** Each details query covers one closed window of this size (kept well under 100,000 results). */
    window_hours: z.number().int().min(1).max(24 * 7).default(24),
    /** Analytics data arrives late: every run re-reads this much before its cursor. */
    lag_minutes: z.number().int().min(1).max(24 * 60).default(120),
    page_size: z.number().int().min(1).max(100).default(100),
    /** Windows older than this are fetched with async jobs instead of the details query. */
    backfill_jobs_after_days: z.number().int().min(1).max(365).default(30),
    media_types: z.array(z.enum(['voice', 'callback', 'chat', 'email', 'message'])).min(1).default(['voice']),
    /** Only these queues (ids); empty means every queue. */
    queues: z.array(z.string()).default([]),
  })
  .strict();
export type GenesysMapping = z.infer<typeof GenesysMapping>;
