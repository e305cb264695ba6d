import type { SalesforceMapping } from '../config/mappings/salesforce.ts';
import type { ScorecardMapping } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { ScoreSummary } from '../score/types.ts';
import { type OverrideState, inForce } from './overrides.ts';
import type { FieldIndex, FieldInfo, WrittenValue } from './types.ts';
import { type MeasureFormats, canonical, rawValue, sameValue } from './values.ts';

/** One Account's changed fields: new values by field API name, and what Salesforce last confirmed. */
export interface PlannedUpdate {
  accountId: string;
  fields: Record<string, WrittenValue>;
  /** The confirmed value of each changed field; absent when the field was never confirmed. */
  previous: Record<string, WrittenValue>;
}

export interface WritePlan {
  object: string;
  /** sObject Collections up to `write.bulk_threshold` changed Accounts, Bulk API 2.0 above. */
  method: 'collections' | 'bulk';
  updates: PlannedUpdate[];
  /** Scored Accounts whose fields already hold the desired values. */
  unchanged: number;
  /** Scores not written: their Account is unknown (deleted, or outside accounts.yaml's `where`). */
  skipped: { accountId: string; reason: string }[];
  /** How many updates change each field. */
  fieldCounts: Record<string, number>;
}

export interface PlanInput {
  scores: readonly ScoreSummary[];
  /** Known Accounts (facts, or just their ids). */
  accounts: readonly AccountFact[] | ReadonlySet<string>;
  mapping: SalesforceMapping;
  /** Last values written and confirmed, per account and field API name. */
  confirmed: ReadonlyMap<string, Readonly<Record<string, WrittenValue>>>;
  /** The Account describe (types, scales, lengths); defaults apply without it. */
  fields?: FieldIndex;
  /** For percent-typed targets of `metric:<id>` (percent-format shares are written ×100). */
  scorecard?: Pick<ScorecardMapping, 'measures'>;
  /** CSMs' overrides by account (`accountOverrides`); those in force replace the written status. */
  overrides?: ReadonlyMap<string, OverrideState>;
}

const ROWS_PER_COLLECTION = 200;

/**
 * Pure: the desired field values per account compared with the last confirmed ones, keeping only
 * differences. `computed_at` changes every run, so it is written only together with another
 * changed field (or when it was never confirmed); otherwise every account would change every run.
 */
export function buildWritePlan(input: PlanInput): WritePlan {
  const known =
    input.accounts instanceof Set
      ? input.accounts
      : new Set((input.accounts as readonly AccountFact[]).map((a) => a.id));
  const formats: MeasureFormats = Object.fromEntries(
    (input.scorecard?.measures ?? []).map((m) => [m.id, m.format]),
  );
  const targets = input.mapping.fields.map((f) => {
    const info: FieldInfo | undefined = input.fields?.get(f.target.toLowerCase());
    return { name: info?.name ?? f.target, value: f.value, info };
  });
  const updates: PlannedUpdate[] = [];
  const skipped: WritePlan['skipped'] = [];
  const fieldCounts: Record<string, number> = {};
  let unchanged = 0;

  for (const score of [...input.scores].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    if (!known.has(score.accountId)) {
      skipped.push({
        accountId: score.accountId,
        reason: 'no such Account (deleted, or outside accounts.yaml > salesforce > where)',
      });
      continue;
    }
    const confirmed = input.confirmed.get(score.accountId) ?? {};
    const fields: Record<string, WrittenValue> = {};
    const previous: Record<string, WrittenValue> = {};
    let computedAt: { name: string; value: WrittenValue; never: boolean } | undefined;
    const override = inForce(input.overrides, score.accountId);
    for (const t of targets) {
      const desired = canonical(rawValue(t.value, score, t.info, formats, override), t.info);
      const stored =
        confirmed[t.name] ??
        confirmed[Object.keys(confirmed).find((k) => k.toLowerCase() === t.name.toLowerCase()) ?? ''];
      const never = stored === undefined;
      if (t.value === 'computed_at') {
        computedAt = { name: t.name, value: desired, never };
        continue;
      }
      if (!never && sameValue(desired, canonical(stored, t.info))) continue;
      fields[t.name] = desired;
      if (!never) previous[t.name] = stored;
    }
    if (computedAt && (Object.keys(fields).length > 0 || computedAt.never)) {
      fields[computedAt.name] = computedAt.value;
      const stored = confirmed[computedAt.name];
      if (stored !== undefined) previous[computedAt.name] = stored;
    }
    if (Object.keys(fields).length === 0) {
      unchanged++;
      continue;
    }
    for (const name of Object.keys(fields)) fieldCounts[name] = (fieldCounts[name] ?? 0) + 1;
    updates.push({ accountId: score.accountId, fields, previous });
  }

  return {
    object: input.mapping.object,
    method: updates.length > input.mapping.write.bulk_threshold ? 'bulk' : 'collections',
    updates,
    unchanged,
    skipped,
    fieldCounts,
  };
}

/** API requests the plan needs: one per 200 rows for collections; about six for a Bulk 2.0 job. */
export const estimatedRequests = (plan: WritePlan): number =>
  plan.updates.length === 0
    ? 0
    : plan.method === 'bulk'
      ? 6
      : Math.ceil(plan.updates.length / ROWS_PER_COLLECTION);
