import type { AppEnv } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { estimateRereads } from '../sync/stages/reread-estimate.ts';
import { previewMappings } from '../sync/stages/preview.ts';
import type { Store } from '../store/store.ts';
import { UsageError } from '../errors.ts';
import { createPipeline } from '../sync/pipeline.ts';
import type { SyncRunner } from '../sync/types.ts';
import type { Clock, PreviewFn } from './deps.ts';
import type { MappingsHolder } from './mappings-holder.ts';

/**
 * How `serve` gets the sync pipeline and the what-if preview: a module exporting these factories.
 * This file is the default; `serve --pipeline <module>` loads another one (tests inject fake runners).
 */
export interface PipelineContext {
  env: AppEnv;
  store: Store;
  /** The configuration in force changes on reload: read `mappings.current()` at the start of each run. */
  mappings: MappingsHolder;
  logger: Logger;
  scrubber: SecretScrubber;
  clock: Clock;
}

export interface PipelineModule {
  createSyncRunner(ctx: PipelineContext): SyncRunner | Promise<SyncRunner>;
  createPreview?(ctx: PipelineContext): PreviewFn | Promise<PreviewFn>;
}

/** The real pipeline: sources → match → score → write-back, with the configuration in force at each run's start. */
export function createSyncRunner(ctx: PipelineContext): SyncRunner {
  return createPipeline({
    env: ctx.env,
    store: ctx.store,
    mappings: () => {
      const current = ctx.mappings.current();
      if (!current)
        throw new UsageError('no valid mapping configuration is loaded (see the log for its problems)');
      return current;
    },
    log: ctx.logger,
    scrubber: ctx.scrubber,
    now: () => ctx.clock.now(),
  });
}

/** The scorecard's what-if over the stored facts: which accounts' scores and statuses would change. */
export function createPreview(ctx: PipelineContext): PreviewFn {
  return async (current, proposed) => {
    const now = ctx.clock.now();
    const reread = await estimateRereads(ctx.store, ctx.env, proposed.mappings, now);
    return previewMappings(ctx.store, current.mappings, proposed.mappings, now, { reread });
  };
}
