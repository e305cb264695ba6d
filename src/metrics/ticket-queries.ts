import {
  and,
  atLeastZero,
  coalesce,
  constant,
  divide,
  gt,
  le,
  minus,
  notNull,
  or,
  param,
} from './query-builders.ts';
import type { MetricQuery } from './query.ts';
import { asIs, count, inWindow, MEDIAN, OPEN, SOLVED, t, ticketShare, type Quantile } from './query-parts.ts';
import { slaTarget } from './sla.ts';
import { categoryIs } from './ticket-maps.ts';
import type { MetricRequest } from './types.ts';
import { DAY_MS, HOUR_MS, ageReference } from './windows.ts';

/** The ticket metrics whose query is more than a share of one condition. */

type SlaKind = 'firstReplyMinutes' | 'resolutionMinutes';
export const SLA_FIELD = {
  firstReplyMinutes: 'firstReplyMinutes',
  resolutionMinutes: 'fullResolutionMinutes',
} as const;

/** Tickets created in the window that have every given time and target; hits meet all of them. */
export function slaShare(r: MetricRequest, kinds: SlaKind[]): MetricQuery {
  const parts = kinds.map((k) => ({ time: t(SLA_FIELD[k]), target: slaTarget(k, r.settings) }));
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
export function resolutionQuantile(r: MetricRequest, q: Quantile): MetricQuery {
  const minutes = t('fullResolutionMinutes');
  const target = slaTarget('resolutionMinutes', r.settings);
  return {
    kind: 'quantile',
    over: inWindow('ticket', 'solvedAt', r, and(SOLVED, notNull(minutes), notNull(target))),
    of: divide(minutes, target),
    q,
    read: asIs,
  };
}

/** Calendar time (complaint rules count calendar days). An open complaint counts once it is overdue. */
export function complaintTurnaround(r: MetricRequest): MetricQuery {
  const category = categoryIs(r.settings.tickets, String(r.spec.params['category'] ?? ''));
  const target = param(Number(r.spec.params['target_hours'] ?? 0) * 3_600_000);
  const solved = and(SOLVED, notNull(t('solvedAt')), le(t('solvedAt'), param(r.now)));
  return ticketShare(
    r,
    'createdAt',
    and(category, or(solved, gt(minus(param(ageReference(r.now)), t('createdAt')), target))),
    and(solved, le(minus(t('solvedAt'), t('createdAt')), target)),
  );
}

/**
 * Every ticket open at `now`, however old: the window does not apply to a backlog. As of a past
 * `now` (a history rebuild), a ticket solved since was still open then; one created since is left out.
 */
export function openTicketAge(r: MetricRequest, q: Quantile): MetricQuery {
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
export function tickets(r: MetricRequest): MetricQuery {
  const category = r.spec.params['category'];
  const where = category === undefined ? undefined : categoryIs(r.settings.tickets, String(category));
  // Every ticket has an id: the hit condition is irrelevant, the count is the sample.
  return ticketShare(r, 'createdAt', where, notNull(t('id')), count);
}

/** Tickets of params.category ÷ tickets created in the window: e.g. the chargeback ratio. */
export function categoryShare(r: MetricRequest): MetricQuery {
  return ticketShare(
    r,
    'createdAt',
    undefined,
    categoryIs(r.settings.tickets, String(r.spec.params['category'] ?? '')),
  );
}

/** First-reply minutes over the tickets created in the window that have one. */
export function firstReplyQuantile(r: MetricRequest, q: Quantile): MetricQuery {
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
export function complaintTurnaroundHours(r: MetricRequest): MetricQuery {
  const category = categoryIs(r.settings.tickets, String(r.spec.params['category'] ?? ''));
  return {
    kind: 'quantile',
    over: inWindow('ticket', 'solvedAt', r, and(SOLVED, category)),
    of: divide(minus(t('solvedAt'), t('createdAt')), constant(HOUR_MS)),
    q: MEDIAN,
    read: asIs,
  };
}
