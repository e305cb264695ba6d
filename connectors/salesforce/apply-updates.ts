import type { WriteError } from '../../src/errors.ts';
import { backoffMs, retryPolicy } from '../../src/http/index.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { RecordError, RecordOutcome, RecordUpdate } from '../../src/writeback/types.ts';
import type { SalesforceSession } from './auth.ts';
import type { WriteBudget } from './budget.ts';
import { isLimitExceeded, isTransientRecordCode, sfErrorCode } from './errors.ts';
import { type BulkOptions, DEFAULT_POLL_TIMEOUT_MS, updateBulk } from './write-bulk.ts';
import { COLLECTION_SIZE, updateCollection } from './write-collections.ts';

export interface ApplyUpdatesOptions {
  object: string;
  /** Above this many records, one Bulk API 2.0 job; sObject Collections (200 a request) up to it. */
  bulkThreshold: number;
  /** Sends of a record that keeps failing for a passing reason, the first included. */
  maxAttempts: number;
  bulk?: BulkOptions;
  /** SIGTERM: finish the request in flight, send no more (the rest is never sent). */
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: Logger;
  /**
   * Before each request, with how long it may last when that is longer than usual (a Bulk job's
   * polling): the caller renews its write lease, or throws to stop.
   */
  beforeRequest?: (longestMs: number | undefined) => void | Promise<void>;
  /** Each request's per-record results as they come, so that the caller can store them at once. */
  onResults?: (outcomes: readonly RecordOutcome[]) => void | Promise<void>;
}

export interface AppliedUpdates {
  /**
   * One final outcome per record sent, in the order it became final (those given up after passing
   * failures last, with `notRetried`); records never sent (budget, SIGTERM) are absent.
   */
  outcomes: RecordOutcome[];
  /** Record sends repeated after a transient failure (UNABLE_TO_LOCK_ROW...). */
  retried: number;
  /** WRITE_BUDGET_EXHAUSTED when writing stopped for the budget. */
  stopped: WriteError | null;
}

/** Budget for a Bulk 2.0 job: create, upload, close, a few polls, three result reads. */
const BULK_COST = 8;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const NO_REASON: RecordError = { code: 'UNKNOWN', message: 'Salesforce gave no reason', fields: [] };

const allTransient = (errors: readonly RecordError[]): boolean =>
  errors.every((e) => isTransientRecordCode(e.code));

/**
 * Sends the updates: sObject Collections (200 a request) up to `bulkThreshold` records, one Bulk
 * API 2.0 job above. Records that fail for a passing reason are sent again, alone, with the shared
 * policy's backoff, up to `maxAttempts`; permanent failures are final. A request that fails as a
 * whole (5xx, a reset connection) has had the shared retry policy's attempts already (`sfCall`):
 * its records fail with its error and are not sent again. Writes stop cleanly at the API budget.
 */
export async function applyUpdates(
  session: SalesforceSession,
  budget: WriteBudget,
  updates: readonly RecordUpdate[],
  options: ApplyUpdatesOptions,
): Promise<AppliedUpdates> {
  const final: RecordOutcome[] = [];
  /** The last passing failure of each record still waiting for another send. */
  const waiting = new Map<string, RecordOutcome>();

  /** Files each result as final or waiting; returns the records to send again. */
  const settle = async (
    outcomes: readonly RecordOutcome[],
    sent: ReadonlyMap<string, RecordUpdate>,
    passing: (errors: readonly RecordError[]) => boolean,
  ): Promise<RecordUpdate[]> => {
    const known = outcomes.flatMap((o) => {
      const update = o.id === null ? undefined : sent.get(o.id);
      if (!update) return [];
      const outcome = o.success || o.errors.length ? o : { ...o, errors: [NO_REASON] };
      return [{ update, outcome }];
    });
    await options.onResults?.(known.map((k) => k.outcome));
    const again: RecordUpdate[] = [];
    for (const { update, outcome } of known) {
      if (!outcome.success && passing(outcome.errors)) {
        waiting.set(update.id, outcome);
        again.push(update);
        continue;
      }
      waiting.delete(update.id);
      final.push(outcome);
    }
    return again;
  };

  let pending = updates;
  let retried = 0;
  let attempts = 0;
  while (pending.length > 0) {
    attempts++;
    const sent = new Map(pending.map((u) => [u.id, u]));
    const useBulk = pending.length > options.bulkThreshold;
    const transient: RecordUpdate[] = [];
    for (const part of useBulk ? [pending] : chunk(pending, COLLECTION_SIZE)) {
      await options.beforeRequest?.(
        useBulk ? (options.bulk?.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) : undefined,
      );
      if (options.signal?.aborted || !budget.allows(useBulk ? BULK_COST : 1)) break;
      let outcomes: RecordOutcome[];
      let passing = allTransient;
      try {
        outcomes = useBulk
          ? (await updateBulk(session, options.object, part, options.bulk)).outcomes
          : await updateCollection(session, options.object, part);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (isLimitExceeded(err)) {
          budget.exhausted(message);
          break;
        }
        // The request has had the shared policy's retries (sfCall): it is not sent again here.
        const error: RecordError = { code: sfErrorCode(err) ?? 'REQUEST_FAILED', message, fields: [] };
        outcomes = part.map((u) => ({ id: u.id, success: false, errors: [error] }));
        passing = () => false;
      }
      transient.push(...(await settle(outcomes, sent, passing)));
    }
    if (budget.stop || options.signal?.aborted || transient.length === 0 || attempts >= options.maxAttempts)
      break;
    retried += transient.length;
    options.log?.info(
      { records: transient.length, attempt: attempts },
      'salesforce: retrying records that failed for a passing reason',
    );
    // The shared policy's backoff (capped exponential, full jitter), by the attempt that failed.
    await (options.sleep ?? wait)(
      backoffMs(attempts, retryPolicy(options.random ? { random: options.random } : {})),
    );
    pending = transient;
  }
  const why = budget.stop
    ? 'not sent again: writing stopped for the API budget'
    : `still failing after ${attempts} attempts`;
  for (const outcome of waiting.values()) final.push({ ...outcome, notRetried: why });
  return { outcomes: final, retried, stopped: budget.stop };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
