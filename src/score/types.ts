import { z } from 'zod';

/**
 * The result of scoring one account: what CSMs read (score, status, trend, drivers) and what ops
 * need to audit it (per-measure values, sub-scores and contributions, the scorecard version).
 */
export const HealthStatus = z.enum(['green', 'yellow', 'red', 'insufficient_data']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const MeasureResult = z.object({
  id: z.string(),
  label: z.string(),
  /** What the value is computed from: a metric id, `csat:delta`, `tickets/tickets`, `Account.<field>`. */
  metric: z.string(),
  /** The measure's kind (scorecard.yaml); absent in scores saved before kinds existed (metric). */
  kind: z.string().optional(),
  /** The metric's raw value, or null without enough data. */
  value: z.number().nullable(),
  sample: z.number().int().nonnegative(),
  hasData: z.boolean(),
  /** 0–100, or null without data. */
  subScore: z.number().nullable(),
  /** Effective weight after re-normalization (0 without data). */
  weight: z.number(),
  /** Points this measure adds to the score: subScore × weight. */
  contribution: z.number(),
  target: z.number().nullable(),
  /** How the value reads (scorecard.yaml `format`: percent, ratio, count...). */
  format: z.string().optional(),
  /** The measure in plain language, as a driver would say it: "CSAT 71% over 38 ratings (target 90%)". */
  explanation: z.string().optional(),
});
export type MeasureResult = z.infer<typeof MeasureResult>;

export const AccountScore = z.object({
  accountId: z.string(),
  computedAt: z.number().int(),
  /** 0–100 rounded to one decimal, or null when insufficient_data. */
  score: z.number().min(0).max(100).nullable(),
  status: HealthStatus,
  segment: z.string().nullable(),
  scorecardVersion: z.string(),
  /** Share of the total weight that had data. */
  coverage: z.number().min(0).max(1),
  /** Score now minus the score 7 and 30 days ago (null without history). */
  trend7d: z.number().nullable(),
  trend30d: z.number().nullable(),
  /**
   * What pulls the score down, in plain language, worst first: the measures below their target
   * ("CSAT 71% over 38 ratings (target 90%)"); empty when nothing is below target. Without a score
   * (insufficient_data), why not, then the heaviest measures that lack data.
   */
  drivers: z
    .array(z.string())
    .describe(
      'What pulls the score down, worst first: measures below their target. Empty when nothing is below target; for insufficient_data, the reason and the measures that lack data.',
    ),
  /**
   * What holds it up: the measures at or above their target, best first. Scores saved before
   * strengths existed parse with none.
   */
  strengths: z
    .array(z.string())
    .default([])
    .describe('Measures at or above their target, best first; empty without a score.'),
  measures: z.array(MeasureResult),
});
export type AccountScore = z.infer<typeof AccountScore>;

/**
 * What write-back and its alerts read of a score: all but each measure's audit detail (labels,
 * weights, explanations), which is saved with the score and is most of its size.
 */
export type ScoreSummary = Omit<AccountScore, 'measures'> & {
  measures: Pick<MeasureResult, 'id' | 'value' | 'hasData'>[];
};

export const summarizeScore = (score: AccountScore): ScoreSummary => ({
  ...score,
  measures: score.measures.map(({ id, value, hasData }) => ({ id, value, hasData })),
});
