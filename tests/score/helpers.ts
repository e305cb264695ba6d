import fc from 'fast-check';
import { ScorecardMapping } from '../../src/config/mappings/scorecard.ts';
import type { Measure } from '../../src/config/mappings/scorecard.ts';
import type { MetricValue } from '../../src/metrics/types.ts';
import { scoreAccount } from '../../src/score/score-account.ts';
import type { HistoryLookup } from '../../src/score/trend.ts';
import type { AccountScore } from '../../src/score/types.ts';
import { NOW, account } from '../metrics/fixtures.ts';
import type { AccountFact } from '../../src/facts/schemas.ts';

/** A scorecard from a plain object, with the schema's defaults applied (as loading a YAML file does). */
export const scorecard = (raw: unknown): ScorecardMapping => ScorecardMapping.parse(raw);

export const linearMeasure = (
  id: string,
  weight: number,
  o: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id,
  label: id.toUpperCase(),
  metric: 'csat',
  window_days: 30,
  direction: 'higher_is_better',
  weight,
  scoring: { type: 'linear', zero_at: 0, full_at: 1 },
  format: 'percent',
  ...o,
});

export function score(
  card: ScorecardMapping,
  values: Record<string, MetricValue>,
  o: { account?: AccountFact; history?: HistoryLookup; now?: number } = {},
): AccountScore {
  return scoreAccount({
    account: o.account ?? account('A'),
    scorecard: card,
    metric: (m: Measure) => values[m.id] ?? { value: null, sample: 0 },
    history: o.history ?? (() => undefined),
    now: o.now ?? NOW,
  });
}

/** A valid scoring for the direction (as the semantic pass requires): linear, or bands best first. */
export const scoringFor = (direction: 'higher_is_better' | 'lower_is_better') =>
  fc.oneof(
    fc
      .tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }))
      .map(([zero, span]) => ({
        type: 'linear' as const,
        zero_at: zero,
        full_at: direction === 'higher_is_better' ? zero + span : zero - span,
      })),
    fc
      .tuple(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
      )
      .map(([limits, scores]) => {
        // Best band first: limits fall (higher is better) or rise (lower is better), scores never rise.
        const sortedLimits = [...limits].sort((a, b) => (direction === 'higher_is_better' ? b - a : a - b));
        const sortedScores = [...scores].sort((a, b) => b - a);
        return {
          type: 'bands' as const,
          bands: [
            ...sortedLimits.map((limit, i) => ({ limit: limit / 10, score: sortedScores[i]! })),
            { score: sortedScores[sortedLimits.length]! },
          ],
        };
      }),
  );
