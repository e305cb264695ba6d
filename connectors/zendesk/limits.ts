import type { LimiterConfig } from '../../src/http/types.ts';

/**
 * Zendesk's published request limits, as limiter buckets (API-NOTES.md). Conservative defaults: the
 * lowest plan (200/min) and the standard incremental export allowance (10/min; the High Volume add-on
 * allows 30: pass an override).
 * https://developer.zendesk.com/api-reference/introduction/rate-limits/
 */
export const ZENDESK_LIMITS: Record<string, LimiterConfig> = {
  default: { limit: 200, windowMs: 60_000, marginMs: 500 },
  incremental: { limit: 10, windowMs: 60_000, marginMs: 1_000 },
};
