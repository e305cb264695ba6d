import {
  COLLECTION_SIZE,
  type SalesforceConnection,
  type WriteBudget,
  isLimitExceeded,
  isTransientRequestError,
  sfErrorCode,
} from '../../../connectors/salesforce/index.ts';
import type { Store } from '../../store/store.ts';
import { markerLine } from '../../writeback/task-text.ts';
import type { AlertRow } from '../../writeback/types.ts';
import type { WriteLease } from './write-lease.ts';

export interface DeliveryResult {
  created: number;
  /** Pending alerts whose Task was found in Salesforce (sent by a run that died before recording it). */
  recovered: number;
  failed: { key: string; accountId: string; code: string; message: string }[];
}

const DAY_MS = 86_400_000;

/** Marks pending alerts whose Task already exists (its key in Description) as created. */
async function recover(
  salesforce: SalesforceConnection,
  store: Pick<Store, 'alerts'>,
  alerts: AlertRow[],
  budget: WriteBudget,
): Promise<{ toSend: AlertRow[]; found: Set<string> }> {
  const unsure = alerts.filter((a) => a.detail.attempts > 0);
  if (unsure.length === 0) return { toSend: alerts, found: new Set() };
  const found = new Set<string>();
  const byPrefix = Map.groupBy(unsure, (a) => a.detail.subjectPrefix);
  for (const [prefix, group] of byPrefix) {
    if (!budget.allows(Math.ceil(group.length / COLLECTION_SIZE))) break;
    const since = Math.min(...group.map((a) => a.createdAt)) - DAY_MS;
    const tasks = await salesforce.findTasks(
      group.map((a) => a.accountId),
      prefix,
      since,
    );
    for (const a of group) {
      const task = tasks.find(
        (t) => t.WhatId === a.accountId && (t.Description ?? '').includes(markerLine(a.key)),
      );
      if (!task) continue;
      await store.alerts.markCreated(a.key, task.Id, a.detail);
      found.add(a.key);
    }
  }
  // Without a lookup, an alert that may have been sent must not be sent again.
  const toSend = budget.stop
    ? alerts.filter((a) => a.detail.attempts === 0)
    : alerts.filter((a) => !found.has(a.key));
  return { toSend, found };
}

/**
 * Opens the Task of every pending alert, never two for one alert: an alert is counted as attempted
 * (durably) before its create request; a pending alert that was attempted is first looked for in
 * Salesforce. Creates are never blindly repeated (a POST is not idempotent): after a lost answer
 * the Tasks are looked for before one more send; what still fails stays pending for the next run.
 */
export async function deliverPendingAlerts(
  salesforce: SalesforceConnection,
  store: Pick<Store, 'alerts' | 'transaction'>,
  budget: WriteBudget,
  lease: WriteLease,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { created: 0, recovered: 0, failed: [] };
  const pending = await store.alerts.pending();
  if (pending.length === 0) return result;
  await lease.renew();
  const { toSend: toCreate, found } = await recover(salesforce, store, pending, budget);
  result.recovered = found.size;

  const queue: { part: AlertRow[]; resent: boolean }[] = [];
  for (let i = 0; i < toCreate.length; i += COLLECTION_SIZE)
    queue.push({ part: toCreate.slice(i, i + COLLECTION_SIZE), resent: false });

  for (let next = queue.shift(); next; next = queue.shift()) {
    const { part, resent } = next;
    await lease.renew();
    if (!budget.allows(1)) break;
    const attempted = part.map((a) => ({ ...a, detail: { ...a.detail, attempts: a.detail.attempts + 1 } }));
    await store.transaction(async () => {
      for (const a of attempted) await store.alerts.updateDetail(a.key, a.detail);
    });
    let outcomes;
    try {
      outcomes = await salesforce.createTasks(
        part.map((a) => ({ whatId: a.accountId, task: a.detail.task })),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (isLimitExceeded(err)) {
        budget.exhausted(message);
        break;
      }
      let recorded = new Set<string>();
      // The answer was lost (a dropped connection, a 5xx): Salesforce may have created some of
      // these Tasks. Those found are recorded; the rest are sent once more, in this run.
      if (!resent && isTransientRequestError(err)) {
        const { toSend, found } = await recover(salesforce, store, attempted, budget);
        result.recovered += found.size;
        if (!budget.stop) {
          if (toSend.length > 0) queue.unshift({ part: toSend, resent: true });
          continue;
        }
        recorded = found;
      }
      for (const a of part.filter((p) => !recorded.has(p.key)))
        result.failed.push({
          key: a.key,
          accountId: a.accountId,
          code: sfErrorCode(err) ?? 'REQUEST_FAILED',
          message,
        });
      continue;
    }
    await store.transaction(async () => {
      for (const [j, a] of attempted.entries()) {
        const o = outcomes[j]!;
        if (o.success && o.id) {
          await store.alerts.markCreated(a.key, o.id, { ...a.detail, lastError: null });
          result.created++;
          continue;
        }
        const e = o.errors[0] ?? { code: 'UNKNOWN', message: 'Salesforce gave no reason', fields: [] };
        // Refused, so certainly not created: the next run may send it again without a lookup.
        await store.alerts.updateDetail(a.key, {
          ...a.detail,
          attempts: a.detail.attempts - 1,
          lastError: `${e.code}: ${e.message}`,
        });
        result.failed.push({ key: a.key, accountId: a.accountId, code: e.code, message: e.message });
      }
    });
  }
  return result;
}
