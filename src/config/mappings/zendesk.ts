import { z } from 'zod';
import { isoDate, positive } from './common.ts';

const Priority = z.enum(['urgent', 'high', 'normal', 'low']);
const minutesByPriority = z.record(Priority, positive);

export const ZendeskMapping = z
  .object({
    version: z.literal(1),
    tickets: z
      .object({
        /** Where the first sync starts (the export's start_time). */
        start_date: isoDate,
        page_size: z.number().int().min(1).max(1000).default(1000),
        category: z
          .object({
            /** A ticket custom field id whose value is the category... */
            field_id: z.number().int().positive().nullable().default(null),
            /** ...or tags that name one. The field wins when both give a value. */
            tags: z.record(z.string(), z.string()).default({}),
            values: z.record(z.string(), z.string()).default({}),
          })
          .strict(),
        escalation: z
          .object({
            tags: z.array(z.string()).default([]),
            priorities: z.array(Priority).default([]),
            groups: z.array(z.number().int()).default([]),
          })
          .strict(),
        /** Phrases that flag relationship risk; matched at ingest, only the flag is kept. */
        risk_keywords: z.array(z.string().min(2)).default([]),
        /** A custom field holding a monetary amount (e.g. the disputed amount). */
        amount_field_id: z.number().int().positive().nullable().default(null),
      })
      .strict(),
    organizations: z.object({ enabled: z.boolean().default(true) }).strict(),
    sla: z
      .object({
        first_reply_minutes: minutesByPriority,
        resolution_minutes: minutesByPriority,
        /** Overrides by category. */
        by_category: z
          .record(
            z.string(),
            z.object({ first_reply_minutes: positive.optional(), resolution_minutes: positive.optional() }).strict(),
          )
          .default({}),
      })
      .strict(),
  })
  .strict();
export type ZendeskMapping = z.infer<typeof ZendeskMapping>;
