import { z } from 'zod';

/**
 * Raw Zendesk Support API records, parsed only as far as the mappers need. Real records carry null
 * where the published spec says non-null, and deleted tickets have status "deleted" (not in the spec's
 * enum), so fields are nullish and statuses are open strings; the mappers decide. Unknown keys are
 * stripped: nothing the mappers do not read survives parsing.
 */
const id = z.number().int();
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

export const ZendeskCustomField = z.object({ id, value: z.unknown() });

export const ZendeskTicket = z.object({
  id,
  created_at: isoTime,
  updated_at: isoTime,
  /** Changes on every update, system updates included (which leave updated_at alone). */
  generated_timestamp: z.number().nullish(),
  /** Read for risk keywords, then dropped by the mapper. */
  subject: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string(),
  priority: z.string().nullish(),
  requester_id: id.nullish(),
  organization_id: id.nullish(),
  group_id: id.nullish(),
  tags: z.array(z.string()).nullish(),
  custom_fields: z.array(ZendeskCustomField).nullish(),
  satisfaction_rating: z.object({ score: z.string().nullish() }).nullish(),
  via: z.object({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
});
export type ZendeskTicket = z.infer<typeof ZendeskTicket>;

const minutes = z.object({ calendar: z.number().nullish(), business: z.number().nullish() }).nullish();
export const ZendeskMetricSet = z.object({
  ticket_id: id,
  reply_time_in_minutes: minutes,
  first_resolution_time_in_minutes: minutes,
  full_resolution_time_in_minutes: minutes,
  reopens: z.number().int().nullish(),
  replies: z.number().int().nullish(),
  solved_at: isoTime.nullish(),
});
export type ZendeskMetricSet = z.infer<typeof ZendeskMetricSet>;

/** Side-loaded requesters: only the email is read (to hash it). */
export const ZendeskUser = z.object({ id, email: z.string().nullish() });
export type ZendeskUser = z.infer<typeof ZendeskUser>;

/** GET /api/v2/incremental/tickets/cursor.json */
export const ZendeskTicketsPage = z.object({
  tickets: z.array(ZendeskTicket),
  metric_sets: z.array(ZendeskMetricSet).nullish(),
  users: z.array(ZendeskUser).nullish(),
  after_cursor: z.string().nullish(),
  after_url: z.string().nullish(),
  end_of_stream: z.boolean(),
});
export type ZendeskTicketsPage = z.infer<typeof ZendeskTicketsPage>;

export const ZendeskOrganization = z.object({
  id,
  name: z.string().nullish(),
  external_id: z.union([z.string(), z.number()]).nullish(),
  domain_names: z.array(z.string()).nullish(),
  updated_at: isoTime,
  /** Present on deleted organizations in the incremental export. */
  deleted_at: isoTime.nullish(),
});
export type ZendeskOrganization = z.infer<typeof ZendeskOrganization>;

/** GET /api/v2/incremental/organizations.json (time-based export) */
export const ZendeskOrganizationsPage = z.object({
  organizations: z.array(ZendeskOrganization),
  next_page: z.string().nullish(),
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean(),
  count: z.number().int().nullish(),
});
export type ZendeskOrganizationsPage = z.infer<typeof ZendeskOrganizationsPage>;

/** GET /api/v2/tickets/count.json */
export const ZendeskTicketCount = z.object({
  count: z.object({ value: z.number().int(), refreshed_at: z.string().nullish() }),
});
export type ZendeskTicketCount = z.infer<typeof ZendeskTicketCount>;
