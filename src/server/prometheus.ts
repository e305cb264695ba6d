import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { SOURCE_NAMES } from '../sources.ts';
import type { RunRecord } from '../store/store.ts';
import { readRunStats } from '../sync/run-stats.ts';

/** The Prometheus series of the service, fed when a run ends and by the scheduler and reloads. */
export interface ServerMetrics {
  observeRun(record: RunRecord): void;
  skippedTick(job: string): void;
  mappingReload(result: 'applied' | 'unchanged' | 'invalid'): void;
  /** Reports whether a run is going when scraped. */
  trackActive(isActive: () => boolean): void;
}

const STATUSES = ['succeeded', 'partial', 'failed'] as const;

const byRegistry = new WeakMap<Registry, ServerMetrics>();

/** One set of series per registry (prom-client refuses to register a name twice). */
export function serverMetrics(registry: Registry): ServerMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const created = create(registry);
  byRegistry.set(registry, created);
  return created;
}

function create(registry: Registry): ServerMetrics {
  const registers = [registry];
  const runs = new Counter({
    name: 'health_sync_runs_total',
    help: 'Finished runs by status',
    labelNames: ['status'],
    registers,
  });
  const duration = new Histogram({
    name: 'health_sync_run_duration_seconds',
    help: 'Run duration',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
    registers,
  });
  const perSource = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['source'], registers });
  const records = perSource('health_sync_source_records_total', 'Records read per source');
  const apiCalls = perSource('health_sync_source_api_calls_total', 'Vendor API calls per source');
  const rateLimited = perSource('health_sync_source_rate_limited_total', 'HTTP 429 responses per source');
  const retries = perSource('health_sync_source_retries_total', 'Retried vendor calls per source');
  const sourceErrors = perSource('health_sync_source_errors_total', 'Errors per source');
  const writeFailures = new Counter({
    name: 'health_sync_write_failures_total',
    help: 'Salesforce records whose write-back failed',
    registers,
  });
  const writes = new Counter({
    name: 'health_sync_writes_total',
    help: 'Salesforce records written back successfully',
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'health_sync_last_success_timestamp_seconds',
    help: 'End of the last run that read the source without error (unix seconds)',
    labelNames: ['source'],
    registers,
  });
  const skipped = new Counter({
    name: 'health_sync_scheduler_skipped_ticks_total',
    help: 'Scheduled ticks skipped because a run was in progress',
    labelNames: ['job'],
    registers,
  });
  const reloads = new Counter({
    name: 'health_sync_mapping_reloads_total',
    help: 'Mapping reloads by result; invalid ones leave the last good configuration in force',
    labelNames: ['result'],
    registers,
  });
  const configMoved = new Counter({
    name: 'health_sync_config_moved_accounts_total',
    help: 'Account statuses moved by a change of the scoring configuration, not by the facts (no Task)',
    registers,
  });
  let isActive: () => boolean = () => false;
  new Gauge({
    name: 'health_sync_run_in_progress',
    help: '1 while a run is going',
    registers,
    collect() {
      this.set(isActive() ? 1 : 0);
    },
  });

  // Series exist from the start at 0, so rate() and absent() alerts work before the first run.
  for (const s of STATUSES) runs.labels(s).inc(0);
  for (const s of SOURCE_NAMES)
    for (const c of [records, apiCalls, rateLimited, retries, sourceErrors]) c.labels(s).inc(0);
  for (const r of ['applied', 'unchanged', 'invalid']) reloads.labels(r).inc(0);
  for (const j of [...SOURCE_NAMES, 'score']) skipped.labels(j).inc(0);
  writeFailures.inc(0);
  writes.inc(0);
  configMoved.inc(0);

  return {
    observeRun(record) {
      if (record.status === 'running') return;
      runs.labels(record.status).inc();
      if (record.endedAt !== null) duration.observe(Math.max(0, record.endedAt - record.startedAt) / 1000);
      const stats = readRunStats(record.stats);
      if (!stats) return;
      for (const [source, s] of Object.entries(stats.sources)) {
        records.labels(source).inc(s.records);
        apiCalls.labels(source).inc(s.apiCalls);
        rateLimited.labels(source).inc(s.rateLimited);
        retries.labels(source).inc(s.retries);
        sourceErrors.labels(source).inc(s.errors);
        const failedHere = stats.errors.some((e) => e.source === source);
        if (record.status !== 'failed' && s.errors === 0 && !failedHere && record.endedAt !== null)
          lastSuccess.labels(source).set(record.endedAt / 1000);
      }
      writeFailures.inc(stats.writes.failed);
      writes.inc(stats.writes.succeeded);
      configMoved.inc(stats.configChanges?.moved ?? 0);
    },
    skippedTick: (job) => skipped.labels(job).inc(),
    mappingReload: (result) => reloads.labels(result).inc(),
    trackActive: (fn) => {
      isActive = fn;
    },
  };
}
