import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { ScorecardMapping } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { PlannedWrites, PreviewWrites } from '../score/preview-report.ts';
import type { AccountScore } from '../score/types.ts';
import { accountOverrides } from './overrides.ts';
import { buildWritePlan, type WritePlan } from './plan.ts';
import type { WrittenValue } from './types.ts';

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
