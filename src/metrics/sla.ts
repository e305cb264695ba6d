import { coalesce, fieldsOf, lookup } from './query-builders.ts';
import type { Expr } from './query.ts';
import { ticketCategory } from './ticket-maps.ts';
import type { MetricSettings } from './types.ts';

const t = fieldsOf('ticket');

/** Only the targets that are set: a category override may give one kind of target and not the other. */
function given(pairs: [string, number | undefined][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, minutes] of pairs) if (minutes !== undefined) out[key] = minutes;
  return out;
}

/** The ticket's target in minutes: its category's override, else its priority's; none when neither has one. */
export function slaTarget(
  kind: 'firstReplyMinutes' | 'resolutionMinutes',
  { sla, tickets }: Pick<MetricSettings, 'sla' | 'tickets'>,
): Expr<'ticket'> {
  const byCategory = given(Object.entries(sla.byCategory).map(([category, o]) => [category, o[kind]]));
  const byPriority = given(Object.entries(sla[kind]));
  const ofPriority = lookup(t('priority'), byPriority);
  // No override: no need to work out the category.
  if (Object.keys(byCategory).length === 0) return ofPriority;
  return coalesce(lookup(ticketCategory(tickets), byCategory), ofPriority);
}
