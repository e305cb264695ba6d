import { DAY_MS } from './options.ts';
import type { Minutes, TicketModel } from './tickets.ts';

/**
 * A ticket before its last change (its generated_timestamp), as Zendesk shows it to an export read
 * then: new from its creation (no assignee, no reply, no solution, no metrics), open and assigned
 * from its first reply, solved from its solution (with its resolution times, replies and reopens,
 * the survey offered but not answered). The last change is the final state, the rating included:
 * the requester's answer (or the automation that closed the ticket) is what changed it last.
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

export function ticketVersionTimes(t: TicketModel): number[] {
  if (t.status === 'deleted') return [];
  const end = t.generatedAt;
  const times = [t.createdAt];
  const reply = firstReplyAt(t);
  if (reply !== null && reply > t.createdAt && reply < (t.solvedAt ?? end)) times.push(reply);
  if (t.solvedAt !== null && t.solvedAt > times.at(-1)!) times.push(t.solvedAt);
  return times.filter((x) => x < end);
}

export function ticketAsOf(t: TicketModel, time: number): TicketModel {
  const at = { generatedAt: time, updatedAt: time };
  if (t.solvedAt !== null && time >= t.solvedAt)
    return {
      ...t,
      ...at,
      status: 'solved',
      satisfaction: t.satisfaction === 'unoffered' ? 'unoffered' : 'offered',
    };
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
