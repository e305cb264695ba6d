import type { LimiterConfig, RateLimitMode, RequestCounters } from './types.ts';

/**
 * The buckets for one source: its documented limits (each connector's `limits.ts`, with overrides), or
 * none at all. Every bucket named by the documented limits exists either way, so that a 429 can still
 * pause it when limits are off.
 */
export function bucketsFor(
  documented: Readonly<Record<string, LimiterConfig>>,
  mode: RateLimitMode,
  overrides: Record<string, LimiterConfig | null> = {},
): Record<string, LimiterConfig | null> {
  const out: Record<string, LimiterConfig | null> = { default: null };
  for (const [name, config] of Object.entries(documented)) out[name] = mode === 'off' ? null : config;
  if (mode === 'documented') Object.assign(out, overrides);
  return out;
}

export function createCounters(): RequestCounters {
  return { requests: 0, retries: 0, rateLimited: 0, errors: 0, rateLimitWaitMs: 0, limiterWaitMs: 0 };
}
