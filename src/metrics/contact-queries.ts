import { constant, eq } from './query-builders.ts';
import type { ContactSource, MetricQuery } from './query.ts';
import { c, misses, ratio } from './query-parts.ts';
import type { MetricRequest } from './types.ts';
import { BASELINE_DAYS, DAY_MS, REPEAT_WITHIN_DAYS, ageReference, windowStart } from './windows.ts';

/** The metrics over contacts of either kind, by person or against the account's own normal. */

/** A call is resolved at first contact when the caller does not call again within this long. */
export const FOLLOW_UP_MS = REPEAT_WITHIN_DAYS * DAY_MS;

/**
 * A contact is a ticket by its creation or a call by its start, whatever the direction. The person
 * behind it is the ticket's requester or the call's caller; a call from the account's own main
 * number (the number phone matching links calls by) comes from a switchboard everyone there shares,
 * so it names no person.
 */
export const CONTACTS: readonly ContactSource[] = [
  { facts: 'ticket', time: 'createdAt', person: 'requesterKey' },
  { facts: 'call', time: 'startedAt', person: 'callerKey', notPersonIf: 'phoneKey' },
];

export function contactSpike(r: MetricRequest): MetricQuery {
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
export function repeatContacts(r: MetricRequest): MetricQuery {
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

/**
 * Answered inbound calls that the same caller (hashed number) did not follow with another inbound
 * call within 7 days. A call counts only once its 7 days have passed, so the calls read are those of
 * the window moved back by 7 days: a call made yesterday is not yet a first-contact resolution.
 */
export function callFirstContactResolution(r: MetricRequest): MetricQuery {
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
