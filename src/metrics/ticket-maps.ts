import { caseOf, coalesce, eq, fieldsOf, firstListed, isIn, listHas, or, param } from './query-builders.ts';
import type { Cond, Expr } from './query.ts';
import type { TicketMaps } from './types.ts';

/**
 * A ticket's category and whether it is escalated, as expressions over what its fact keeps (tags,
 * category field values, priority, group): the rules in force apply when scores are computed, so
 * editing them re-reads no ticket. The same rules as the Zendesk mapper applied at ingest before.
 */

const t = fieldsOf('ticket');

/** A stored list item never holds the delimiter, so a key that does could only match by accident. */
const listable = (key: string): boolean => !key.includes('|');

/** The category field's first value that has a mapping, else the first listed tag the ticket has. */
export function ticketCategory(maps: TicketMaps): Expr<'ticket'> {
  const values = maps.categoryValues.filter(([value, category]) => listable(value) && category !== '');
  const tags = maps.categoryTags.filter(([tag]) => listable(tag));
  return coalesce(
    firstListed(t('categoryFieldValues'), values),
    caseOf(tags.map(([tag, category]) => ({ when: listHas(t('tags'), tag), then: param(category) }))),
  );
}

/** The ticket is of `category` under the rules in force. */
export const categoryIs = (maps: TicketMaps, category: string): Cond<'ticket'> =>
  eq(ticketCategory(maps), param(category));

/** A listed tag, priority or group makes a ticket escalated; with none listed, none is. */
export function escalated(maps: TicketMaps): Cond<'ticket'> {
  const { tags, priorities, groups } = maps.escalation;
  return or(
    ...tags.filter(listable).map((tag) => listHas(t('tags'), tag)),
    ...(priorities.length ? [isIn(t('priority'), priorities.map(param))] : []),
    ...(groups.length ? [isIn(t('groupId'), groups.map(param))] : []),
  );
}
