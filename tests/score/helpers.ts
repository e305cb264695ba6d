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
