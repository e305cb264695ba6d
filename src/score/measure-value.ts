import type { ChangeMeasure, Measure } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { MetricValue } from '../metrics/types.ts';
import { DAY_MS, ageReference, utcDay } from '../metrics/windows.ts';

const NO_DATA: MetricValue = { value: null, sample: 0 };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Salesforce writes datetimes as 2026-11-01T08:00:00.000+0000; Date.parse wants +00:00.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An Account field as a number: numbers as they are; a date as the days from today (UTC) until it,
 * negative once past; a datetime as fractional days from the start of the current hour (the instant
 * ages are taken at, so the value moves once an hour). Anything else (text, a checkbox) is no value.
 */
export function fieldNumber(raw: string | number | boolean | null | undefined, now: number): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  if (DATE.test(raw)) {
    const days = (Date.parse(`${raw}T00:00:00Z`) - Date.parse(`${utcDay(now)}T00:00:00Z`)) / DAY_MS;
    return Number.isFinite(days) ? days : null;
  }
  if (DATETIME.test(raw)) {
    const at = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isFinite(at) ? (at - ageReference(now)) / DAY_MS : null;
  }
  const n = raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

/**
 * A change between two windows. Delta: now − before. Ratio: now ÷ before, and 1 when both are 0 (no
 * change), no value when only the window before is 0. So a metric that did not move gives exactly
 * 0 (delta) or 1 (ratio) whatever its level: every such account gets the same sub-score, the one
 * the measure's scoring gives that value. Both windows must have the sample: it is the smaller.
 */
export function changeValue(
  now: MetricValue,
  before: MetricValue,
  change: ChangeMeasure['change'],
): MetricValue {
  const sample = Math.min(now.sample, before.sample);
  if (now.value === null || before.value === null) return { value: null, sample };
  const detail = { current: now.value, previous: before.value };
  if (change === 'delta') return { value: now.value - before.value, sample, detail };
  if (before.value === 0) return { value: now.value === 0 ? 1 : null, sample, detail };
  return { value: now.value / before.value, sample, detail };
}

/**
 * Numerator ÷ denominator, two counts over the same window. A count with no row is zero (nothing
 * was counted); the sample is the denominator, and without one there is no value.
 */
export function ratioValue(numerator: MetricValue, denominator: MetricValue): MetricValue {
  const num = numerator.value ?? 0;
  const den = denominator.value ?? 0;
  const detail = { numerator: num, denominator: den };
  return { value: den > 0 ? num / den : null, sample: Math.max(0, den), detail };
}

/**
 * A measure's raw value for one account, whatever its kind: `values` are the account's values of
 * `measureSpecs(measure)`, in that order (a missing one is no data); an Account field is read from
 * the account.
 */
export function measureValue(
  measure: Measure,
  values: readonly (MetricValue | undefined)[],
  account: AccountFact,
  now: number,
): MetricValue {
  const [first = NO_DATA, second = NO_DATA] = values;
  switch (measure.kind) {
    case 'metric':
      return first;
    case 'change':
      return changeValue(first, second, measure.change);
    case 'ratio':
      return ratioValue(first, second);
    case 'salesforce_field': {
      const raw = Object.hasOwn(account.fields, measure.field) ? account.fields[measure.field] : null;
      const value = fieldNumber(raw, now);
      return { value, sample: value === null ? 0 : 1 };
    }
  }
}
