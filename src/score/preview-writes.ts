import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { ScorecardMapping } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';
import { accountOverrides } from '../writeback/overrides.ts';
import { buildWritePlan, type WritePlan } from '../writeback/plan.ts';
import type { WrittenValue } from '../writeback/types.ts';
import type { AccountScore } from './types.ts';

/** The Salesforce writes of one scoring: records and how many of them change each field. */
export interface PlannedWrites {
  records: number;
  fields: Record<string, number>;
  method: WritePlan['method'];
}

/**
 * What the next run would write to Salesforce with the proposed configuration, and what it would
 * write without it, both against the values Salesforce last confirmed: the difference is the
 * change's own writes. Without the Account describe, default field types apply (a preview makes no
 * Salesforce call), so a field whose scale rounds differently may count here and not in the run.
 */
export interface PreviewWrites {
  proposed: PlannedWrites;
  current: PlannedWrites;
  /** Records whose written values differ between the two (the writes the change itself causes). */
  changedRecords: number;
  /** Of those, how many change each field. */
  changedFields: Record<string, number>;
}

interface Side {
  scores: readonly AccountScore[];
  salesforce: SalesforceMapping;
  scorecard: Pick<ScorecardMapping, 'measures'>;
}

const planOf = (
  side: Side,
  accounts: readonly AccountFact[],
  confirmed: ReadonlyMap<string, Readonly<Record<string, WrittenValue>>>,
  now: number,
  computedAt = false,
): WritePlan =>
  buildWritePlan({
    scores: side.scores,
    accounts,
    mapping: computedAt
      ? side.salesforce
      : { ...side.salesforce, fields: side.salesforce.fields.filter((f) => f.value !== 'computed_at') },
    confirmed,
    scorecard: side.scorecard,
    overrides: accountOverrides(accounts, side.salesforce.overrides, now),
  });

const summary = (plan: WritePlan): PlannedWrites => ({
  records: plan.updates.length,
  fields: plan.fieldCounts,
  method: plan.method,
});

/** Pure: the write plans of both scorings, and the fields whose desired value the change moves. */
export function previewWrites(
  current: Side,
  proposed: Side,
  accounts: readonly AccountFact[],
  confirmed: ReadonlyMap<string, Readonly<Record<string, WrittenValue>>>,
  now: number,
): PreviewWrites {
  // The change's own writes: plan the proposed scores against what the current ones would write
  // (computed_at aside: it changes every run whatever the configuration).
  const currentDesired = planOf(current, accounts, new Map(), now).updates;
  const asIfWritten = new Map(currentDesired.map((u) => [u.accountId, u.fields]));
  const own = planOf(proposed, accounts, asIfWritten, now);
  return {
    proposed: summary(planOf(proposed, accounts, confirmed, now, true)),
    current: summary(planOf(current, accounts, confirmed, now, true)),
    changedRecords: own.updates.length,
    changedFields: own.fieldCounts,
  };
}
