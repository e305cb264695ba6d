import type { LimiterConfig } from '../../src/http/types.ts';

/**
 * Jira Cloud's published burst limit, as a limiter bucket (its burst buckets are per tenant × endpoint).
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const JIRA_LIMITS: Record<string, LimiterConfig> = {
  default: { limit: 100, windowMs: 1_000, marginMs: 50 },
};
