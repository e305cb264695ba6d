import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { serverMetrics } from '../../src/server/prometheus.ts';
import { emptyRunStats } from '../../src/sync/run-stats.ts';

describe('health_sync_config_moved_accounts_total', () => {
  it('counts the accounts a configuration change moved, from 0 before any run', async () => {
    const registry = new Registry();
    const metrics = serverMetrics(registry);
    expect(await registry.metrics()).toContain('health_sync_config_moved_accounts_total 0');
    const stats = {
      ...emptyRunStats('test'),
      configChanges: {
        moved: 9,
        byTransition: { 'green->yellow': 9 },
        dropsWithoutTask: 9,
        scorecardBefore: 'f1dce5',
        scorecardAfter: 'd12f22',
        scoringBefore: 'a',
        scoringAfter: 'b',
      },
    };
    const record = { id: 1, trigger: 'test', startedAt: 0, endedAt: 1000, options: {}, error: null };
    metrics.observeRun({ ...record, status: 'succeeded', stats });
    metrics.observeRun({ ...record, id: 2, status: 'succeeded', stats: emptyRunStats('test') });
    expect(await registry.metrics()).toContain('health_sync_config_moved_accounts_total 9');
  });
});
