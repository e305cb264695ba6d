import type { MetricQuery } from '../metrics/query.ts';
import type { MetricValue } from '../metrics/types.ts';
import type { HourCrossings } from '../metrics/hour-crossings.ts';

/**
 * Executes metric queries (catalogue.ts says what each metric aggregates): one grouped query per
 * metric and window over all accounts, or over `accountId`'s facts only. Values by account id.
 */
export interface MetricRepo {
  compute(query: MetricQuery, accountId?: string): Promise<Map<string, MetricValue>>;
  /** The accounts with a fact in one of the slices, or an open record whose age `crossings` says moves. */
  accountsCrossing(crossings: HourCrossings): Promise<Set<string>>;
}
