import { metricQuery } from '../../metrics/catalogue.ts';
import { specKey } from '../../metrics/settings.ts';
import type { MetricSettings, MetricSpec, MetricValue } from '../../metrics/types.ts';
import type { MetricRepo } from '../../store/metrics.ts';

/** Metric values by `specKey(spec)` (without settings), then by account id. */
export type MetricResults = Map<string, Map<string, MetricValue>>;

/**
 * Runs each distinct metric spec once for all accounts (or one). `cache`, keyed by the spec and the
 * settings it reads, lets two scorings over the same store (preview: current vs proposed mappings)
 * share every query whose inputs are the same.
 */
export async function computeMetrics(
  repo: MetricRepo,
  specs: MetricSpec[],
  settings: MetricSettings,
  now: number,
  options: { accountId?: string; cache?: Map<string, Map<string, MetricValue>>; past?: boolean } = {},
): Promise<MetricResults> {
  const out: MetricResults = new Map();
  for (const spec of specs) {
    const key = specKey(spec);
    if (out.has(key)) continue;
    const cacheKey = `${specKey(spec, settings)}|${now}|${options.accountId ?? '*'}|${options.past === true}`;
    let values = options.cache?.get(cacheKey);
    if (!values) {
      const past = options.past === true ? { past: true } : {};
      values = await repo.compute(metricQuery({ spec, settings, now, ...past }), options.accountId);
      options.cache?.set(cacheKey, values);
    }
    out.set(key, values);
  }
  return out;
}
