import type { MetricId } from '../config/mappings/metric-ids.ts';

/** One metric over one window, as a scorecard measure asks for it. */
export interface MetricSpec {
  metric: MetricId;
  windowDays: number;
  params: Record<string, string | number>;
  /**
   * The window ends this many days before the start of the current hour instead of now: the window
   * before, for a change measure (its length: the windows meet at one instant, both ends included).
   */
  shiftDays?: number;
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

/**
 * zendesk.yaml's category and escalation rules, applied to the tags, category field values, priority
 * and group each ticket fact keeps (see ticket-maps.ts).
 */
export interface TicketMaps {
  /** Category field value → category; of the values a ticket has, its first mapped one wins. */
  categoryValues: readonly (readonly [string, string])[];
  /** Lower-case tag → category, in the file's order: the first listed tag the ticket has wins. */
  categoryTags: readonly (readonly [string, string])[];
  /** Lower-case tags, priorities and group ids that make a ticket escalated. */
  escalation: { tags: readonly string[]; priorities: readonly string[]; groups: readonly number[] };
}

/** The mapping settings metrics depend on besides the measure itself. */
export interface MetricSettings {
  sla: SlaTargets;
  tickets: TicketMaps;
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

/** What to compute: one metric over its window at `now`, with the settings it may read. */
export interface MetricRequest {
  spec: MetricSpec;
  settings: MetricSettings;
  now: number;
  /**
   * `now` is a past instant evaluated later (a history rebuild): facts have changed since, so state
   * metrics read what was open then, not what is open now (src/metrics/README.md, "As of a past day").
   * Live scoring leaves it unset, and its queries keep their indexes.
   */
  past?: boolean;
}
