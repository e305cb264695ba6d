import type { MetricQuery } from '../metrics/query.ts';
import type { MetricValue } from '../metrics/types.ts';
import type { HourCrossings } from '../metrics/hour-crossings.ts';

/**
 * Executes metric queries (catalogue.ts says what each metric aggregates) over all accounts, or over
 * the facts of `accounts` only: grouped queries, those that read the same facts in the same window
 * sharing one (`compileMetricBatch`). One map of values by account id per query, in their order.
 */
export interface MetricRepo {
  compute(queries: readonly MetricQuery[], accounts?: readonly string[]): Promise<Map<string, MetricValue>[]>;
  /** The accounts with a fact in one of the slices, or an open record whose age `crossings` says moves. */
  accountsCrossing(crossings: HourCrossings): Promise<Set<string>>;
}
