import { type SalesforceConnection, createSalesforceConnection } from '../../connectors/salesforce/index.ts';
import type { AppEnv } from '../config/env.ts';
import type { LoadedMappings } from '../config/mappings/index.ts';
import { UsageError, type SourceName } from '../errors.ts';
import { resolveHashKey } from './hash-key.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { RunRecord, Store } from '../store/store.ts';
import { READ_ORDER } from '../sources.ts';
import type { WritePlan } from '../writeback/plan.ts';
import { RunRecorder } from './run-recorder.ts';
import type { RunContext } from './run-context.ts';
import { incompleteSources, isConfigured } from './source-streams.ts';
import type { RunHooks, SyncOptions, SyncRunner } from './types.ts';
import { collectEagerly } from './heap.ts';
import { backfillStage, trendDaysStage } from './stages/history-stage.ts';
import { matchStage } from './stages/match.ts';
import { scoreStage } from './stages/score.ts';
import { sourcesStage } from './stages/sources.ts';
import { writeBackStage } from './stages/write.ts';
import { snapshotsStage } from './stages/snapshots-stage.ts';
import { recordConfigChange } from './stages/config-change.ts';
import { DirtyAccounts } from './dirty-accounts.ts';
import { takeRescoreState } from './stages/rescore-state.ts';
import { takeWriteSettled, writeSettledKey } from './stages/write-settled.ts';

export interface PipelineDeps {
  env: AppEnv;
  store: Store;
  /** The configuration in force; read once at the start of each run (a reload replaces it). */
  mappings: () => LoadedMappings;
  log: Logger;
  /** Scrubs the run record's errors; the sources' clients add the credentials they obtain. */
  scrubber: SecretScrubber;
  now?: () => number;
  /** Receives the write plan of every run (the CLI prints it for --dry-run). */
  onPlan?: (plan: WritePlan) => void;
}

/** Which sources a run reads: the named ones, or every configured one; none for a score-only run. */
export function sourcesToRead(
  env: AppEnv,
  options: Pick<SyncOptions, 'sources' | 'scoreOnly'>,
): SourceName[] {
  if (options.scoreOnly) return [];
  for (const s of options.sources)
    if (!isConfigured(env, s))
      throw new UsageError(`${s} is not configured: set its environment variables (see README)`, {
        source: s,
      });
  return READ_ORDER.filter((s) =>
    options.sources.length ? options.sources.includes(s) : isConfigured(env, s),
  );
}

/**
 * The sync pipeline: sources → match → score → write-back, one run record throughout. A source that
 * fails is recorded and the run goes on with the others (its cursor stays at its last committed page);
 * an abort (SIGTERM) lets the current page commit and skips the later stages.
 */
export function createPipeline(deps: PipelineDeps): SyncRunner {
  const { env, store, scrubber } = deps;
  const now = deps.now ?? Date.now;
  // One connection for every run, made at the first: under `serve` its session (and its call
  // counts) outlive a run.
  let shared: SalesforceConnection | undefined;

  async function run(options: SyncOptions, hooks: RunHooks = {}): Promise<RunRecord> {
    const { signal = new AbortController().signal, onProgress } = hooks;
    const sources = sourcesToRead(env, options);
    const salesforce =
      env.salesforce && (shared ??= createSalesforceConnection(env.salesforce, { log: deps.log, now }));
    const recorder = await RunRecorder.start(store.runs, { ...options }, { scrubber });
    hooks.onStart?.(recorder.id);
    const log = deps.log.child({ run: recorder.id });
    const { mappings, digest } = deps.mappings();
    // What this run changes, for rescoring only those accounts; a full sync rescores all, untracked.
    const dirty = options.full ? undefined : new DirtyAccounts();
    const tracked = dirty ? dirty.track(store) : store;
    const ctx: RunContext = {
      env,
      store: tracked,
      mappings,
      options,
      log,
      scrubber,
      now,
      signal,
      recorder,
      // The caller hears of progress at once; a wait reported by the HTTP client is not awaited,
      // so a run may end before its store write does.
      progress: (p) => {
        onProgress?.(p);
        return recorder.progress(p);
      },
    };
    await recorder.change((s) => ({ ...s, mappingsDigest: digest }), true);
    const hashKey = await resolveHashKey(env.hashKey, store.meta);
    // Taken before anything is stored: should this run fail after storing facts, the next one rescores all.
    const rescoreState = await takeRescoreState(store.meta);
    const writeSettled = await takeWriteSettled(store.meta);
    log.info(
      { trigger: options.trigger, sources, full: options.full, dryRun: options.dryRun },
      'run started',
    );

    await sourcesStage(ctx, sources, { hashKey, salesforce });
    // Eager collection is counted (src/sync/heap.ts): released only when this run took it.
    let eager = false;
    try {
      if (!signal.aborted) {
        await ctx.progress({ stage: 'match' });
        collectEagerly(true);
        eager = true;
        const unmatched = await matchStage(tracked, mappings, options, log);
        await recorder.change((s) => ({ ...s, unmatched }), true);
      }
      if (!signal.aborted) {
        await ctx.progress({ stage: 'score' });
        const incomplete = await incompleteSources(env, mappings, store);
        const rebuilt = !options.dryRun && incomplete.length === 0 && (await trendDaysStage(ctx));
        // Scores missing a whole source are neither kept nor written: they would later "drop" when
        // its data arrives, and open Tasks for nothing.
        const settledKey = writeSettledKey(now(), digest);
        const scored = await scoreStage(store, mappings, now(), options.dryRun || incomplete.length > 0, {
          dirty: dirty?.ids ?? new Set(),
          state: rescoreState,
          // Nothing changed and nothing was left to write: the saved scores need not be read.
          summaries: !(dirty?.ids.size === 0 && writeSettled === settledKey && salesforce !== undefined),
          forced: !dirty
            ? 'full sync'
            : options.dryRun
              ? 'dry run'
              : incomplete.length > 0
                ? 'sources not yet read to their end (scores not saved)'
                : rebuilt
                  ? 'score history rebuilt'
                  : dirty.overflow,
        });
        await recorder.change((s) => ({ ...s, rescored: scored.rescored }), true);
        log.info(scored.rescored, 'scored accounts');
        if (scored.configChange) await recordConfigChange(ctx, scored.configChange);
        if (!signal.aborted)
          await writeBackStage(
            ctx,
            {
              ...scored,
              // Only dirty accounts were rescored, and there were none: same hour, same facts.
              signalsUnchanged: scored.rescored.reason === 'changed facts' && dirty?.ids.size === 0,
            },
            {
              salesforce,
              incomplete,
              settledKey,
              ...(deps.onPlan ? { onPlan: deps.onPlan } : {}),
            },
          );
        // Older history after the scores are out, so a first run's scores wait for none of it.
        if (!signal.aborted && !options.dryRun && incomplete.length === 0 && !rebuilt)
          await backfillStage(ctx);
        await snapshotsStage(ctx, { salesforce, incomplete });
      }
    } catch (err) {
      log.error({ err }, 'run failed');
      await recorder.error(err, { stage: recorder.current().progress?.stage ?? 'sources' });
      return await recorder.finish({ status: 'failed' });
    } finally {
      if (eager) collectEagerly(false);
    }
    const record = await recorder.finish({ aborted: signal.aborted });
    log.info({ status: record.status, durationMs: record.stats['durationMs'] }, 'run finished');
    return record;
  }

  return { run };
}
