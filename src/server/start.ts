import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { AppEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { Store } from '../store/store.ts';
import type { RunControl } from '../sync/single-flight.ts';
import { DEFAULT_TENANT, type TenantContext } from '../tenants/index.ts';
import type { Clock } from './deps.ts';
import type { MappingsHolder } from './mappings-holder.ts';
import * as defaultPipeline from './pipeline-module.ts';
import type { PipelineModule } from './pipeline-module.ts';
import { startQueueScheduling, type QueueScheduling } from './queue-scheduling.ts';
import type { Scheduler } from './scheduler.ts';
import { gracefulShutdown } from './shutdown.ts';
import { startTenant, type TenantService } from './start-tenant.ts';
import { createTenantRouter } from './tenant-router.ts';
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
  /** The tenants to serve (src/tenants: loadTenantContexts); default: one tenant, `env` as it is. */
  tenants?: readonly TenantContext[];
}

export interface RunningService {
  port: number;
  server: Server;
  /** The first tenant's (the only one of a single-company install). */
  store: Store;
  mappings: MappingsHolder;
  control: RunControl;
  scheduler: Scheduler;
  /** Every tenant served, in the tenants file's order. */
  tenants: readonly TenantService[];
  tokens: TokenRegistry;
  /** With HEALTH_SYNC_QUEUE: the queue the schedulers fill and the leadership they tick under. */
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

async function loadTokens(env: AppEnv, logger: Logger, tenantIds: readonly string[]): Promise<TokenRegistry> {
  if (!env.adminTokensFile) {
    logger.warn(
      'ADMIN_TOKENS_FILE is not set: every route except /healthz, /readyz and /openapi.json answers 401',
    );
    return createTokenRegistry([]);
  }
  return createTokenRegistry(await loadTokenFile(env.adminTokensFile, tenantIds));
}

/**
 * Starts the admin API and, per tenant, its store, pipeline and scheduler. Throws ConfigError (exit 2)
 * on bad mappings or tokens; a tenant that fails to start closes the stores already opened.
 */
export async function startService(
  env: AppEnv,
  logger: Logger,
  scrubber: SecretScrubber,
  options: ServeOptions,
): Promise<RunningService> {
  const clock: Clock = { now: Date.now };
  const contexts: readonly TenantContext[] = options.tenants ?? [
    { id: DEFAULT_TENANT, env, mappingsDir: env.mappingsDir, store: env },
  ];
  const tenantIds = contexts.map((t) => t.id);
  const tokens = await loadTokens(env, logger, tenantIds);
  const validator = createWorkerValidator();
  const pipeline = await loadPipeline(options.pipeline);
  // With a queue, scheduled runs are jobs for `health-sync worker`; without one, they run here.
  const queue = env.queue?.enabled ? await startQueueScheduling(env.queue, logger) : undefined;
  const tenants: TenantService[] = [];
  try {
    for (const tenant of contexts)
      tenants.push(
        await startTenant(tenant, {
          logger,
          scrubber,
          tokens,
          clock,
          validator,
          pipeline,
          tenantIds: contexts.map((c) => c.id),
          schedule: options.schedule,
          watchDebounceMs: options.watchDebounceMs ?? 300,
          seedMappingsFrom: options.seedMappingsFrom,
          queue,
        }),
      );
  } catch (err) {
    await Promise.all(tenants.map((t) => t.store.close().catch(() => undefined)));
    await validator.close();
    await queue?.stop();
    throw err;
  }
  const [first] = tenants;
  if (!first) throw new Error('startService: no tenant');
  if (tenants.length > 1) logger.info({ tenants: tenantIds }, `serving ${tenants.length} tenants`);

  // Failed authentications are audited per client and minute: write each minute's rows once it is over.
  // flush() never rejects: a row it cannot write is logged.
  const authFlush = setInterval(() => void Promise.all(tenants.map((t) => t.authGuard.flush())), 60_000);
  authFlush.unref();
  const app = createTenantRouter(tenants);
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(options.port, options.host ?? '::', () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: options.host ?? '::' }, `admin API listening on port ${port}`);
  for (const tenant of tenants) tenant.startSchedule();

  let stopping: Promise<0 | 1> | undefined;
  return {
    port,
    server,
    store: first.store,
    mappings: first.mappings,
    control: first.control,
    scheduler: first.scheduler,
    tenants,
    tokens,
    queue,
    async reload(origin) {
      for (const tenant of tenants)
        await tenant.mappings
          .reload(origin)
          .catch((err: unknown) => tenant.ctx.logger.error({ err }, 'mapping reload failed'));
      if (!env.adminTokensFile) return;
      // The tokens are the process's; the reload's audit row goes to the first tenant's store.
      await reloadTokens({
        file: env.adminTokensFile,
        tokens,
        store: first.store,
        logger,
        origin,
        now: () => clock.now(),
        tenantIds,
      });
    },
    shutdown(reason) {
      stopping ??= gracefulShutdown(
        {
          stopIntake: () => {
            for (const tenant of tenants) tenant.stopIntake();
          },
          abortRun: () => {
            for (const tenant of tenants) tenant.control.abort(reason);
          },
          waitForRun: async () => {
            await Promise.all(tenants.map((t) => t.control.idle()));
          },
          closeServer: () =>
            new Promise<void>((ok) => {
              server.close(() => ok());
              server.closeIdleConnections();
              setTimeout(() => server.closeAllConnections(), 1000).unref();
            }),
          closeStore: async () => {
            await validator.close();
            clearInterval(authFlush);
            await Promise.all(tenants.map((t) => t.closeStore()));
            await queue?.stop();
          },
        },
        { timeoutMs: options.shutdownTimeoutMs, logger, reason },
      );
      return stopping;
    },
  };
}
