import type { Cond } from '../../metrics/query.ts';
import { type Params, sqlCond } from './expressions.ts';
import { linked, scope } from './scan-sql.ts';

/*
 * The alert signals' reads, in either store. Facts are joined to their links as the metrics join
 * them (`SqlDialect.linked`): on SQLite, facts first, since a window holds few of them; left to
 * itself its planner walks every link of the kind instead (1.1 s for one day of a million tickets,
 * against 0.01 s).
 */

/** Tickets with risk language updated in [since, until), by linked account. */
export function riskTicketsSql(since: number, until: number, p: Params): string {
  return `SELECT t_l.account_id, t.id AS ticket_id FROM ${linked(scope('ticket', p), undefined)}
    WHERE t.risk_flag = 1 AND t.updated_at >= ${p.bind(since)} AND t.updated_at < ${p.bind(until)}
    ORDER BY t_l.account_id, t.id`;
}

/** Tickets created and calls started in [since, until), counted per linked account. */
export function contactCountsSql(since: number, until: number, p: Params): string {
  const [from, to] = [p.bind(since), p.bind(until)];
  return `SELECT account_id, SUM(tickets) AS tickets, SUM(calls) AS calls FROM (
      SELECT t_l.account_id, COUNT(*) AS tickets, 0 AS calls FROM ${linked(scope('ticket', p), undefined)}
        WHERE t.created_at >= ${from} AND t.created_at < ${to} GROUP BY t_l.account_id
      UNION ALL
      SELECT c_l.account_id, 0, COUNT(*) FROM ${linked(scope('call', p), undefined)}
        WHERE c.started_at >= ${from} AND c.started_at < ${to} GROUP BY c_l.account_id
    ) AS u GROUP BY account_id ORDER BY account_id`;
}

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
  const category = sqlCond(ofCategory, scope('ticket', p));
  return `SELECT t_l.account_id, t.id AS ticket_id, t.amount FROM ${linked(scope('ticket', p), undefined)}
    WHERE t.amount >= ${p.bind(minAmount)} AND t.updated_at >= ${p.bind(since)} AND t.updated_at < ${p.bind(until)}
      AND (${category})
    ORDER BY t_l.account_id, t.amount DESC, t.id`;
}
