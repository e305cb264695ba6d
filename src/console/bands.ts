import { measureValue } from './format.ts';

type Scoring =
  | { type: 'bands'; bands: { limit?: number; score: number }[] }
  | { type: 'linear'; zero_at: number; full_at: number };

/**
 * How a measure's value becomes its sub-score, in one line: "≥ 95%: 100 · ≥ 80%: 60 · else 0" for
 * bands, "0 at 60.0% → 100 at 95.0%" for a straight line.
 */
export function bandText(scoring: Scoring, direction: string, format: string): string {
  if (scoring.type === 'linear')
    return `0 at ${measureValue(scoring.zero_at, format)} → 100 at ${measureValue(scoring.full_at, format)}`;
  const op = direction === 'higher_is_better' ? '≥' : '≤';
  return scoring.bands
    .map((b) =>
      b.limit === undefined ? `else ${b.score}` : `${op} ${measureValue(b.limit, format)}: ${b.score}`,
    )
    .join(' · ');
}
