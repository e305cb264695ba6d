import type { Cond } from '../../metrics/query.ts';
import { type Params, sqlCond } from './expressions.ts';

/**
 * The dispute signal's tickets in either store: those of the category (a condition built from the
 * category rules in force, src/metrics/ticket-maps.ts) with an amount of at least `minAmount`,
 * updated in [since, until), by linked account, largest amount first.
 */
export function disputeTicketsSql(
  ofCategory: Cond<'ticket'>,
  minAmount: number,
  since: number,
  until: number,
  p: Params,
): string {
  const category = sqlCond(ofCategory, { facts: 'ticket', alias: 't', p });
  return `SELECT t_l.account_id, t.id AS ticket_id, t.amount FROM ${p.dialect.linked('tickets', 't', 'ticket', undefined)}
    WHERE t.amount >= ${p.bind(minAmount)} AND t.updated_at >= ${p.bind(since)} AND t.updated_at < ${p.bind(until)}
      AND (${category})
    ORDER BY t_l.account_id, t.amount DESC, t.id`;
}
