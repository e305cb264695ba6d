import type { MetricId } from '../config/mappings/metric-ids.ts';
import { callFirstContactResolution, CONTACTS, contactSpike, repeatContacts } from './contact-queries.ts';
import { openBugsWeighted } from './open-bugs.ts';
import { and, constant, eq, ge, le, notNull } from './query-builders.ts';
import type { MetricQuery } from './query.ts';
import { asIs, c, count, hits, inWindow, MEDIAN, P90, ratio, SOLVED, t, ticketShare } from './query-parts.ts';
import {
  categoryShare,
  complaintTurnaround,
  complaintTurnaroundHours,
  firstReplyQuantile,
  openTicketAge,
  resolutionQuantile,
  slaShare,
  tickets,
} from './ticket-queries.ts';
import { escalated } from './ticket-maps.ts';
import type { MetricRequest, MetricSettings } from './types.ts';
import { DAY_MS, ageReference, windowStart } from './windows.ts';

/** SLA targets may be a category's: the metrics comparing with them read the category rules too. */
const SLA_READS = ['sla', 'tickets'] as const;

/** The query of each metric; `reads` names the settings it depends on besides the measure. */
export const METRICS: Record<
  MetricId,
  { reads?: readonly (keyof MetricSettings)[]; query: (r: MetricRequest) => MetricQuery }
> = {
  contacts: {
    query: (r) => ({
      kind: 'contactCount',
      contacts: CONTACTS,
      from: windowStart(r.now, r.spec.windowDays),
      to: r.now,
      read: ({ late }) => ({ value: late, sample: late }),
    }),
  },
  contact_spike: { query: contactSpike },
  tickets: { reads: ['tickets'], query: tickets },
  category_share: { reads: ['tickets'], query: categoryShare },
  inbound_calls: {
    query: (r) => ({
      kind: 'share',
      over: inWindow('call', 'startedAt', r, eq(c('direction'), constant('inbound'))),
      hit: notNull(c('id')),
      read: count,
    }),
  },
  resolution_vs_sla_median: { reads: SLA_READS, query: (r) => resolutionQuantile(r, MEDIAN) },
  resolution_vs_sla_p90: { reads: SLA_READS, query: (r) => resolutionQuantile(r, P90) },
  first_reply_minutes_median: { query: (r) => firstReplyQuantile(r, MEDIAN) },
  first_reply_minutes_p90: { query: (r) => firstReplyQuantile(r, P90) },
  sla_adherence: { reads: SLA_READS, query: (r) => slaShare(r, ['firstReplyMinutes', 'resolutionMinutes']) },
  first_reply_sla_adherence: { reads: SLA_READS, query: (r) => slaShare(r, ['firstReplyMinutes']) },
  resolution_sla_adherence: { reads: SLA_READS, query: (r) => slaShare(r, ['resolutionMinutes']) },
  escalation_rate: {
    reads: ['tickets'],
    query: (r) => ticketShare(r, 'createdAt', undefined, escalated(r.settings.tickets)),
  },
  first_contact_resolution: {
    query: (r) =>
      ticketShare(
        r,
        'solvedAt',
        and(SOLVED, notNull(t('replies')), notNull(t('reopens'))),
        and(le(t('replies'), constant(1)), eq(t('reopens'), constant(0))),
      ),
  },
  call_first_contact_resolution: { query: callFirstContactResolution },
  open_ticket_age_days: { query: (r) => openTicketAge(r, MEDIAN) },
  open_ticket_age_p90_days: { query: (r) => openTicketAge(r, P90) },
  complaint_turnaround: { reads: ['tickets'], query: complaintTurnaround },
  complaint_turnaround_hours: { reads: ['tickets'], query: complaintTurnaroundHours },
  csat: {
    query: (r) =>
      ticketShare(r, 'solvedAt', notNull(t('satisfaction')), eq(t('satisfaction'), constant('good'))),
  },
  reopen_rate: {
    query: (r) =>
      ticketShare(r, 'solvedAt', and(SOLVED, notNull(t('reopens'))), ge(t('reopens'), constant(1))),
  },
  repeat_contact_rate: { query: repeatContacts },
  abandoned_call_rate: {
    query: (r) => ({
      kind: 'share',
      over: inWindow('call', 'startedAt', r, eq(c('direction'), constant('inbound'))),
      hit: eq(c('abandoned'), constant(true)),
      read: ratio,
    }),
  },
  avg_handle_time_sec: {
    query: (r) => ({
      kind: 'mean',
      over: inWindow(
        'call',
        'startedAt',
        r,
        and(eq(c('abandoned'), constant(false)), notNull(c('handleSec'))),
      ),
      of: c('handleSec'),
      read: asIs,
    }),
  },
  open_bugs_weighted: { reads: ['bugs'], query: openBugsWeighted },
  risk_flags: {
    query: (r) => ticketShare(r, 'createdAt', undefined, eq(t('riskFlag'), constant(true)), hits),
  },
};

/**
 * The query that computes a metric over the request's window, as data for a store to execute. A
 * shifted spec (the window before) is the same query at an earlier `now`: the start of the current
 * hour less the shift, so every window and age moves back together.
 */
export function metricQuery(r: MetricRequest): MetricQuery {
  const shift = r.spec.shiftDays ?? 0;
  const now = shift === 0 ? r.now : ageReference(r.now) - shift * DAY_MS;
  return METRICS[r.spec.metric].query({ ...r, now });
}
