import {
  type SalesforceConnection,
  type SalesforceSession,
  createSalesforceConnection,
} from '../../connectors/salesforce/index.ts';
import type { AppEnv } from '../config/env.ts';
import type { LoadedMappings } from '../config/mappings/index.ts';
import { UsageError, WriteError, type SourceName } from '../errors.ts';
import { resolveHashKey } from '../facts/keys.ts';
import { createCounters } from '../http/limits.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import type { RunRecord, Store } from '../store/store.ts';
import { READ_ORDER } from '../sources.ts';
import type { WritePlan } from '../writeback/plan.ts';
import { RunRecorder } from './run-recorder.ts';
import { runStream } from './run-stream.ts';
import { incompleteSources, isConfigured, streamsFor } from './source-streams.ts';
import type { RunHooks, RunProgress, SyncOptions, SyncRunner } from './types.ts';
import { collectEagerly } from './heap.ts';
import { matchStage } from './stages/match.ts';
import { scoreStage } from './stages/score.ts';
import { writeStage } from './stages/write.ts';

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
    const connection =
      env.salesforce && (shared ??= createSalesforceConnection(env.salesforce, { log: deps.log, now }));
    const salesforce = (): Promise<SalesforceSession> =>
      connection ? connection.session() : Promise.reject(new UsageError('Salesforce is not configured'));
    const recorder = await RunRecorder.start(store.runs, { ...options }, { scrubber });
    hooks.onStart?.(recorder.id);
    const log = deps.log.child({ run: recorder.id });
    let current: RunProgress = { stage: 'sources' };
    const progress = async (p: RunProgress): Promise<void> => {
      current = p;
      await recorder.progress(p);
      onProgress?.(p);
    };
    const { mappings } = deps.mappings();
    const hashKey = await resolveHashKey(env.hashKey, store.meta);
    log.info(
      { trigger: options.trigger, sources, full: options.full, dryRun: options.dryRun },
      'run started',
    );

    for (const source of sources) {
      if (signal.aborted) break;
      const counters = createCounters();
      // A wait on a rate limit shows in the progress until the next page replaces it.
      // The HTTP client tells of a wait synchronously: the progress is saved without waiting for it.
      counters.onWait = (w) =>
        void progress({ ...current, waiting: `${w.why}, ${Math.ceil(w.waitMs / 1000)} s` }).catch(
          (err: unknown) => log.warn({ err }, 'could not save the run progress'),
        );
      // Salesforce's calls are counted by its connection, which outlives a run: this source's share.
      const sfBefore = source === 'salesforce' ? connection?.usage() : undefined;
      try {
        for (const stream of streamsFor(source, {
          env,
          mappings,
          store,
          log,
          scrubber,
          hashKey,
          counters,
          salesforce,
        })) {
          if (signal.aborted) break;
          await progress({ stage: 'sources', stream: stream.name, pages: 0, records: 0 });
          let committed = { pages: 0, upserts: 0, deletes: 0 };
          let stats;
          try {
            stats = await runStream(stream, {
              store,
              log,
              signal,
              full: options.full,
              now,
              onPage: async (p) => {
                committed = { pages: p.pages, upserts: p.upserts, deletes: p.deletes };
                await progress({
                  stage: 'sources',
                  stream: p.stream,
                  pages: p.pages,
                  records: p.upserts + p.deletes,
                  ...(p.position ? { position: p.position } : {}),
                });
              },
            });
          } finally {
            // A stream that fails part-way has still committed its pages (and their cursor).
            await recorder.source(source, { ...committed, records: committed.upserts + committed.deletes });
          }
          if (stats.reconciliation) {
            const r = stats.reconciliation;
            await recorder.change((s) => ({
              ...s,
              reconciliation: [
                ...s.reconciliation,
                { stream: stream.name, ...r, difference: r.expected === null ? null : r.expected - r.stored },
              ],
            }));
          }
        }
      } catch (err) {
        log.error(
          { err, source },
          `${source}: the source failed; its cursor stays at the last committed page`,
        );
        await recorder.error(err, { stage: 'sources', source });
      } finally {
        const used = connection && sfBefore ? connection.usage(sfBefore) : counters;
        await recorder.source(source, {
          apiCalls: used.requests,
          retries: used.retries,
          rateLimited: used.rateLimited,
          rateLimitWaitMs: Math.round(used.rateLimitWaitMs),
          limiterWaitMs: Math.round(used.limiterWaitMs),
        });
      }
    }

    try {
      if (!signal.aborted) {
        await progress({ stage: 'match' });
        collectEagerly(true);
        const unmatched = await matchStage(store, mappings, options, log);
        await recorder.change((s) => ({ ...s, unmatched }), true);
      }
      if (!signal.aborted) {
        await progress({ stage: 'score' });
        const incomplete = await incompleteSources(env, mappings, store);
        // Scores missing a whole source are neither kept nor written: they would later "drop" when
        // its data arrives, and open Tasks for nothing.
        const scored = await scoreStage(store, mappings, now(), options.dryRun || incomplete.length > 0);
        if (!signal.aborted && env.salesforce && incomplete.length) {
          const message = `write-back skipped: ${incomplete.join(', ')} has not yet been read to the end once, so scores lack its data (not saved either); it resumes when a run completes it`;
          log.warn({ incomplete }, message);
          await recorder.error(new WriteError('WRITE_SKIPPED', message), { stage: 'write' });
        } else if (!signal.aborted && connection) {
          await progress({ stage: 'write' });
          const result = await writeStage({
            store,
            mappings,
            log,
            salesforce: connection,
            now,
            dryRun: options.dryRun,
            ...scored,
            ...(deps.onPlan ? { onPlan: deps.onPlan } : {}),
          });
          await recorder.change(
            (s) => ({
              ...s,
              writes: result.writes,
              tasksCreated: result.tasksCreated,
              errors: [...s.errors, ...result.errors],
            }),
            true,
          );
        } else if (!env.salesforce)
          log.info('salesforce: not configured, scores are kept locally and nothing is written back');
      }
    } catch (err) {
      log.error({ err }, 'run failed');
      await recorder.error(err, { stage: recorder.current().progress?.stage ?? 'sources' });
      return await recorder.finish({ status: 'failed' });
    } finally {
      collectEagerly(false);
    }
    const record = await recorder.finish({ aborted: signal.aborted });
    log.info({ status: record.status, durationMs: record.stats['durationMs'] }, 'run finished');
    return record;
  }

  return { run };
}
