import type { Store } from '../store/store.ts';
import type { ReloadResult } from './mappings-holder.ts';
import type { ServerMetrics } from './prometheus.ts';

/**
 * What a reload from disk leaves behind: a count in /metrics, and an audit entry when it changed the
 * configuration or was refused (an unchanged reload, e.g. after an approved proposal, leaves none).
 */
export function reportReload(
  store: Pick<Store, 'audit'>,
  metrics: Pick<ServerMetrics, 'mappingReload'>,
  dir: string,
): (result: ReloadResult, origin: string) => Promise<void> {
  return async (result, origin) => {
    metrics.mappingReload(result.ok ? (result.changed ? 'applied' : 'unchanged') : 'invalid');
    if (result.ok && !result.changed) return;
    await store.audit.append({
      actor: `system:${origin}`,
      action: 'mappings.reload',
      target: dir,
      beforeDigest: result.before ?? null,
      afterDigest: result.ok ? result.after : null,
      detail: result.ok
        ? { outcome: 'ok', ...(result.warnings.length ? { warnings: result.warnings } : {}) }
        : { outcome: 'invalid', problems: result.problems.length },
    });
  };
}
