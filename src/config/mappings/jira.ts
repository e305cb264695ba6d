import { z } from 'zod';
import { isoDate } from './common.ts';

export const JiraMapping = z
  .object({
    version: z.literal(1),
    /** Which issues count, without ORDER BY or time conditions (health-sync adds those). */
    jql: z
      .string()
      .min(1)
      .refine((q) => !/\border\s+by\b/i.test(q), 'leave out ORDER BY: health-sync orders by updated itself'),
    start_date: isoDate,
    /** Re-read this much before the cursor on each run: Jira search is eventually consistent. */
    lookback_minutes: z.number().int().min(1).max(1440).default(15),
    page_size: z.number().int().min(1).max(100).default(100),
    fields: z
      .object({
        /** Custom field holding Salesforce Account Id(s), e.g. customfield_10050. */
        account: z.string().regex(/^customfield_\d+$/).nullable().default(null),
        /** Custom field holding linked Zendesk ticket ids (the Zendesk Support for Jira app). */
        zendesk_tickets: z.string().regex(/^customfield_\d+$/).nullable().default(null),
      })
      .strict(),
    /** Weight of an open bug by priority name, for the weighted-bugs metric. */
    priority_weights: z.record(z.string(), z.number().nonnegative()).default({}),
    /** Extra weight per day a bug stays open (0 = age does not matter). */
    age_weight_per_day: z.number().nonnegative().default(0.02),
    bug_types: z.array(z.string()).min(1).default(['Bug']),
  })
  .strict();
export type JiraMapping = z.infer<typeof JiraMapping>;
