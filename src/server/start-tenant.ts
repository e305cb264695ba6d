import { Registry, collectDefaultMetrics } from 'prom-client';
import { digestOf } from '../config/mappings/digest.ts';
import { loadMappings } from '../config/mappings/load.ts';
import { defaultSchedule } from '../config/mappings/schedule.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { SOURCE_NAMES } from '../sources.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createRunControl, type RunControl } from '../sync/single-flight.ts';
import type { TenantContext } from '../tenants/index.ts';
import { appContext } from './app.ts';
import { createAuthGuard, type AuthGuard } from './auth-guard.ts';
import type { AppContext, Clock } from './deps.ts';
import { unwritableReason } from './dir-writable.ts';
import { reportHashKeyPlace } from './hash-key-notice.ts';
import { createMappingsHolder, type MappingsHolder } from './mappings-holder.ts';
import { watchMappings } from './mappings-watch.ts';
import * as defaultPipeline from './pipeline-module.ts';
import type { PipelineModule } from './pipeline-module.ts';
import { serverMetrics } from './prometheus.ts';
import { reportReload } from './reload-report.ts';
import type { QueueScheduling } from './queue-scheduling.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { seedMappings } from './seed-mappings.ts';
import type { TokenRegistry } from './tokens.ts';
import type { MappingValidator } from './validator.ts';

/** One tenant as `serve` runs it: its own store, mappings, pipeline, run control and scheduler. */
export interface TenantService {
  id: string;
  store: Store;
  mappings: MappingsHolder;
  control: RunControl;
  scheduler: Scheduler;
  authGuard: AuthGuard;
  /** What its admin API routes receive. */
  ctx: AppContext;
  /** Starts its scheduler (after the server listens). */
  startSchedule(): void;
  stopIntake(): void;
  closeStore(): Promise<void>;
}

/** What every tenant of the process shares. */
export interface TenantShared {
  logger: Logger;
  scrubber: SecretScrubber;
  tokens: TokenRegistry;
  clock: Clock;
  validator: MappingValidator;
  pipeline: PipelineModule;
  /** Every tenant the process serves, in TENANTS_FILE's order. */
  tenantIds: readonly string[];
  schedule: boolean;
  watchDebounceMs: number;
  seedMappingsFrom: string | undefined;
  /** With HEALTH_SYNC_QUEUE: scheduled runs are queued for workers instead of run here. */
  queue: QueueScheduling | undefined;
}

/** Opens a tenant's store and builds its pipeline. Throws ConfigError (exit 2) on bad mappings. */
export async function startTenant(tenant: TenantContext, shared: TenantShared): Promise<TenantService> {
  const { env } = tenant;
  const { scrubber, clock } = shared;
  // One tenant: the log lines of every install before tenants existed; several: each says whose it is.
  const logger = shared.tenantIds.length === 1 ? shared.logger : shared.logger.child({ tenant: tenant.id });
  if (shared.tenantIds.length > 1)
    for (const source of env.skipped)
      logger.info({ source }, `${source}: no credentials configured for this tenant, skipping this source`);
  if (shared.seedMappingsFrom) await seedMappings(tenant.mappingsDir, shared.seedMappingsFrom, logger);
  const loaded = await loadMappings(tenant.mappingsDir);
  const unwritable = await unwritableReason(tenant.mappingsDir);
  if (unwritable)
    logger.warn(
      { dir: tenant.mappingsDir, code: unwritable },
      `the mapping directory ${tenant.mappingsDir} is not writable by this process (${unwritable}): approving a proposal will answer 503 until it is`,
    );
  const store = await openStore(tenant.store);
  const configured = SOURCE_NAMES.filter((s) => !env.skipped.includes(s));
  const queue = shared.queue?.forTenant(tenant.id, configured);
  // With a queue, a worker may be running this tenant right now: it closes stale runs itself, under
  // the tenant's lock.
  if (!queue) {
    const abandoned = await store.runs.abandonStale('the process ended while the run was going');
    if (abandoned) logger.warn({ abandoned }, 'runs left running by an earlier process were marked failed');
  }
  await reportHashKeyPlace(env, store.meta, logger);

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'health_sync_process_' });
  const metrics = serverMetrics(registry);
  const onReload = reportReload(store, metrics, tenant.mappingsDir);
  const mappings = createMappingsHolder(
    { dir: tenant.mappingsDir, logger, onReload, validate: shared.validator.validate },
    loaded,
  );

  const pipelineCtx = { env, store, mappings, logger, scrubber, clock };
  const runner = await shared.pipeline.createSyncRunner(pipelineCtx);
  const preview = await (shared.pipeline.createPreview ?? defaultPipeline.createPreview)(pipelineCtx);
  const local = createRunControl({ runner, store, logger, scrubber, now: () => clock.now() });
  const control = queue ? queue.lockControl(local) : local;
  control.onFinish((record) => metrics.observeRun(record));

  const authGuard = createAuthGuard({
    store,
    clock,
    logger,
    ...(env.adminAuthFailureLimit === undefined ? {} : { limit: env.adminAuthFailureLimit }),
  });
  const ctx = appContext({
    store,
    mappings,
    runner,
    control,
    preview,
    tokens: shared.tokens,
    clock,
    logger,
    scrubber,
    registry,
    sources: configured,
    authGuard,
    tenant: { id: tenant.id, ids: shared.tenantIds },
  });

  const scheduler =
    queue?.scheduler ??
    createScheduler({
      control,
      logger,
      configured,
      onSkipped: (job) => metrics.skippedTick(job),
    });
  let watcher: { close(): void } | undefined;
  return {
    id: tenant.id,
    store,
    mappings,
    control,
    scheduler,
    authGuard,
    ctx,
    startSchedule() {
      if (shared.schedule) scheduler.apply(loaded.schedule ?? defaultSchedule());
      else logger.info('scheduler off (--no-schedule): runs start only through the API');
      mappings.onChange((next, previous) => {
        if (shared.schedule && digestOf(next.schedule ?? null) !== digestOf(previous?.schedule ?? null))
          scheduler.apply(next.schedule ?? defaultSchedule());
      });
      watcher = watchMappings(mappings, logger, { debounceMs: shared.watchDebounceMs });
    },
    stopIntake() {
      scheduler.stop();
      watcher?.close();
      control.close();
    },
    async closeStore() {
      await authGuard.flush(true);
      await store.close();
    },
  };
}
