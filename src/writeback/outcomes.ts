import type { WriteError } from '../errors.ts';
import type { WritePlan } from './plan.ts';
import type { RecordError, RecordOutcome } from './types.ts';

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

/** What an empty plan did: nothing. */
export const NOTHING_WRITTEN: WriteResult = {
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

/** A record's errors as stored with its failed values. */
export const describeErrors = (errors: readonly RecordError[]): string =>
  errors
    .map((e) => `${e.code}: ${e.message}${e.fields.length ? ` [${e.fields.join(', ')}]` : ''}`)
    .join('; ');

/** One failure per account and field Salesforce named (per account when it named none). */
function failures(o: RecordOutcome & { id: string }): WriteFailure[] {
  const first = o.errors[0];
  if (o.notRetried !== undefined)
    return [
      {
        accountId: o.id,
        code: first?.code ?? 'UNKNOWN',
        message: `${first?.message ?? 'failed'} (${o.notRetried})`,
      },
    ];
  return o.errors.flatMap((e) =>
    e.fields.length === 0
      ? [{ accountId: o.id, code: e.code, message: e.message }]
      : e.fields.map((field) => ({ accountId: o.id, field, code: e.code, message: e.message })),
  );
}

/** Pure: the result of applying a plan, from each record's final outcome. */
export function writeResult(
  plan: WritePlan,
  applied: {
    outcomes: readonly RecordOutcome[];
    retried: number;
    requests: number;
    stopped: WriteError | null;
  },
): WriteResult {
  const sent = applied.outcomes.filter((o): o is RecordOutcome & { id: string } => o.id !== null);
  return {
    method: plan.method,
    attempted: sent.length,
    succeeded: sent.filter((o) => o.success).length,
    failed: sent.filter((o) => !o.success).flatMap(failures),
    retried: applied.retried,
    requests: applied.requests,
    stoppedForBudget: applied.stopped !== null,
    notAttempted: plan.updates.length - sent.length,
    error: applied.stopped,
  };
}
