import { z } from 'zod';
import { AccountCondition, sfFieldName } from './common.ts';
import { METRIC_IDS } from './metric-ids.ts';

const Band = z
  .object({
    /** The value must be at least (higher_is_better) or at most (lower_is_better) this; omit on the last band. */
    limit: z.number().optional(),
    score: z.number().min(0).max(100),
  })
  .strict();

export const Scoring = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bands'), bands: z.array(Band).min(2) }).strict(),
  z
    .object({
      type: z.literal('linear'),
      /** Raw value that scores 0, and the one that scores 100; values between are interpolated. */
      zero_at: z.number(),
      full_at: z.number(),
    })
    .strict(),
]);
export type Scoring = z.infer<typeof Scoring>;

/** Metric-specific parameters, e.g. { category: complaint, target_hours: 48 } for complaint_turnaround. */
const Params = z.record(z.string(), z.union([z.string(), z.number()])).default({});
const WindowDays = z.number().int().min(1).max(365);
/** 0 makes a measure display-only: computed, shown and writable, never part of the score or its coverage. */
const Weight = z.number().min(0);

/** What every kind of measure has: how its raw value reads, scores and weighs. */
const MeasureBase = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case, e.g. csat'),
  label: z.string().min(1),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  weight: Weight,
  /** Below this many data points the measure counts as having no data. */
  min_sample: z.number().int().min(1).default(1),
  scoring: Scoring,
  /** Shown in drivers: "CSAT 71% over 38 ratings (target 90%)". */
  target: z.number().optional(),
  format: z.enum(['percent', 'count', 'ratio', 'minutes', 'hours', 'days', 'seconds', 'number']).default('number'),
};

/** One metric of the catalogue over the window (the default kind). */
export const MetricMeasure = z
  .object({
    ...MeasureBase,
    kind: z.literal('metric'),
    metric: z.enum(METRIC_IDS),
    window_days: WindowDays,
    params: Params,
  })
  .strict();

/**
 * A numeric, percent, currency or date field of the Account, as last read from Salesforce: its
 * value, or for a date the days until it (negative once past). One data point when it is set.
 */
export const SalesforceFieldMeasure = z
  .object({ ...MeasureBase, kind: z.literal('salesforce_field'), field: sfFieldName })
  .strict();

/**
 * A metric now against the window before: `delta` = value[now − w, now] − value[now − 2w, now − w],
 * `ratio` = the first ÷ the second. No change (delta 0, ratio 1) scores what `scoring` gives 0 or 1.
 */
export const ChangeMeasure = z
  .object({
    ...MeasureBase,
    kind: z.literal('change'),
    metric: z.enum(METRIC_IDS),
    window_days: WindowDays,
    params: Params,
    change: z.enum(['delta', 'ratio']),
  })
  .strict();

const CountOperand = z.object({ metric: z.enum(METRIC_IDS), params: Params }).strict();
export type CountOperand = z.infer<typeof CountOperand>;

/** One count ÷ another over the same window (e.g. chargeback tickets ÷ all tickets). */
export const RatioMeasure = z
  .object({
    ...MeasureBase,
    kind: z.literal('ratio'),
    numerator: CountOperand,
    denominator: CountOperand,
    window_days: WindowDays,
  })
  .strict();

export const MEASURE_KINDS = ['metric', 'salesforce_field', 'change', 'ratio'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** A measure without `kind` is a metric measure, so scorecards written before kinds existed still load. */
const withDefaultKind = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !('kind' in v) ? { kind: 'metric', ...v } : v;

export const Measure = z.preprocess(
  withDefaultKind,
  z.discriminatedUnion('kind', [MetricMeasure, SalesforceFieldMeasure, ChangeMeasure, RatioMeasure]),
);
export type Measure = z.infer<typeof Measure>;
export type MetricMeasure = z.infer<typeof MetricMeasure>;
export type SalesforceFieldMeasure = z.infer<typeof SalesforceFieldMeasure>;
export type ChangeMeasure = z.infer<typeof ChangeMeasure>;
export type RatioMeasure = z.infer<typeof RatioMeasure>;

export const StatusThresholds = z
  .object({ green: z.number().min(0).max(100), yellow: z.number().min(0).max(100) })
  .strict();

const MeasureOverride = z
  .object({ weight: Weight.optional(), scoring: Scoring.optional(), min_sample: z.number().int().min(1).optional(), target: z.number().optional() })
  .strict();

export const Segment = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]*$/),
    when: AccountCondition,
    status: StatusThresholds.optional(),
    coverage_floor: z.number().min(0).max(1).optional(),
    /** Changes to measures of the base scorecard, by measure id. */
    measures: z.record(z.string(), MeasureOverride).default({}),
    /** Measures of the base scorecard that this segment leaves out. */
    exclude: z.array(z.string()).default([]),
  })
  .strict();
export type Segment = z.infer<typeof Segment>;

export const ScorecardMapping = z
  .object({
    /**
     * Recorded with every score and snapshot as `<version>+<6-hex content digest>`; change it
     * whenever the scorecard changes. At most 33 characters: the whole fits a 40-character field.
     */
    version: z
      .string()
      .min(1)
      .max(33, 'at most 33 characters: Salesforce receives it as <version>+<6-hex digest> in a 40-character field')
      .refine((v) => !v.includes('+'), 'no "+": it separates the version from the content digest'),
    /** Share of the total weight that must have data, else the status is insufficient_data. */
    coverage_floor: z.number().min(0).max(1),
    status: StatusThresholds,
    /** How many drivers to explain. */
    drivers: z.number().int().min(1).max(10).default(3),
    measures: z.array(Measure).min(1),
    segments: z.array(Segment).default([]),
  })
  .strict();
export type ScorecardMapping = z.infer<typeof ScorecardMapping>;

/** The Account fields (API names) that salesforce_field measures read, sorted and unique. */
export function measuredAccountFields(scorecard: Pick<ScorecardMapping, 'measures'>): string[] {
  const names = scorecard.measures.flatMap((m) => (m.kind === 'salesforce_field' ? [m.field] : []));
  return [...new Set(names)].sort();
}

/**
 * The Account fields to read: accounts.yaml's `extra` (by their names) and the fields scorecard
 * measures read (by their API names: `fields.Uptime_30d__c`). The semantic pass refuses an extra
 * name that is another field's API name, so the two never collide.
 */
export function accountFieldsToRead(
  extra: Readonly<Record<string, string>>,
  scorecard: Pick<ScorecardMapping, 'measures'> | undefined,
): Record<string, string> {
  const measured = scorecard ? measuredAccountFields(scorecard) : [];
  return { ...Object.fromEntries(measured.map((f) => [f, f])), ...extra };
}
