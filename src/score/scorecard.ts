import type { AccountCondition } from '../config/mappings/common.ts';
import type { Measure, ScorecardMapping, Segment } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';

/** The scorecard that applies to one account: the base one with its segment's changes applied. */
export interface EffectiveScorecard {
  version: string;
  segment: string | null;
  measures: Measure[];
  status: { green: number; yellow: number };
  coverageFloor: number;
  drivers: number;
}

type FieldValue = string | number | boolean | null | undefined;

/** An account field by the name accounts.yaml gives it (`tier`, or a name under `extra`). */
export function accountField(account: AccountFact, field: string): FieldValue {
  switch (field) {
    case 'id':
      return account.id;
    case 'name':
      return account.name;
    case 'owner':
      return account.ownerId;
    case 'tier':
      return account.tier;
    case 'website':
      return account.domain;
    case 'phone':
      return account.phoneKey;
    default:
      return Object.hasOwn(account.fields, field) ? account.fields[field] : undefined;
  }
}

/**
 * Values compare as text, so `equals: 1000` matches a field that Salesforce returned as "1000" and
 * `equals: true` matches true; an empty field matches nothing.
 */
export function conditionMatches(condition: AccountCondition, account: AccountFact): boolean {
  const v = accountField(account, condition.field);
  if (v === null || v === undefined) return false;
  const text = String(v);
  if (condition.equals !== undefined) return String(condition.equals) === text;
  return (condition.in ?? []).some((x) => String(x) === text);
}

/** The first segment whose condition the account meets, or undefined for the base scorecard. */
export function segmentFor(scorecard: ScorecardMapping, account: AccountFact): Segment | undefined {
  return scorecard.segments.find((s) => conditionMatches(s.when, account));
}

export function effectiveScorecard(scorecard: ScorecardMapping, segment?: Segment): EffectiveScorecard {
  const excluded = new Set(segment?.exclude ?? []);
  const measures = scorecard.measures
    .filter((m) => !excluded.has(m.id))
    .map((m): Measure => {
      const o = segment?.measures[m.id];
      if (!o) return m;
      return {
        ...m,
        ...(o.weight === undefined ? {} : { weight: o.weight }),
        ...(o.scoring === undefined ? {} : { scoring: o.scoring }),
        ...(o.min_sample === undefined ? {} : { min_sample: o.min_sample }),
        ...(o.target === undefined ? {} : { target: o.target }),
      };
    });
  return {
    version: scorecard.version,
    segment: segment?.name ?? null,
    measures,
    status: segment?.status ?? scorecard.status,
    coverageFloor: segment?.coverage_floor ?? scorecard.coverage_floor,
    drivers: scorecard.drivers,
  };
}
