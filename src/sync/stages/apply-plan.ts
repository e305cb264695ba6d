import type { BulkOptions, SalesforceConnection } from '../../../connectors/salesforce/index.ts';
import type { SalesforceMapping } from '../../config/mappings/salesforce.ts';
import type { Logger } from '../../log/logger.ts';
import type { Store } from '../../store/store.ts';
import { NOTHING_WRITTEN, type WriteResult, describeErrors, writeResult } from '../../writeback/outcomes.ts';
import type { PlannedUpdate, WritePlan } from '../../writeback/plan.ts';
import type { RecordOutcome, RecordUpdate } from '../../writeback/types.ts';
import { acquireWriteLease } from './write-lease.ts';

export interface ApplyDeps {
  salesforce: SalesforceConnection;
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

/** Beyond a request's longest expected duration, how long the lease still holds. */
const LEASE_MARGIN_MS = 5 * 60_000;

/**
 * Sends the plan through the connection (collections up to `write.bulk_threshold` rows, one Bulk
 * API 2.0 job above; passing record failures sent again up to `write.max_attempts`; stopping at
 * `write.budget_share`), and stores every record's result as it comes: the confirmed values, or
 * the error (a refused value stays unconfirmed, so the next run plans it again). Holds the write
 * lease, renewed before each request.
 */
export async function applyWritePlan(
  plan: WritePlan,
  mapping: SalesforceMapping,
  deps: ApplyDeps,
): Promise<WriteResult> {
  if (plan.updates.length === 0) return NOTHING_WRITTEN;

  const now = deps.now ?? Date.now;
  const { salesforce, store } = deps;
  const before = salesforce.usage();
  const lease = await acquireWriteLease(store.leases, {
    now,
    ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}),
  });
  const planned = new Map(plan.updates.map((u) => [u.accountId, u]));
  const recordResults = (outcomes: readonly RecordOutcome[]): Promise<void> => {
    const at = now();
    return store.transaction(async () => {
      for (const o of outcomes) {
        const update = o.id === null ? undefined : planned.get(o.id);
        if (!update) continue;
        if (o.success) await store.confirmedValues.recordConfirmed(update.accountId, update.fields, at);
        else
          await store.confirmedValues.recordFailed(
            update.accountId,
            update.fields,
            describeErrors(o.errors),
            at,
          );
      }
    });
  };

  let applied;
  try {
    applied = await salesforce.applyUpdates(plan.updates.map(toRecord), {
      object: plan.object,
      bulkThreshold: mapping.write.bulk_threshold,
      maxAttempts: mapping.write.max_attempts,
      budgetShare: mapping.write.budget_share,
      // A Bulk job is one long step: hold the lease for as long as its polling may last.
      beforeRequest: (longestMs) =>
        lease.renew(longestMs === undefined ? undefined : longestMs + LEASE_MARGIN_MS),
      onResults: recordResults,
      ...(deps.log ? { log: deps.log } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.bulk ? { bulk: deps.bulk } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    await lease.release();
  }
  if (applied.stopped) deps.log?.warn({ err: applied.stopped.toJSON() }, applied.stopped.message);
  return writeResult(plan, { ...applied, requests: salesforce.usage(before).requests });
}

const toRecord = (u: PlannedUpdate): RecordUpdate => ({ id: u.accountId, fields: u.fields });
