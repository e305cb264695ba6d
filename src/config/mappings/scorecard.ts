import { z } from 'zod';
import { AccountCondition, positive } from './common.ts';
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

export const Measure = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case, e.g. csat'),
    label: z.string().min(1),
    metric: z.enum(METRIC_IDS),
    window_days: z.number().int().min(1).max(365),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    weight: positive,
    /** Below this many data points the measure counts as having no data. */
    min_sample: z.number().int().min(1).default(1),
    scoring: Scoring,
    /** Shown in drivers: "CSAT 71% over 38 ratings (target 90%)". */
    target: z.number().optional(),
    format: z.enum(['percent', 'count', 'ratio', 'minutes', 'hours', 'days', 'seconds', 'number']).default('number'),
    /** Metric-specific parameters, e.g. { category: complaint, target_hours: 48 } for complaint_turnaround. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  })
  .strict();
export type Measure = z.infer<typeof Measure>;

export const StatusThresholds = z
  .object({ green: z.number().min(0).max(100), yellow: z.number().min(0).max(100) })
  .strict();

const MeasureOverride = z
  .object({ weight: positive.optional(), scoring: Scoring.optional(), min_sample: z.number().int().min(1).optional(), target: z.number().optional() })
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
    /** Recorded with every score and snapshot; change it whenever the scorecard changes. */
    version: z.string().min(1),
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
