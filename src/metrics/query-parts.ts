import { constant, fieldsOf, isIn } from './query-builders.ts';
import type { Cond, Field, MetricFact, MetricQuery, Scan, ShareRow, ValueRow } from './query.ts';
import type { MetricRequest, MetricValue } from './types.ts';
import { windowStart } from './windows.ts';

/** What the metric queries share: field accessors, ticket states, row readers, quantiles, windows. */

export const t = fieldsOf('ticket');
export const c = fieldsOf('call');

export const SOLVED = isIn(t('status'), ['solved', 'closed'].map(constant));
export const OPEN = isIn(t('status'), ['new', 'open', 'pending', 'hold'].map(constant));

export const ratio = (row: ShareRow): MetricValue => ({
  value: row.sample > 0 ? row.hits / row.sample : null,
  sample: row.sample,
});
export const hits = (row: ShareRow): MetricValue => ({ value: row.hits, sample: row.sample });
/** A count of the facts read: each is a data point. */
export const count = (row: ShareRow): MetricValue => ({ value: row.sample, sample: row.sample });
/** The share of the facts that are not hits. */
export const misses = (row: ShareRow): MetricValue => ({
  value: row.sample > 0 ? (row.sample - row.hits) / row.sample : null,
  sample: row.sample,
});
export const asIs = (row: ValueRow): MetricValue => ({ value: row.value, sample: row.sample });

/** A quantile as a fraction (the median is 1/2), so stores compute it exactly. */
export interface Quantile {
  num: number;
  den: number;
}

export const MEDIAN: Quantile = { num: 1, den: 2 };
export const P90: Quantile = { num: 9, den: 10 };

/** The facts of a kind whose `time` lies in the measure's window. */
export function inWindow<K extends MetricFact>(
  facts: K,
  time: Field<K>,
  r: MetricRequest,
  where?: Cond<K>,
): Scan<K> {
  const window = { time, from: windowStart(r.now, r.spec.windowDays), to: r.now };
  return where === undefined ? { facts, window } : { facts, window, where };
}

export function ticketShare(
  r: MetricRequest,
  time: 'createdAt' | 'solvedAt',
  population: Cond<'ticket'> | undefined,
  hit: Cond<'ticket'>,
  read: (row: ShareRow) => MetricValue = ratio,
): MetricQuery {
  return { kind: 'share', over: inWindow('ticket', time, r, population), hit, read };
}
