import { DAY_MS } from './options.ts';
import { hash32, labelCode } from './prng.ts';
import type { Minutes, TicketModel } from './tickets.ts';

/**
 * A ticket before its last change (its generated_timestamp), as Zendesk shows it to an export read
 * then: new from its creation (no assignee, no reply, no solution, no metrics), open and assigned
 * from its first reply, solved from its solution (with its resolution times, replies and reopens,
 * the survey offered but not answered), rated from the requester's answer. A ticket still solved
 * was last changed by that answer; a closed one was rated before the automation closed it.
 *
 * Not modelled: a first solution before a reopen (the ticket stays open from its first reply to its
 * final solution), changes of priority, tags, group or category (set at creation), and the history
 * of tickets deleted before any sync ran (they are seen only deleted, as before).
 */

/** From creation to last change: 40 days of work stretched 2.4 times by bad service, then 4 days to close. */
export const TICKET_MAX_LIFE_MS = 101 * DAY_MS;

const none: Minutes = { calendar: null, business: null };

/** When the first public reply was made (as the metric set's reply time says), or null. */
export const firstReplyAt = (t: TicketModel): number | null =>
  t.reply.calendar === null ? null : t.createdAt + t.reply.calendar * 60_000;

const RATED = labelCode('ticket-rated');

/**
 * When the requester answered the satisfaction survey, or null without a rating. Zendesk's default
 * automation sends the survey a day after the solution and closes the ticket four days after it,
 * after which it can no longer be rated: a closed ticket was rated one to three days after its solution.
 */
export function ratedAt(t: TicketModel): number | null {
  if ((t.satisfaction !== 'good' && t.satisfaction !== 'bad') || t.solvedAt === null) return null;
  if (t.status !== 'closed') return t.generatedAt;
  return t.solvedAt + DAY_MS + (hash32(t.id, RATED) % (2 * 86_400)) * 1000;
}

export function ticketVersionTimes(t: TicketModel): number[] {
  if (t.status === 'deleted') return [];
  const end = t.generatedAt;
  const times = [t.createdAt];
  const reply = firstReplyAt(t);
  if (reply !== null && reply > t.createdAt && reply < (t.solvedAt ?? end)) times.push(reply);
  if (t.solvedAt !== null && t.solvedAt > times.at(-1)!) times.push(t.solvedAt);
  const rated = ratedAt(t);
  if (rated !== null && rated > times.at(-1)!) times.push(rated);
  return times.filter((x) => x < end);
}

export function ticketAsOf(t: TicketModel, time: number): TicketModel {
  const at = { generatedAt: time, updatedAt: time };
  if (t.solvedAt !== null && time >= t.solvedAt) {
    const rated = ratedAt(t);
    return {
      ...t,
      ...at,
      status: 'solved',
      satisfaction:
        t.satisfaction === 'unoffered'
          ? 'unoffered'
          : rated !== null && time >= rated
            ? t.satisfaction
            : 'offered',
    };
  }
  const reply = firstReplyAt(t);
  const base = {
    ...t,
    ...at,
    solvedAt: null,
    satisfaction: 'unoffered' as const,
    firstResolution: none,
    fullResolution: none,
    reopens: 0,
  };
  if (reply !== null && time >= reply) return { ...base, status: 'open', replies: 1 };
  return { ...base, status: 'new', assigneeId: null, reply: none, replies: 0 };
}
