/**
 * The metric catalogue that scorecard measures may name. Each is computed per account over the
 * measure's window by `src/metrics/`; the comment says what the raw value is.
 */
export const METRIC_IDS = [
  'contacts', // tickets + calls in the window (count)
  'contact_spike', // contacts in the window ÷ the account's own 90-day baseline for a window that long
  'tickets', // tickets created in the window (count); params.category keeps one category
  'category_share', // share of the tickets created in the window that are of params.category (e.g. chargeback)
  'inbound_calls', // inbound calls started in the window (count)
  'resolution_vs_sla_median', // median full-resolution time ÷ the SLA target for the ticket (1.0 = on target)
  'resolution_vs_sla_p90', // 90th percentile of the same ratio
  'first_reply_minutes_median', // median first-reply time in minutes, tickets created in the window
  'first_reply_minutes_p90', // 90th percentile of the same
  'sla_adherence', // share of tickets meeting both first-reply and resolution targets
  'first_reply_sla_adherence', // share meeting the first-reply target
  'resolution_sla_adherence', // share meeting the resolution target
  'escalation_rate', // share of tickets escalated
  'first_contact_resolution', // share solved after one agent reply and never reopened
  'call_first_contact_resolution', // share of answered inbound calls the same caller did not call again within 7 days
  'open_ticket_age_days', // median age in days of tickets still open (case age p50)
  'open_ticket_age_p90_days', // 90th percentile of the same (case age p90)
  'complaint_turnaround', // share of complaints (params.category) solved within params.target_hours
  'complaint_turnaround_hours', // median hours from created to solved, tickets of params.category solved in the window
  'csat', // good ÷ rated
  'reopen_rate', // share of solved tickets reopened at least once
  'repeat_contact_rate', // share of contacts with another from the same requester/caller within params.within_days (7)
  'abandoned_call_rate', // abandoned ÷ inbound calls
  'avg_handle_time_sec', // mean handle time of answered calls
  'open_bugs_weighted', // Σ open bugs × priority weight × (1 + age_weight_per_day × age)
  'risk_flags', // tickets with risk language in the window (count)
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/**
 * Metrics that are a state at `now` (a backlog), not an aggregate over the window: they have no
 * "window before", so a change measure of one is refused.
 */
export const STATE_METRICS: readonly MetricId[] = [
  'open_ticket_age_days',
  'open_ticket_age_p90_days',
  'open_bugs_weighted',
];

/** Metrics whose value is a count over the window: the operands a ratio measure may divide. */
export const COUNT_METRICS: readonly MetricId[] = ['contacts', 'tickets', 'inbound_calls', 'risk_flags'];

/** Parameters each metric requires (validation names the missing ones). */
export const REQUIRED_PARAMS: Partial<Record<MetricId, readonly string[]>> = {
  complaint_turnaround: ['category', 'target_hours'],
  complaint_turnaround_hours: ['category'],
  category_share: ['category'],
};
