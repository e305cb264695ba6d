import { z } from 'zod';

/**
 * Raw Genesys Cloud analytics records (swagger: AnalyticsConversationWithoutAttributes and friends),
 * parsed only as far as the mapper needs. Everything is nullish: analytics records grow fields as a
 * conversation progresses, and an empty result set has no `conversations` key at all.
 */
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

export const GenesysMetric = z.object({ name: z.string(), value: z.number() });

export const GenesysSegment = z.object({
  segmentType: z.string().nullish(),
  queueId: z.string().nullish(),
  disconnectType: z.string().nullish(),
});

export const GenesysSession = z.object({
  mediaType: z.string().nullish(),
  direction: z.string().nullish(),
  /** Read to derive the caller key, then dropped by the mapper. */
  ani: z.string().nullish(),
  dnis: z.string().nullish(),
  metrics: z.array(GenesysMetric).nullish(),
  segments: z.array(GenesysSegment).nullish(),
});

export const GenesysParticipant = z.object({
  purpose: z.string().nullish(),
  externalContactId: z.string().nullish(),
  externalOrganizationId: z.string().nullish(),
  sessions: z.array(GenesysSession).nullish(),
});

export const GenesysConversation = z.object({
  conversationId: z.string().min(1),
  conversationStart: isoTime,
  conversationEnd: isoTime.nullish(),
  originatingDirection: z.string().nullish(),
  participants: z.array(GenesysParticipant).nullish(),
});
export type GenesysConversation = z.infer<typeof GenesysConversation>;

/** POST /api/v2/analytics/conversations/details/query */
export const GenesysDetailsQueryResponse = z.object({
  conversations: z.array(GenesysConversation).nullish(),
  totalHits: z.number().int().nonnegative().nullish(),
});
export type GenesysDetailsQueryResponse = z.infer<typeof GenesysDetailsQueryResponse>;

/** POST /api/v2/analytics/conversations/details/jobs */
export const GenesysJobCreated = z.object({ jobId: z.string().min(1) });

/** GET /api/v2/analytics/conversations/details/jobs/{jobId} */
export const GenesysJobStatus = z.object({
  state: z.enum(['QUEUED', 'PENDING', 'FAILED', 'CANCELLED', 'FULFILLED', 'EXPIRED']),
  errorMessage: z.string().nullish(),
});
export type GenesysJobStatus = z.infer<typeof GenesysJobStatus>;

/** GET /api/v2/analytics/conversations/details/jobs/{jobId}/results */
export const GenesysJobResults = z.object({
  conversations: z.array(GenesysConversation).nullish(),
  cursor: z.string().nullish(),
  dataAvailabilityDate: isoTime.nullish(),
});
export type GenesysJobResults = z.infer<typeof GenesysJobResults>;

/** GET /api/v2/analytics/conversations/details/jobs/availability */
export const GenesysDataAvailability = z.object({ dataAvailabilityDate: isoTime });
