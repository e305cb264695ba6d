import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from '../config/env.ts';
import { digestOf } from '../config/mappings/digest.ts';
import { loadMappings } from '../config/mappings/load.ts';
import { defaultSchedule } from '../config/mappings/schedule.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { SOURCE_NAMES } from '../sources.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createRunControl, type RunControl } from '../sync/single-flight.ts';
import { createApp } from './app.ts';
import { reportHashKeyPlace } from './hash-key-notice.ts';
import { createAuthGuard } from './auth-guard.ts';
import { unwritableReason } from './dir-writable.ts';
import type { Clock } from './deps.ts';
import { createMappingsHolder, type MappingsHolder } from './mappings-holder.ts';
import { watchMappings } from './mappings-watch.ts';
import { serverMetrics } from './prometheus.ts';
import * as defaultPipeline from './pipeline-module.ts';
import type { PipelineModule } from './pipeline-module.ts';
import { reportReload } from './reload-report.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { startQueueScheduling, type QueueScheduling } from './queue-scheduling.ts';
import { seedMappings } from './seed-mappings.ts';
import { gracefulShutdown } from './shutdown.ts';
import { createTokenRegistry, loadTokenFile, type TokenRegistry } from './tokens.ts';
import { reloadTokens } from './tokens-reload.ts';
import { createWorkerValidator } from './validator.ts';

export interface ServeOptions {
  port: number;
  host?: string;
  /** Run the scheduler (off: API only). */
  schedule: boolean;
  shutdownTimeoutMs: number;
  /** A module exporting `createSyncRunner` (and optionally `createPreview`); default: ./pipeline-module.ts. */
  pipeline?: string;
  watchDebounceMs?: number;
  /** When MAPPINGS_DIR holds no mapping file, copy this directory's into it first (the Docker image's defaults). */
  seedMappingsFrom?: string;
}

export interface RunningService {
  port: number;
  server: Server;
  store: Store;
  mappings: MappingsHolder;
  control: RunControl;
  scheduler: Scheduler;
  tokens: TokenRegistry;
  /** With HEALTH_SYNC_QUEUE: the queue the scheduler fills and the leadership it ticks under. */
  queue: QueueScheduling | undefined;
  /** SIGHUP: reload the mappings and the tokens file. */
  reload(origin: string): Promise<void>;
  /** SIGTERM/SIGINT: resolves with the exit code. */
  shutdown(reason: string): Promise<0 | 1>;
}

async function loadPipeline(path: string | undefined): Promise<PipelineModule> {
  if (!path) return defaultPipeline;
  return (await import(pathToFileURL(resolve(path)).href)) as PipelineModule;
}

async function loadTokens(env: AppEnv, logger: Logger): Promise<TokenRegistry> {
  if (!env.adminTokensFile) {
    logger.warn(
      'ADMIN_TOKENS_FILE is not set: every route except /healthz, /readyz and /openapi.json answers 401',
    );
    return createTokenRegistry([]);
  }
  return createTokenRegistry(await loadTokenFile(env.adminTokensFile));
}

/** Starts the admin API and the scheduler. Throws ConfigError (exit 2) on bad mappings or tokens. */
export async function startService(
  env: AppEnv,
  logger: Logger,
  scrubber: SecretScrubber,
  options: ServeOptions,
): Promise<RunningService> {
  const clock: Clock = { now: Date.now };
  const tokens = await loadTokens(env, logger);
  if (options.seedMappingsFrom) await seedMappings(env.mappingsDir, options.seedMappingsFrom, logger);
  const loaded = await loadMappings(env.mappingsDir);
  const unwritable = await unwritableReason(env.mappingsDir);
  if (unwritable)
    logger.warn(
      { dir: env.mappingsDir, code: unwritable },
      `the mapping directory ${env.mappingsDir} is not writable by this process (${unwritable}): approving a proposal will answer 503 until it is`,
    );
  const store = await openStore(env);
  const configured = SOURCE_NAMES.filter((s) => !env.skipped.includes(s));
  // With a queue, scheduled runs are jobs for `health-sync worker`; without one, they run here.
  const queue = env.queue?.enabled
    ? await startQueueScheduling(env, env.queue, logger, configured)
    : undefined;
  // A worker may be running this tenant right now: it closes stale runs itself, under the tenant's lock.
  if (!queue) {
    const abandoned = await store.runs.abandonStale('the process ended while the run was going');
    if (abandoned) logger.warn({ abandoned }, 'runs left running by an earlier process were marked failed');
  }
  await reportHashKeyPlace(env, store.meta, logger);

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'health_sync_process_' });
  const metrics = serverMetrics(registry);
  const onReload = reportReload(store, metrics, env.mappingsDir);
  const validator = createWorkerValidator();
  const mappings = createMappingsHolder(
    { dir: env.mappingsDir, logger, onReload, validate: validator.validate },
    loaded,
  );

  const pipeline = await loadPipeline(options.pipeline);
  const pipelineCtx = { env, store, mappings, logger, scrubber, clock };
  const runner = await pipeline.createSyncRunner(pipelineCtx);
  const preview = await (pipeline.createPreview ?? defaultPipeline.createPreview)(pipelineCtx);
  const local = createRunControl({ runner, store, logger, scrubber, now: () => clock.now() });
  const control = queue ? queue.lockControl(local) : local;
  control.onFinish((record) => metrics.observeRun(record));

  const authGuard = createAuthGuard({
    store,
    clock,
    logger,
    ...(env.adminAuthFailureLimit === undefined ? {} : { limit: env.adminAuthFailureLimit }),
  });
  // Failed authentications are audited per client and minute: write each minute's rows once it is over.
  // flush() never rejects: a row it cannot write is logged.
  const authFlush = setInterval(() => void authGuard.flush(), 60_000);
  authFlush.unref();
  const app = createApp({
    store,
    mappings,
    runner,
    control,
    preview,
    tokens,
    clock,
    logger,
    scrubber,
    registry,
    sources: configured,
    authGuard,
  });
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(options.port, options.host ?? '::', () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: options.host ?? '::' }, `admin API listening on port ${port}`);

  const scheduler: Scheduler =
    queue?.scheduler ??
    createScheduler({
      control,
      logger,
      configured,
      onSkipped: (job) => metrics.skippedTick(job),
    });
  if (options.schedule) scheduler.apply(loaded.schedule ?? defaultSchedule());
  else logger.info('scheduler off (--no-schedule): runs start only through the API');
  mappings.onChange((next, previous) => {
    if (options.schedule && digestOf(next.schedule ?? null) !== digestOf(previous?.schedule ?? null))
      scheduler.apply(next.schedule ?? defaultSchedule());
  });
  const watcher = watchMappings(mappings, logger, { debounceMs: options.watchDebounceMs ?? 300 });

  let stopping: Promise<0 | 1> | undefined;
  return {
    port,
    server,
    store,
    mappings,
    control,
    scheduler,
    tokens,
    queue,
    async reload(origin) {
      await mappings.reload(origin).catch((err: unknown) => logger.error({ err }, 'mapping reload failed'));
      if (!env.adminTokensFile) return;
      await reloadTokens({
        file: env.adminTokensFile,
        tokens,
        store,
        logger,
        origin,
        now: () => clock.now(),
      });
    },
    shutdown(reason) {
      stopping ??= gracefulShutdown(
        {
          stopIntake: () => {
            scheduler.stop();
            watcher.close();
            control.close();
          },
          abortRun: () => control.abort(reason),
          waitForRun: () => control.idle(),
          closeServer: () =>
            new Promise<void>((ok) => {
              server.close(() => ok());
              server.closeIdleConnections();
              setTimeout(() => server.closeAllConnections(), 1000).unref();
            }),
          closeStore: async () => {
            void validator.close();
            clearInterval(authFlush);
            await authGuard.flush(true);
            await queue?.stop();
            await store.close();
          },
        },
        { timeoutMs: options.shutdownTimeoutMs, logger, reason },
      );
      return stopping;
    },
  };
}
