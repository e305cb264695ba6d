import { SourceError } from '../errors.ts';
import { Fact, FactRef, type FactBatch } from '../facts/schemas.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { Reconciliation, StreamDef, StreamPage } from '../facts/stream.ts';
import type { ReadPosition } from '../facts/stream-position.ts';

export interface RunStreamDeps {
  store: Store;
  log: Logger;
  /** Aborted on SIGTERM: the page in hand is committed, then the stream stops. */
  signal: AbortSignal;
  /** Ignore the stored cursor and read from the stream's start. */
  full: boolean;
  onPage?: (progress: {
    stream: string;
    pages: number;
    upserts: number;
    deletes: number;
    position?: ReadPosition;
  }) => void | Promise<void>;
  now?: () => number;
  /** Reconcile again only this long after the last reconciliation (default RECONCILE_EVERY_MS). */
  reconcileEveryMs?: number;
}

export type ResetReason =
  'first run' | 'full sync requested' | 'configuration changed' | 'stored cursor invalid';

export interface StreamStats {
  stream: string;
  pages: number;
  upserts: number;
  deletes: number;
  /** True when the stream started over instead of continuing from a stored cursor. */
  reset: boolean;
  resetReason?: ResetReason;
  /** True when the run stopped early on the abort signal (the cursor is at the last committed page). */
  aborted: boolean;
  reconciliation?: Reconciliation;
  /** Reconciliation is advisory: its failure is reported here, not raised. */
  reconciliationError?: string;
}

/** The meta key holding when a stream was last read to its end. */
export const completedKey = (stream: string): string => `stream.completed:${stream}`;
const reconciledKey = (stream: string): string => `stream.reconciled:${stream}`;

/**
 * Reconciliation costs a count request and answers a slow question (has the source drifted from the
 * store?): it runs after a stream starts over, and otherwise at most once an hour, so that a run
 * every few minutes with nothing new makes one request per stream.
 */
export const RECONCILE_EVERY_MS = 3_600_000;

/** True once the stream has been read to its end at least once (for its current configuration or an earlier one). */
export const everCompleted = async (store: Pick<Store, 'meta'>, stream: string): Promise<boolean> =>
  (await store.meta.get(completedKey(stream))) !== undefined;

/**
 * Runs one stream: loads its cursor (or starts over, saying why), commits every page's facts together
 * with the cursor after that page, and reconciles at the end. A crash between pages leaves the cursor
 * at the last committed page, and upserts make the replay of a page harmless.
 */
export async function runStream<C>(stream: StreamDef<C>, deps: RunStreamDeps): Promise<StreamStats> {
  const log = deps.log.child({ stream: stream.name });
  const { cursor, reason } = await startingCursor(stream, deps, log);
  const stats: StreamStats = {
    stream: stream.name,
    pages: 0,
    upserts: 0,
    deletes: 0,
    reset: reason !== undefined,
    aborted: false,
    ...(reason ? { resetReason: reason } : {}),
  };
  if (deps.signal.aborted) return { ...stats, aborted: true };
  // Everything is read again: the relink after it matches every fact, so queueing each is wasted.
  if (reason) await deps.store.matchQueue.suspend((deps.now ?? Date.now)());

  const ctx = { cursor, signal: deps.signal, log, now: deps.now ?? Date.now };
  const pages = stream.read(ctx)[Symbol.asyncIterator]();
  let ahead: Promise<IteratorResult<StreamPage<C>>> | undefined = pages.next();
  try {
    for (;;) {
      const step: IteratorResult<StreamPage<C>> = await ahead!;
      ahead = undefined;
      if (step.done) break;
      const page = step.value;
      const batch = validBatch(stream, page.batch);
      const next = stream.cursor.safeParse(page.cursor);
      if (!next.success)
        throw new SourceError(
          'SOURCE_RESPONSE_INVALID',
          stream.source,
          `${stream.name} produced an invalid cursor (a bug)`,
          {
            stream: stream.name,
            problem: next.error.issues[0]?.message ?? 'invalid',
          },
        );
      if (!deps.signal.aborted) {
        // Ask for the next page before committing this one, so the source prepares it while we write.
        // Its cursor is committed only with its own page, after this one; a stream that reads the store
        // mid-read (a sweep: stored minus seen) is unaffected, as this page's records are already seen.
        ahead = pages.next();
        ahead.catch(() => undefined); // surfaced when awaited, after this page is committed
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await deps.store.facts.commitPage(stream.name, batch, {
        value: next.data,
        fingerprint: stream.fingerprint,
      });
      stats.pages++;
      stats.upserts += batch.upserts.length;
      stats.deletes += batch.deletes.length;
      await deps.onPage?.({
        stream: stream.name,
        pages: stats.pages,
        upserts: stats.upserts,
        deletes: stats.deletes,
        ...(page.position ? { position: page.position } : {}),
      });
      if (deps.signal.aborted) {
        stats.aborted = true;
        log.info({ pages: stats.pages }, 'stopping after the committed page (shutdown requested)');
        break;
      }
    }
  } finally {
    // A page read ahead but not committed is dropped; closing the generator lets it clean up.
    if (ahead)
      await ahead.then(
        () => pages.return?.(),
        () => undefined,
      );
  }

  // Until a stream has once been read to its end, its source's data is missing rather than zero.
  if (!stats.aborted) await deps.store.meta.set(completedKey(stream.name), String(ctx.now()));

  const last = Number((await deps.store.meta.get(reconciledKey(stream.name))) ?? Number.NaN);
  const due = stats.reset || !(ctx.now() - last < (deps.reconcileEveryMs ?? RECONCILE_EVERY_MS));
  if (!stats.aborted && stream.reconcile && due) {
    try {
      stats.reconciliation = await stream.reconcile({ log, signal: deps.signal, facts: deps.store.facts });
      await deps.store.meta.set(reconciledKey(stream.name), String(ctx.now()));
    } catch (err) {
      stats.reconciliationError = err instanceof Error ? err.message : String(err);
      log.warn({ err }, 'reconciliation failed');
    }
  }
  log.info(
    { pages: stats.pages, upserts: stats.upserts, deletes: stats.deletes, reset: stats.reset },
    'stream done',
  );
  return stats;
}

async function startingCursor<C>(
  stream: StreamDef<C>,
  deps: RunStreamDeps,
  log: Logger,
): Promise<{ cursor: C | undefined; reason?: ResetReason }> {
  const stored = await deps.store.cursors.get(stream.name);
  const restart = (
    reason: ResetReason,
    detail: Record<string, unknown> = {},
  ): { cursor: undefined; reason: ResetReason } => {
    log.info(detail, `starting over: ${reason}`);
    return { cursor: undefined, reason };
  };
  if (!stored) return restart('first run');
  if (deps.full) return restart('full sync requested');
  if (stored.fingerprint !== stream.fingerprint)
    return restart('configuration changed', { was: stored.fingerprint, now: stream.fingerprint });
  const parsed = stream.cursor.safeParse(stored.value);
  if (!parsed.success) return restart('stored cursor invalid', { problem: parsed.error.issues[0]?.message });
  log.debug('continuing from the stored cursor');
  return { cursor: parsed.data };
}

/** Facts pass the Fact schema before they are stored: a bad one is a mapper bug, so the run fails loudly. */
function validBatch<C>(stream: StreamDef<C>, batch: FactBatch): FactBatch {
  const fail = (what: string, id: unknown, problem: string): never => {
    throw new SourceError(
      'SOURCE_RESPONSE_INVALID',
      stream.source,
      `${stream.name} produced an invalid ${what} (a bug): ${problem}`,
      {
        stream: stream.name,
        id: typeof id === 'string' ? id : null,
        problem,
      },
    );
  };
  const describe = (issues: { path: PropertyKey[]; message: string }[]): string =>
    issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  const upserts = batch.upserts.map((f) => {
    const r = Fact.safeParse(f);
    return r.success ? r.data : fail('fact', (f as { id?: unknown }).id, describe(r.error.issues));
  });
  const deletes = batch.deletes.map((d) => {
    const r = FactRef.safeParse(d);
    return r.success ? r.data : fail('delete', (d as { id?: unknown }).id, describe(r.error.issues));
  });
  return { upserts, deletes };
}
