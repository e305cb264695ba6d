import { z } from 'zod';

/**
 * Facts: the minimum each source contributes to scoring. No free text (subjects, bodies, comments,
 * transcripts) and no raw emails or phone numbers: those arrive only as keyed hashes (`*Key`).
 * Times are epoch milliseconds (UTC), so windows never depend on a vendor's or a user's time zone.
 */
const epochMs = z.number().int().nonnegative();
const minutes = z.number().nonnegative().nullable();
const seconds = z.number().nonnegative().nullable();

export const TicketStatus = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
export const TicketPriority = z.enum(['urgent', 'high', 'normal', 'low']);

export const TicketFact = z.object({
  kind: z.literal('ticket'),
  id: z.string(),
  organizationId: z.string().nullable(),
  /** HMAC of the normalized requester email. */
  requesterKey: z.string().nullable(),
  /** Lower-case domain of the requester email: a company identifier, not personal data. */
  requesterDomain: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  solvedAt: epochMs.nullable(),
  status: TicketStatus,
  priority: TicketPriority.nullable(),
  channel: z.string().nullable(),
  /** The Zendesk group the ticket is assigned to (escalation rules may name groups). */
  groupId: z.number().int().nullable(),
  /**
   * The ticket's tags, lower-case, and the string values of the configured category field
   * (zendesk.yaml `tickets.category.field_id`), in the ticket's order: the category and escalation
   * rules read them when scores are computed (src/metrics/ticket-maps.ts), so editing those rules
   * re-reads no ticket. Tags and option values are labels, not free text. No item holds "|".
   */
  tags: z.array(z.string()),
  categoryFieldValues: z.array(z.string()),
  firstReplyMinutes: minutes,
  fullResolutionMinutes: minutes,
  replies: z.number().int().nonnegative().nullable(),
  reopens: z.number().int().nonnegative().nullable(),
  /**
   * Breach of the first-reply or resolution target for the ticket's priority/category, as the targets
   * and category rules were when it was last read; the metrics use the minutes, the targets and the
   * rules in force instead.
   */
  slaBreached: z.boolean().nullable(),
  satisfaction: z.enum(['good', 'bad']).nullable(),
  /** Risk language found at ingest by the configured keyword lists; the text itself is never kept. */
  riskFlag: z.boolean(),
  /** A monetary amount from a configured field (e.g. the disputed amount), for escalation signals. */
  amount: z.number().nullable(),
});
export type TicketFact = z.infer<typeof TicketFact>;

export const OrganizationFact = z.object({
  kind: z.literal('organization'),
  id: z.string(),
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  domains: z.array(z.string()),
  updatedAt: epochMs,
});
export type OrganizationFact = z.infer<typeof OrganizationFact>;

export const CallFact = z.object({
  kind: z.literal('call'),
  id: z.string(),
  startedAt: epochMs,
  endedAt: epochMs.nullable(),
  direction: z.enum(['inbound', 'outbound']),
  queueId: z.string().nullable(),
  handleSec: seconds,
  talkSec: seconds,
  holdSec: seconds,
  acwSec: seconds,
  abandoned: z.boolean(),
  transferred: z.boolean(),
  /** HMAC of the caller's E.164-normalized number. */
  callerKey: z.string().nullable(),
  externalOrgId: z.string().nullable(),
});
export type CallFact = z.infer<typeof CallFact>;

export const IssueFact = z.object({
  kind: z.literal('issue'),
  id: z.string(),
  key: z.string(),
  type: z.string(),
  priority: z.string().nullable(),
  statusCategory: z.enum(['new', 'indeterminate', 'done']),
  createdAt: epochMs,
  updatedAt: epochMs,
  resolvedAt: epochMs.nullable(),
  /** Account references from a configured custom field (usually Salesforce Account Ids). */
  accountRefs: z.array(z.string()),
  /** Linked Zendesk ticket ids. */
  ticketRefs: z.array(z.string()),
});
export type IssueFact = z.infer<typeof IssueFact>;

export const AccountFact = z.object({
  kind: z.literal('account'),
  /** Salesforce Account Id (18 characters). */
  id: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  tier: z.string().nullable(),
  /** Normalized web domain from the configured website/domain field. */
  domain: z.string().nullable(),
  /** HMAC of the account's E.164-normalized phone. */
  phoneKey: z.string().nullable(),
  /** Other configured fields, e.g. ARR or renewal date, by their mapping name. */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  systemModstamp: epochMs,
});
export type AccountFact = z.infer<typeof AccountFact>;

export const Fact = z.discriminatedUnion('kind', [
  TicketFact,
  OrganizationFact,
  CallFact,
  IssueFact,
  AccountFact,
]);
export type Fact = z.infer<typeof Fact>;
export type FactKind = Fact['kind'];

export const FactRef = z.object({
  kind: z.enum(['ticket', 'organization', 'call', 'issue', 'account']),
  id: z.string(),
});
export type FactRef = z.infer<typeof FactRef>;

/** What one page of a stream contributes: records to upsert and records the source says are gone. */
export interface FactBatch {
  upserts: Fact[];
  deletes: FactRef[];
}
