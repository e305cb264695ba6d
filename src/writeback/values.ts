import type { Measure } from '../config/mappings/scorecard.ts';
import type { ScoreSummary } from '../score/types.ts';
import { driversText } from './drivers-text.ts';
import { type Override, overrideLine } from './overrides.ts';
import type { FieldInfo, WrittenValue } from './types.ts';

/**
 * The value each mapped field should hold, in canonical form: numbers rounded to the field's
 * scale, datetimes as ISO strings to the second, text cut to the field's length. The same form is
 * stored as "confirmed", so comparing desired with confirmed is plain equality.
 */

/** When describe is unavailable: what a typical custom field holds. */
const DEFAULT_SCALE = 2;
const DEFAULT_TEXT_LENGTH = 255;

export type MeasureFormats = Readonly<Record<string, Measure['format']>>;

export function roundTo(value: number, scale: number): number {
  const f = 10 ** scale;
  const r = Math.round((value + Math.sign(value) * Number.EPSILON) * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Salesforce stores datetimes to the second. */
export const isoSeconds = (epochMs: number): string =>
  new Date(Math.floor(epochMs / 1000) * 1000).toISOString();

/** Text no longer than `max`, cut with an ellipsis so that a reader sees it was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0 || text.length <= max) return text;
  return max === 1 ? text.slice(0, 1) : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A value in the canonical form for its field (also applied to stored values before comparing). */
export function canonical(value: WrittenValue | undefined, field: FieldInfo | undefined): WrittenValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? roundTo(value, field ? field.scale : DEFAULT_SCALE) : null;
  if (value === '') return null; // Salesforce stores an empty text as null
  const max = field ? field.length : DEFAULT_TEXT_LENGTH;
  return field && (field.type === 'datetime' || field.type === 'picklist') ? value : truncate(value, max);
}

/**
 * The raw desired value of one mapped field for one account (before canonical form). While a CSM's
 * override holds, the status is the override's and the drivers open with it; the score and the
 * rest stay computed.
 */
export function rawValue(
  value: string,
  score: ScoreSummary,
  field: FieldInfo | undefined,
  formats: MeasureFormats,
  override?: Override,
): WrittenValue {
  switch (value) {
    case 'score':
      return score.score;
    case 'status':
      return override?.status ?? score.status;
    case 'trend_7d':
      return score.trend7d;
    case 'trend_30d':
      return score.trend30d;
    case 'drivers':
      return driversText(
        score,
        field?.type === 'string',
        field ? field.length : DEFAULT_TEXT_LENGTH,
        override && overrideLine(override),
      );
    case 'scorecard_version':
      return score.scorecardVersion;
    case 'computed_at':
      return isoSeconds(score.computedAt);
  }
  const id = value.slice('metric:'.length);
  const measure = score.measures.find((m) => m.id === id);
  if (!measure || measure.value === null || !measure.hasData) return null;
  // A percent field holds 71 for 71%; percent-format metrics are shares (0.71).
  return field?.type === 'percent' && formats[id] === 'percent' ? measure.value * 100 : measure.value;
}

/** Canonical equality of a desired and a stored value. */
export const sameValue = (a: WrittenValue, b: WrittenValue): boolean => a === b;
