/** The metric queries' repository contract lives with the metrics; re-exported here beside the other repos. */
export type { MetricRepo, MetricRequest, MetricValue } from '../metrics/types.ts';
