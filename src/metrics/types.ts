import type { MetricId } from '../config/mappings/metric-ids.ts';

/** One metric over one window, as a scorecard measure asks for it. */
export interface MetricSpec {
  metric: MetricId;
  windowDays: number;
  params: Record<string, string | number>;
}

/** SLA targets in (business) minutes, as zendesk.yaml gives them. */
export interface SlaTargets {
  firstReplyMinutes: Partial<Record<string, number>>;
  resolutionMinutes: Partial<Record<string, number>>;
  byCategory: Record<
    string,
    { firstReplyMinutes?: number | undefined; resolutionMinutes?: number | undefined }
  >;
}

/** How open bugs weigh, as jira.yaml gives it. */
export interface BugWeights {
  priorityWeights: Record<string, number>;
  ageWeightPerDay: number;
  bugTypes: string[];
}

/** The mapping settings metrics depend on besides the measure itself. */
export interface MetricSettings {
  sla: SlaTargets;
  bugs: BugWeights;
}

/** A metric's value for one account, with the number of data points behind it. */
export interface MetricValue {
  /** Null when the metric cannot be computed (no data, or a zero baseline). */
  value: number | null;
  sample: number;
  /** Numbers a driver can quote, e.g. { open: 4, oldestDays: 23 } for open bugs. */
  detail?: Record<string, number | string>;
}

/** What to compute and for whom: all accounts, or one (preview of a single account). */
export interface MetricRequest {
  spec: MetricSpec;
  settings: MetricSettings;
  now: number;
  accountId?: string;
}

/**
 * The metric queries, one grouped query per metric and window over all accounts. The SQL lives in the
 * store implementation so that a Postgres store can supply its own.
 */
export interface MetricRepo {
  compute(request: MetricRequest): Map<string, MetricValue>;
}

/** Metric values by account id, then by `specKey`. */
export type MetricTable = Map<string, Map<string, MetricValue>>;
