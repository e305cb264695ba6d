import type { Measure, ScorecardMapping } from '../config/mappings/scorecard.ts';
import type { AccountFact } from '../facts/schemas.ts';
import type { MetricValue } from '../metrics/types.ts';
import { type DriverInput, describeMeasure, drivers, strengths } from './drivers.ts';
import { round1 } from './format.ts';
import { type EffectiveScorecard, effectiveScorecard, segmentFor } from './scorecard.ts';
import { subScore } from './sub-score.ts';
import { type HistoryLookup, trend } from './trend.ts';
import type { AccountScore, HealthStatus, MeasureResult } from './types.ts';

export interface ScoreInput {
  account: AccountFact;
  scorecard: ScorecardMapping;
  /** The account's raw value of a measure (whatever its kind: see measure-value.ts). */
  metric(measure: Measure): MetricValue;
  history: HistoryLookup;
  now: number;
}

// Coverage is a ratio of sums of weights: allow for floating-point noise at the floor.
const EPSILON = 1e-9;
const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};

export function statusFor(score: number, thresholds: EffectiveScorecard['status']): HealthStatus {
  return score >= thresholds.green ? 'green' : score >= thresholds.yellow ? 'yellow' : 'red';
}

/** What a measure's value is computed from, for the audit: "csat", "csat:delta", "Account.Uptime_30d__c". */
export function measureSource(m: Measure): string {
  switch (m.kind) {
    case 'metric':
      return m.metric;
    case 'change':
      return `${m.metric}:${m.change}`;
    case 'ratio':
      return `${m.numerator.metric}/${m.denominator.metric}`;
    case 'salesforce_field':
      return `Account.${m.field}`;
  }
}

/**
 * Scores one account: pure, so the same inputs always give the same score, status and drivers.
 * Each measure with enough data is scored 0–100, weights re-normalize over those measures, and below
 * the coverage floor the status is insufficient_data with no score. A measure of weight 0 is
 * display-only: computed, sub-scored and explained, but it adds nothing to the score, to the
 * coverage or to the drivers.
 */
export function scoreAccount(input: ScoreInput): AccountScore {
  const card = effectiveScorecard(input.scorecard, segmentFor(input.scorecard, input.account));
  const rows = card.measures.map((measure) => {
    const metric = input.metric(measure);
    const value = metric.value;
    const hasData = value !== null && Number.isFinite(value) && metric.sample >= measure.min_sample;
    return {
      measure,
      metric,
      hasData,
      sub: hasData ? subScore(value, measure.scoring, measure.direction) : null,
    };
  });
  const totalWeight = rows.reduce((s, r) => s + r.measure.weight, 0);
  const dataWeight = rows.reduce((s, r) => s + (r.hasData ? r.measure.weight : 0), 0);
  const coverage = totalWeight > 0 ? dataWeight / totalWeight : 0;
  const exact =
    dataWeight > 0 ? rows.reduce((s, r) => s + (r.sub ?? 0) * r.measure.weight, 0) / dataWeight : null;
  const enough = exact !== null && coverage >= card.coverageFloor - EPSILON;
  const score = enough ? round1(exact) : null;

  const inputs: DriverInput[] = rows.map((r): DriverInput => {
    const weight = r.hasData && dataWeight > 0 ? r.measure.weight / dataWeight : 0;
    const result: MeasureResult = {
      id: r.measure.id,
      label: r.measure.label,
      metric: measureSource(r.measure),
      kind: r.measure.kind,
      value: r.hasData ? round(r.metric.value!, 6) : null,
      sample: r.metric.sample,
      hasData: r.hasData,
      subScore: r.sub === null ? null : round(r.sub, 1),
      weight: round(weight, 4),
      contribution: r.sub === null ? 0 : round(r.sub * weight, 2),
      target: r.measure.target ?? null,
      format: r.measure.format,
    };
    result.explanation = describeMeasure({ measure: r.measure, metric: r.metric, result });
    return { measure: r.measure, metric: r.metric, result };
  });
  const unscored = score === null ? { coverage, floor: card.coverageFloor } : undefined;
  const scored = inputs.filter((i) => i.measure.weight > 0);
  return {
    accountId: input.account.id,
    computedAt: input.now,
    score,
    status: score === null ? 'insufficient_data' : statusFor(score, card.status),
    segment: card.segment,
    scorecardVersion: card.version,
    coverage: round(Math.min(1, coverage), 4),
    trend7d: trend(score, input.now, 7, input.history),
    trend30d: trend(score, input.now, 30, input.history),
    // A display-only measure (weight 0) cannot pull the score down nor hold it up: it is shown with
    // the measures, not among the drivers or strengths.
    drivers: drivers(scored, card.drivers, unscored),
    strengths: strengths(scored, card.drivers, unscored),
    measures: inputs.map((i) => i.result),
  };
}
