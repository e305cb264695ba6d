/**
 * The metric catalogue that scorecard measures may name. Each is computed per account over the
 * measure's window by `src/metrics/`; the comment says what the raw value is.
 */
export const METRIC_IDS = [
  'contacts', // tickets + calls in the window (count)
  'contact_spike', // contacts in the window ÷ the account's own 90-day baseline for a window that long
  'resolution_vs_sla_median', // median full-resolution time ÷ the SLA target for the ticket (1.0 = on target)
  'resolution_vs_sla_p90', // 90th percentile of the same ratio
  'sla_adherence', // share of tickets meeting both first-reply and resolution targets
  'first_reply_sla_adherence', // share meeting the first-reply target
  'resolution_sla_adherence', // share meeting the resolution target
  'escalation_rate', // share of tickets escalated
  'first_contact_resolution', // share solved after one agent reply and never reopened
  'open_ticket_age_days', // median age in days of tickets still open
  'complaint_turnaround', // share of complaints (params.category) solved within params.target_hours
  'csat', // good ÷ rated
  'reopen_rate', // share of solved tickets reopened at least once
  'repeat_contact_rate', // share of contacts with another from the same requester/caller within params.within_days (7)
  'abandoned_call_rate', // abandoned ÷ inbound calls
  'avg_handle_time_sec', // mean handle time of answered calls
  'open_bugs_weighted', // Σ open bugs × priority weight × (1 + age_weight_per_day × age)
  'risk_flags', // tickets with risk language in the window (count)
] as const;
export type MetricId = (typeof METRIC_IDS)[number];
