import type { SourceName } from '../errors.ts';
import type { LimiterConfig, RateLimitMode, RequestCounters } from './types.ts';

const MINUTE = 60_000;

/**
 * The vendors' published request limits, as limiter buckets (API-NOTES.md). Conservative defaults:
 * the lowest Zendesk plan (200/min) and the standard incremental export allowance (10/min; the High
 * Volume add-on allows 30: pass an override). Jira Cloud's burst buckets are per tenant × endpoint.
 */
export const DOCUMENTED_LIMITS: Record<SourceName, Record<string, LimiterConfig>> = {
  // https://developer.zendesk.com/api-reference/introduction/rate-limits/
  zendesk: {
    default: { limit: 200, windowMs: MINUTE, marginMs: 500 },
    incremental: { limit: 10, windowMs: MINUTE, marginMs: 1_000 },
  },
  // https://developer.genesys.cloud/platform/api/rate-limits (300 requests/min per OAuth token)
  genesys: { default: { limit: 300, windowMs: MINUTE, marginMs: 500 } },
  // https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
  jira: { default: { limit: 100, windowMs: 1_000, marginMs: 50 } },
  // Salesforce has a daily allocation, not a rate: the write planner budgets it.
  salesforce: {},
};

/**
 * The buckets for one source: documented limits (with overrides), or none at all. Every bucket named
 * by the documented limits exists either way, so that a 429 can still pause it when limits are off.
 */
export function bucketsFor(
  source: SourceName,
  mode: RateLimitMode,
  overrides: Record<string, LimiterConfig | null> = {},
): Record<string, LimiterConfig | null> {
  const documented = DOCUMENTED_LIMITS[source];
  const out: Record<string, LimiterConfig | null> = { default: null };
  for (const [name, config] of Object.entries(documented)) out[name] = mode === 'off' ? null : config;
  if (mode === 'documented') Object.assign(out, overrides);
  return out;
}

export function createCounters(): RequestCounters {
  return { requests: 0, retries: 0, rateLimited: 0, errors: 0, rateLimitWaitMs: 0, limiterWaitMs: 0 };
}
