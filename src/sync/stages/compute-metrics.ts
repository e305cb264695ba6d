import { metricQuery } from '../../metrics/catalogue.ts';
import { specKey } from '../../metrics/settings.ts';
import type { MetricQuery } from '../../metrics/query.ts';
import type { MetricSettings, MetricSpec, MetricValue } from '../../metrics/types.ts';
import type { MetricRepo } from '../../store/metrics.ts';

/** Metric values by `specKey(spec)` (without settings), then by account id. */
export type MetricResults = Map<string, Map<string, MetricValue>>;

/**
 * Runs each distinct metric spec once for all accounts (or those of `options.accounts`), in one batch
 * (`MetricRepo.compute`).
 * `cache`, keyed by the spec and the settings it reads, lets two scorings over the same store
 * (preview: current vs proposed mappings) share every query whose inputs are the same.
 */
export async function computeMetrics(
  repo: MetricRepo,
  specs: MetricSpec[],
  settings: MetricSettings,
  now: number,
  options: {
    accounts?: readonly string[];
    cache?: Map<string, Map<string, MetricValue>>;
    past?: boolean;
  } = {},
): Promise<MetricResults> {
  const out: MetricResults = new Map();
  const missing: { key: string; cacheKey: string; query: MetricQuery }[] = [];
  const past = options.past === true ? { past: true } : {};
  for (const spec of specs) {
    const key = specKey(spec);
    if (out.has(key) || missing.some((m) => m.key === key)) continue;
    const cacheKey = `${specKey(spec, settings)}|${now}|${options.accounts?.join(',') ?? '*'}|${options.past === true}`;
    const cached = options.cache?.get(cacheKey);
    if (cached) out.set(key, cached);
    else missing.push({ key, cacheKey, query: metricQuery({ spec, settings, now, ...past }) });
  }
  const computed = await repo.compute(
    missing.map((m) => m.query),
    options.accounts,
  );
  missing.forEach((m, i) => {
    out.set(m.key, computed[i]!);
    options.cache?.set(m.cacheKey, computed[i]!);
  });
  return out;
}
