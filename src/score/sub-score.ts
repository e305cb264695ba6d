import type { Measure, Scoring } from '../config/mappings/scorecard.ts';

const clamp = (x: number): number => Math.min(100, Math.max(0, x));

/**
 * A raw value as 0–100. Bands are listed best first: the first band whose limit the value meets (at
 * least the limit when higher is better, at most when lower is better) gives the score, and the
 * last band, without a limit, catches the rest. Linear scoring interpolates between zero_at (0) and
 * full_at (100) and clamps outside them.
 */
export function subScore(value: number, scoring: Scoring, direction: Measure['direction']): number {
  const higher = direction === 'higher_is_better';
  if (scoring.type === 'linear') {
    const { zero_at: zero, full_at: full } = scoring;
    if (zero === full) return (higher ? value >= full : value <= full) ? 100 : 0;
    return clamp(((value - zero) / (full - zero)) * 100);
  }
  for (const band of scoring.bands) {
    if (band.limit === undefined || (higher ? value >= band.limit : value <= band.limit))
      return clamp(band.score);
  }
  // Validation requires a last band without a limit; without one, nothing is earned.
  return 0;
}
