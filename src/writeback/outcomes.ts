import { isTransientRecordCode } from '../../connectors/salesforce/errors.ts';
import type { RecordError, RecordOutcome } from '../../connectors/salesforce/write-collections.ts';
import type { Store } from '../store/store.ts';
import type { WriteFailure } from './apply.ts';
import type { PlannedUpdate } from './plan.ts';

/** What an apply has learnt so far, account by account. */
export interface Ledger {
  attempted: Set<string>;
  succeeded: Set<string>;
  failed: WriteFailure[];
  /** The last transient error of each account still waiting for another attempt. */
  lastTransient: Map<string, RecordError>;
  /** Reports an account whose transient failure will not be retried. */
  exhausted(accountId: string, why: string): void;
}

export function newLedger(): Ledger {
  const ledger: Ledger = {
    attempted: new Set(),
    succeeded: new Set(),
    failed: [],
    lastTransient: new Map(),
    exhausted(accountId, why) {
      const e = ledger.lastTransient.get(accountId);
      ledger.lastTransient.delete(accountId);
      ledger.failed.push({
        accountId,
        code: e?.code ?? 'UNKNOWN',
        message: `${e?.message ?? 'failed'} (${why})`,
      });
    },
  };
  return ledger;
}

const describeError = (e: RecordError): string =>
  `${e.code}: ${e.message}${e.fields.length ? ` [${e.fields.join(', ')}]` : ''}`;

/**
 * Stores each record's result (confirmed values on success; the error otherwise), reports
 * permanent failures per account and field, and returns the updates to try again.
 */
export async function recordOutcomes(
  outcomes: readonly RecordOutcome[],
  byId: ReadonlyMap<string, PlannedUpdate>,
  ledger: Ledger,
  store: Pick<Store, 'confirmedValues' | 'transaction'>,
  at: number,
  transient: (errors: readonly RecordError[]) => boolean = (errors) =>
    errors.every((e) => isTransientRecordCode(e.code)),
): Promise<PlannedUpdate[]> {
  const again: PlannedUpdate[] = [];
  await store.transaction(async () => {
    for (const o of outcomes) {
      const update = o.id === null ? undefined : byId.get(o.id);
      if (!update) continue;
      ledger.attempted.add(update.accountId);
      if (o.success) {
        await store.confirmedValues.recordConfirmed(update.accountId, update.fields, at);
        ledger.succeeded.add(update.accountId);
        ledger.lastTransient.delete(update.accountId);
        continue;
      }
      const errors = o.errors.length
        ? o.errors
        : [{ code: 'UNKNOWN', message: 'Salesforce gave no reason', fields: [] }];
      await store.confirmedValues.recordFailed(
        update.accountId,
        update.fields,
        errors.map(describeError).join('; '),
        at,
      );
      if (transient(errors)) {
        ledger.lastTransient.set(update.accountId, errors[0]!);
        again.push(update);
        continue;
      }
      ledger.lastTransient.delete(update.accountId);
      for (const e of errors) {
        if (e.fields.length === 0)
          ledger.failed.push({ accountId: update.accountId, code: e.code, message: e.message });
        for (const field of e.fields)
          ledger.failed.push({ accountId: update.accountId, field, code: e.code, message: e.message });
      }
    }
  });
  return again;
}

/** A whole request failed: every record of it shares the error; transient ones are tried again. */
export function requestFailed(
  part: readonly PlannedUpdate[],
  error: { code: string; message: string; transient: boolean },
  ledger: Ledger,
  store: Pick<Store, 'confirmedValues' | 'transaction'>,
  at: number,
): Promise<PlannedUpdate[]> {
  const e: RecordError = { code: error.code, message: error.message, fields: [] };
  return recordOutcomes(
    part.map((u) => ({ id: u.accountId, success: false, errors: [e] })),
    new Map(part.map((u) => [u.accountId, u])),
    ledger,
    store,
    at,
    () => error.transient,
  );
}
