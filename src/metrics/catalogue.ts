import type { MetricId } from '../config/mappings/metric-ids.ts';
import { openBugsWeighted } from './open-bugs.ts';
import {
  and,
  atLeastZero,
  coalesce,
  constant,
  divide,
  eq,
  fieldsOf,
  ge,
  gt,
  isIn,
  le,
  minus,
  notNull,
  or,
  param,
} from './query-builders.ts';
import type {
  Cond,
  ContactSource,
  Field,
  MetricFact,
  MetricQuery,
  Scan,
  ShareRow,
  ValueRow,
} from './query.ts';
import { slaTarget } from './sla.ts';
import type { MetricRequest, MetricSettings, MetricValue } from './types.ts';
import { BASELINE_DAYS, DAY_MS, HOUR_MS, REPEAT_WITHIN_DAYS, ageReference, windowStart } from './windows.ts';

/** A call is resolved at first contact when the caller does not call again within this long. */
const FOLLOW_UP_MS = REPEAT_WITHIN_DAYS * DAY_MS;

const t = fieldsOf('ticket');
const c = fieldsOf('call');

const SOLVED = isIn(t('status'), ['solved', 'closed'].map(constant));
const OPEN = isIn(t('status'), ['new', 'open', 'pending', 'hold'].map(constant));

/**
 * A contact is a ticket by its creation or a call by its start, whatever the direction. The person
 * behind it is the ticket's requester or the call's caller; a call from the account's own main
 * number (the number phone matching links calls by) comes from a switchboard everyone there shares,
 * so it names no person.
 */
const CONTACTS: readonly ContactSource[] = [
  { facts: 'ticket', time: 'createdAt', person: 'requesterKey' },
  { facts: 'call', time: 'startedAt', person: 'callerKey', notPersonIf: 'phoneKey' },
];

const ratio = (row: ShareRow): MetricValue => ({
  value: row.sample > 0 ? row.hits / row.sample : null,
  sample: row.sample,
});
const hits = (row: ShareRow): MetricValue => ({ value: row.hits, sample: row.sample });
/** A count of the facts read: each is a data point. */
const count = (row: ShareRow): MetricValue => ({ value: row.sample, sample: row.sample });
/** The share of the facts that are not hits. */
const misses = (row: ShareRow): MetricValue => ({
  value: row.sample > 0 ? (row.sample - row.hits) / row.sample : null,
  sample: row.sample,
});
const asIs = (row: ValueRow): MetricValue => ({ value: row.value, sample: row.sample });

const MEDIAN = { num: 1, den: 2 };
const P90 = { num: 9, den: 10 };

type SlaKind = 'firstReplyMinutes' | 'resolutionMinutes';
const SLA_FIELD = {
  firstReplyMinutes: 'firstReplyMinutes',
  resolutionMinutes: 'fullResolutionMinutes',
} as const;

/** The facts of a kind whose `time` lies in the measure's window. */
function inWindow<K extends MetricFact>(
  facts: K,
  time: Field<K>,
  r: MetricRequest,
  where?: Cond<K>,
): Scan<K> {
  const window = { time, from: windowStart(r.now, r.spec.windowDays), to: r.now };
  return where === undefined ? { facts, window } : { facts, window, where };
}

function ticketShare(
  r: MetricRequest,
  time: 'createdAt' | 'solvedAt',
  population: Cond<'ticket'> | undefined,
  hit: Cond<'ticket'>,
  read: (row: ShareRow) => MetricValue = ratio,
): MetricQuery {
  return { kind: 'share', over: inWindow('ticket', time, r, population), hit, read };
}

/** Tickets created in the window that have every given time and target; hits meet all of them. */
function slaShare(r: MetricRequest, kinds: SlaKind[]): MetricQuery {
  const parts = kinds.map((k) => ({ time: t(SLA_FIELD[k]), target: slaTarget(k, r.settings.sla) }));
  // As of a past `now` (a history rebuild), a resolution time is known only once the ticket was solved.
  const resolvedBy =
    r.past && kinds.includes('resolutionMinutes')
      ? [le(coalesce(t('solvedAt'), param(r.now)), param(r.now))]
      : [];
  return ticketShare(
    r,
    'createdAt',
    and(...parts.flatMap((x) => [notNull(x.time), notNull(x.target)]), ...resolvedBy),
    and(...parts.map((x) => le(x.time, x.target))),
  );
}

/** Full-resolution time ÷ the ticket's resolution target, over tickets solved in the window. */
function resolutionQuantile(r: MetricRequest, q: { num: number; den: number }): MetricQuery {
  const minutes = t('fullResolutionMinutes');
  const target = slaTarget('resolutionMinutes', r.settings.sla);
  return {
    kind: 'quantile',
    over: inWindow('ticket', 'solvedAt', r, and(SOLVED, notNull(minutes), notNull(target))),
    of: divide(minutes, target),
    q,
    read: asIs,
  };
}

function contactSpike(r: MetricRequest): MetricQuery {
  const expected = r.spec.windowDays / BASELINE_DAYS;
  return {
    kind: 'contactCount',
    contacts: CONTACTS,
    from: windowStart(r.now, r.spec.windowDays + BASELINE_DAYS),
    split: windowStart(r.now, r.spec.windowDays),
    to: r.now,
    read: ({ late: current, early: baseline }) => ({
      value: baseline > 0 ? current / (baseline * expected) : null,
      sample: baseline,
      detail: { current, baseline },
    }),
  };
}

/**
 * The same requester or caller coming back within `params.within_days` (default 7): the first answer
 * did not settle it. Sample: the window's contacts whose person is known.
 */
function repeatContacts(r: MetricRequest): MetricQuery {
  const days = Number(r.spec.params['within_days'] ?? REPEAT_WITHIN_DAYS);
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`bad within_days ${days}`);
  return {
    kind: 'repeatContacts',
    contacts: CONTACTS,
    from: windowStart(r.now, r.spec.windowDays),
    to: r.now,
    within: days * DAY_MS,
    read: ratio,
  };
}

/** Calendar time (complaint rules count calendar days). An open complaint counts once it is overdue. */
function complaintTurnaround(r: MetricRequest): MetricQuery {
  const category = param(String(r.spec.params['category'] ?? ''));
  const target = param(Number(r.spec.params['target_hours'] ?? 0) * 3_600_000);
  const solved = and(SOLVED, notNull(t('solvedAt')), le(t('solvedAt'), param(r.now)));
  return ticketShare(
    r,
    'createdAt',
    and(
      eq(t('category'), category),
      or(solved, gt(minus(param(ageReference(r.now)), t('createdAt')), target)),
    ),
    and(solved, le(minus(t('solvedAt'), t('createdAt')), target)),
  );
}

/**
 * Every ticket open at `now`, however old: the window does not apply to a backlog. As of a past
 * `now` (a history rebuild), a ticket solved since was still open then; one created since is left out.
 */
function openTicketAge(r: MetricRequest, q: { num: number; den: number }): MetricQuery {
  const openThen = r.past ? or(OPEN, and(SOLVED, gt(t('solvedAt'), param(r.now)))) : OPEN;
  return {
    kind: 'quantile',
    over: { facts: 'ticket', where: and(openThen, le(t('createdAt'), param(r.now))) },
    of: divide(atLeastZero(minus(param(ageReference(r.now)), t('createdAt'))), constant(DAY_MS)),
    q,
    read: asIs,
  };
}

/** Tickets created in the window, of params.category when one is given. */
function tickets(r: MetricRequest): MetricQuery {
  const category = r.spec.params['category'];
  const where = category === undefined ? undefined : eq(t('category'), param(String(category)));
  // Every ticket has an id: the hit condition is irrelevant, the count is the sample.
  return ticketShare(r, 'createdAt', where, notNull(t('id')), count);
}

/** Tickets of params.category ÷ tickets created in the window: e.g. the chargeback ratio. */
function categoryShare(r: MetricRequest): MetricQuery {
  return ticketShare(
    r,
    'createdAt',
    undefined,
    eq(t('category'), param(String(r.spec.params['category'] ?? ''))),
  );
}

/** First-reply minutes over the tickets created in the window that have one. */
function firstReplyQuantile(r: MetricRequest, q: { num: number; den: number }): MetricQuery {
  const minutes = t('firstReplyMinutes');
  return {
    kind: 'quantile',
    over: inWindow('ticket', 'createdAt', r, notNull(minutes)),
    of: minutes,
    q,
    read: asIs,
  };
}

/** Calendar hours from created to solved of the tickets of params.category solved in the window. */
function complaintTurnaroundHours(r: MetricRequest): MetricQuery {
  const category = param(String(r.spec.params['category'] ?? ''));
  return {
    kind: 'quantile',
    over: inWindow('ticket', 'solvedAt', r, and(SOLVED, eq(t('category'), category))),
    of: divide(minus(t('solvedAt'), t('createdAt')), constant(HOUR_MS)),
    q: MEDIAN,
    read: asIs,
  };
}

/**
 * Answered inbound calls that the same caller (hashed number) did not follow with another inbound
 * call within 7 days. A call counts only once its 7 days have passed, so the calls read are those of
 * the window moved back by 7 days: a call made yesterday is not yet a first-contact resolution.
 */
function callFirstContactResolution(r: MetricRequest): MetricQuery {
  return {
    kind: 'followUp',
    contacts: {
      facts: 'call',
      time: 'startedAt',
      person: 'callerKey',
      where: eq(c('direction'), constant('inbound')),
    },
    counted: eq(c('abandoned'), constant(false)),
    from: windowStart(r.now, r.spec.windowDays) - FOLLOW_UP_MS,
    to: ageReference(r.now) - FOLLOW_UP_MS,
    within: FOLLOW_UP_MS,
    read: misses,
  };
}

/** The query of each metric; `reads` names the settings it depends on besides the measure. */
export const METRICS: Record<
  MetricId,
  { reads?: keyof MetricSettings; query: (r: MetricRequest) => MetricQuery }
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
  tickets: { query: tickets },
  category_share: { query: categoryShare },
  inbound_calls: {
    query: (r) => ({
      kind: 'share',
      over: inWindow('call', 'startedAt', r, eq(c('direction'), constant('inbound'))),
      hit: notNull(c('id')),
      read: count,
    }),
  },
  resolution_vs_sla_median: { reads: 'sla', query: (r) => resolutionQuantile(r, MEDIAN) },
  resolution_vs_sla_p90: { reads: 'sla', query: (r) => resolutionQuantile(r, P90) },
  first_reply_minutes_median: { query: (r) => firstReplyQuantile(r, MEDIAN) },
  first_reply_minutes_p90: { query: (r) => firstReplyQuantile(r, P90) },
  sla_adherence: { reads: 'sla', query: (r) => slaShare(r, ['firstReplyMinutes', 'resolutionMinutes']) },
  first_reply_sla_adherence: { reads: 'sla', query: (r) => slaShare(r, ['firstReplyMinutes']) },
  resolution_sla_adherence: { reads: 'sla', query: (r) => slaShare(r, ['resolutionMinutes']) },
  escalation_rate: {
    query: (r) => ticketShare(r, 'createdAt', undefined, eq(t('escalated'), constant(true))),
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
  complaint_turnaround: { query: complaintTurnaround },
  complaint_turnaround_hours: { query: complaintTurnaroundHours },
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
  open_bugs_weighted: { reads: 'bugs', query: openBugsWeighted },
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
