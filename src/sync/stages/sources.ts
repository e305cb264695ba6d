import type { SalesforceConnection, SalesforceSession } from '../../../connectors/salesforce/index.ts';
import { UsageError } from '../../errors.ts';
import { createCounters } from '../../http/limits.ts';
import type { StreamDef } from '../../facts/stream.ts';
import type { SourceName } from '../../sources.ts';
import type { RunContext } from '../run-context.ts';
import type { RunProgress } from '../types.ts';
import { runStream } from '../run-stream.ts';
import { streamsFor } from '../source-streams.ts';

export interface SourcesStageDeps {
  hashKey: string;
  /** The pipeline's Salesforce connection (undefined when Salesforce is not configured). */
  salesforce: SalesforceConnection | undefined;
}

/**
 * Reads each source's streams in turn, each page committed with its cursor. A source that fails is
 * recorded and the others are still read (its cursor stays at its last committed page); an abort
 * lets the current page commit and reads nothing more.
 */
export async function sourcesStage(
  run: RunContext,
  sources: readonly SourceName[],
  deps: SourcesStageDeps,
): Promise<void> {
  for (const source of sources) {
    if (run.signal.aborted) break;
    await readSource(run, source, deps);
  }
}

async function readSource(run: RunContext, source: SourceName, deps: SourcesStageDeps): Promise<void> {
  const { recorder, log } = run;
  let current: RunProgress = { stage: 'sources' };
  const progress = (p: RunProgress): Promise<void> => {
    current = p;
    return run.progress(p);
  };
  const counters = createCounters();
  // A wait on a rate limit shows in the progress until the next page replaces it. The HTTP client
  // tells of a wait synchronously: the progress is saved without waiting for it.
  counters.onWait = (w) =>
    void progress({ ...current, waiting: `${w.why}, ${Math.ceil(w.waitMs / 1000)} s` }).catch(
      (err: unknown) => log.warn({ err }, 'could not save the run progress'),
    );
  const connection = deps.salesforce;
  const session = (): Promise<SalesforceSession> =>
    connection ? connection.session() : Promise.reject(new UsageError('Salesforce is not configured'));
  // Salesforce's calls are counted by its connection, which outlives a run: this source's share.
  const sfBefore = source === 'salesforce' ? connection?.usage() : undefined;
  try {
    const streams = streamsFor(source, {
      env: run.env,
      mappings: run.mappings,
      store: run.store,
      log,
      scrubber: run.scrubber,
      hashKey: deps.hashKey,
      counters,
      salesforce: session,
    });
    for (const stream of streams) {
      if (run.signal.aborted) break;
      await readStream(run, source, stream, progress);
    }
  } catch (err) {
    log.error({ err, source }, `${source}: the source failed; its cursor stays at the last committed page`);
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

async function readStream(
  run: RunContext,
  source: SourceName,
  stream: StreamDef<unknown>,
  progress: (p: RunProgress) => Promise<void>,
): Promise<void> {
  const { recorder } = run;
  await progress({ stage: 'sources', stream: stream.name, pages: 0, records: 0 });
  let committed = { pages: 0, upserts: 0, deletes: 0 };
  let stats;
  try {
    stats = await runStream(stream, {
      store: run.store,
      log: run.log,
      signal: run.signal,
      full: run.options.full,
      now: run.now,
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
  const r = stats.reconciliation;
  if (r)
    await recorder.change((s) => ({
      ...s,
      reconciliation: [
        ...s.reconciliation,
        { stream: stream.name, ...r, difference: r.expected === null ? null : r.expected - r.stored },
      ],
    }));
}
