/**
 * How far a stream has read, where its source can say: `done` of `total`, in records (a query's own
 * count) or in milliseconds of the time range it covers (an export that goes up to now).
 */
export interface ReadPosition {
  done: number;
  total: number;
  unit: 'records' | 'ms';
}

/** `done` clamped into [0, total]: a source's count or clock may be slightly off. */
export const readPosition = (done: number, total: number, unit: ReadPosition['unit']): ReadPosition => ({
  done: Math.max(0, Math.min(done, total)),
  total: Math.max(0, total),
  unit,
});
