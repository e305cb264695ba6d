/**
 * The q-quantile of sorted values, interpolated between the two closest ranks (the "linear" or
 * type-7 definition; the median of an even count is the mean of the middle two). The SQL store
 * computes the same thing; this is its reference for tests and for in-memory callers.
 */
export function quantileOfSorted(sorted: readonly number[], num: number, den: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const lo = Math.floor(((n - 1) * num) / den);
  const hi = Math.ceil(((n - 1) * num) / den);
  const frac = (((n - 1) * num) % den) / den;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * frac;
}
