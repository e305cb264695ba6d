import type { LimiterConfig } from '../../src/http/types.ts';

/**
 * Genesys Cloud's published request limit, as a limiter bucket: 300 requests/min per OAuth token.
 * https://developer.genesys.cloud/platform/api/rate-limits
 */
export const GENESYS_LIMITS: Record<string, LimiterConfig> = {
  default: { limit: 300, windowMs: 60_000, marginMs: 500 },
};
