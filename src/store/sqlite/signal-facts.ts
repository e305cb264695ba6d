import type { Cond } from '../../metrics/query.ts';
import { disputeTicketsSql } from '../metric-sql/dispute-tickets.ts';
import { Params } from '../metric-sql/expressions.ts';
import type { ContactCount, DisputeHit, RiskTicketHit } from '../../writeback/types.ts';
import type { SignalFactRepo } from '../signal-facts.ts';
import type { Sqlite } from './database.ts';

export class SqliteSignalFacts implements SignalFactRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  riskTickets(since: number, until: number): Promise<RiskTicketHit[]> {
    return this.s.run(() =>
      (
        this.s
          .prepared(
            `SELECT l.account_id, t.id AS ticket_id FROM tickets t
             JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
             WHERE t.risk_flag = 1 AND t.updated_at >= ? AND t.updated_at < ?
             ORDER BY l.account_id, t.id`,
          )
          .all(since, until) as { account_id: string; ticket_id: string }[]
      ).map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id })),
    );
  }

  contactCounts(since: number, until: number): Promise<ContactCount[]> {
    return this.s.run(() =>
      (
        this.s
          .prepared(
            `SELECT account_id, SUM(tickets) AS tickets, SUM(calls) AS calls FROM (
               SELECT l.account_id, COUNT(*) AS tickets, 0 AS calls FROM tickets t
                 JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
                 WHERE t.created_at >= ? AND t.created_at < ? GROUP BY l.account_id
               UNION ALL
               SELECT l.account_id, 0, COUNT(*) FROM calls c
                 JOIN account_links l ON l.entity = 'call' AND l.entity_id = c.id
                 WHERE c.started_at >= ? AND c.started_at < ? GROUP BY l.account_id
             ) GROUP BY account_id ORDER BY account_id`,
          )
          .all(since, until, since, until) as { account_id: string; tickets: number; calls: number }[]
      ).map((r) => ({ accountId: r.account_id, tickets: r.tickets, calls: r.calls })),
    );
  }

  disputeTickets(
    ofCategory: Cond<'ticket'>,
    minAmount: number,
    since: number,
    until: number,
  ): Promise<DisputeHit[]> {
    return this.s.run(() => {
      const p = new Params();
      const sql = disputeTicketsSql(ofCategory, minAmount, since, until, p);
      const rows = this.s.db.prepare(sql).all(p.values) as {
        account_id: string;
        ticket_id: string;
        amount: number;
      }[];
      return rows.map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id, amount: r.amount }));
    });
  }
}
