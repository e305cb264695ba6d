import type { SalesforceSession } from '../../connectors/salesforce/auth.ts';
import { isLimitExceeded, sfErrorCode } from '../../connectors/salesforce/errors.ts';
import {
  type BulkOptions,
  DEFAULT_POLL_TIMEOUT_MS,
  updateBulk,
} from '../../connectors/salesforce/write-bulk.ts';
import {
  COLLECTION_SIZE,
  type RecordOutcome,
  type RecordUpdate,
  updateCollection,
} from '../../connectors/salesforce/write-collections.ts';
import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import { backoffMs, retryPolicy } from '../http/index.ts';
import type { WriteError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import { WriteBudget } from './budget.ts';
import { acquireWriteLease } from './lease.ts';
import type { PlannedUpdate, WritePlan } from './plan.ts';
import { type Ledger, newLedger, recordOutcomes, requestFailed } from './outcomes.ts';

export interface WriteFailure {
  accountId: string;
  /** The field Salesforce named, when it named one. */
  field?: string;
  code: string;
  message: string;
}

export interface WriteResult {
  method: 'collections' | 'bulk' | 'none';
  /** Accounts sent at least once. */
  attempted: number;
  succeeded: number;
  failed: WriteFailure[];
  /** Record sends repeated after a transient failure (UNABLE_TO_LOCK_ROW...). */
  retried: number;
  /** API requests this apply sent. */
  requests: number;
  stoppedForBudget: boolean;
  /** Accounts never sent because writing stopped. */
  notAttempted: number;
  /** WRITE_BUDGET_EXHAUSTED when writing stopped for the budget. */
  error: WriteError | null;
}

export interface ApplyDeps {
  session: SalesforceSession;
  store: Pick<Store, 'confirmedValues' | 'leases' | 'transaction'>;
  log?: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  bulk?: BulkOptions;
  leaseTtlMs?: number;
  /** SIGTERM: finish the request in flight, send no more (the rest counts as not attempted). */
  signal?: AbortSignal;
}

/** Budget for a Bulk 2.0 job: create, upload, close, a few polls, three result reads. */
const BULK_COST = 8;
const LEASE_MARGIN_MS = 5 * 60_000;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const toRecord = (u: PlannedUpdate): RecordUpdate => ({ id: u.accountId, fields: u.fields });

/**
 * Sends the plan: sObject Collections (200 a request) up to `write.bulk_threshold` rows, one Bulk
 * API 2.0 job above. Every record's result is stored (confirmed values, or the error); transient
 * record failures are sent again, alone, with backoff, up to `write.max_attempts`; permanent ones are
 * reported per account and field. A request that fails as a whole (5xx, a reset connection) has had
 * the shared retry policy's attempts already (`sfCall`): its records are reported, not sent again.
 * Writes stop cleanly at the API budget. Holds the write lease.
 */
export async function applyWritePlan(
  plan: WritePlan,
  mapping: SalesforceMapping,
  deps: ApplyDeps,
): Promise<WriteResult> {
  const empty: WriteResult = {
    method: 'none',
    attempted: 0,
    succeeded: 0,
    failed: [],
    retried: 0,
    requests: 0,
    stoppedForBudget: false,
    notAttempted: 0,
    error: null,
  };
  if (plan.updates.length === 0) return empty;

  const now = deps.now ?? Date.now;
  const { session } = deps;
  const { meter } = session;
  const requestsBefore = meter.requests;
  const lease = await acquireWriteLease(deps.store.leases, {
    now,
    ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}),
  });
  const budget = new WriteBudget(deps.session, mapping.write.budget_share);
  const ledger: Ledger = newLedger();
  const record = (outcomes: RecordOutcome[], byId: Map<string, PlannedUpdate>): Promise<PlannedUpdate[]> =>
    recordOutcomes(outcomes, byId, ledger, deps.store, now());

  let pending = plan.updates;
  let retried = 0;
  let attempts = 0;
  try {
    await budget.ensureKnown();
    while (pending.length > 0) {
      attempts++;
      const byId = new Map(pending.map((u) => [u.accountId, u]));
      const useBulk = pending.length > mapping.write.bulk_threshold;
      const transient: PlannedUpdate[] = [];
      for (const part of useBulk ? [pending] : chunk(pending, COLLECTION_SIZE)) {
        // A Bulk job is one long step: hold the lease for as long as its polling may last.
        await lease.renew(
          useBulk ? (deps.bulk?.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) + LEASE_MARGIN_MS : undefined,
        );
        if (deps.signal?.aborted || !budget.allows(useBulk ? BULK_COST : 1)) break;
        try {
          const outcomes = useBulk
            ? (await updateBulk(session, plan.object, part.map(toRecord), deps.bulk)).outcomes
            : await updateCollection(session, plan.object, part.map(toRecord));
          transient.push(...(await record(outcomes, byId)));
        } catch (err) {
          if (isLimitExceeded(err)) {
            budget.exhausted(err instanceof Error ? err.message : String(err));
            break;
          }
          // The request has had the shared policy's retries (sfCall): it is not sent again here.
          // Its records are reported and, never confirmed, planned again by the next run.
          const code = sfErrorCode(err) ?? 'REQUEST_FAILED';
          const message = err instanceof Error ? err.message : String(err);
          await requestFailed(part, { code, message, transient: false }, ledger, deps.store, now());
        }
      }
      if (
        budget.stop ||
        deps.signal?.aborted ||
        transient.length === 0 ||
        attempts >= mapping.write.max_attempts
      )
        break;
      retried += transient.length;
      deps.log?.info(
        { records: transient.length, attempt: attempts },
        'salesforce: retrying records that failed for a passing reason',
      );
      // The shared policy's backoff (capped exponential, full jitter), by the attempt that failed.
      await (deps.sleep ?? wait)(
        backoffMs(attempts, retryPolicy(deps.random ? { random: deps.random } : {})),
      );
      pending = transient;
    }
  } finally {
    await lease.release();
  }
  const why = budget.stop
    ? 'not sent again: writing stopped for the API budget'
    : `still failing after ${attempts} attempts`;
  for (const accountId of [...ledger.lastTransient.keys()]) ledger.exhausted(accountId, why);

  if (budget.stop) deps.log?.warn({ err: budget.stop.toJSON() }, budget.stop.message);
  return {
    method: plan.method,
    attempted: ledger.attempted.size,
    succeeded: ledger.succeeded.size,
    failed: ledger.failed,
    retried,
    requests: meter.requests - requestsBefore,
    stoppedForBudget: budget.stop !== null,
    notAttempted: plan.updates.length - ledger.attempted.size,
    error: budget.stop,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
