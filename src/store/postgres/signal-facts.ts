import type { Cond } from '../../metrics/query.ts';
import { disputeTicketsSql } from '../metric-sql/dispute-tickets.ts';
import { Params } from '../metric-sql/expressions.ts';
import type { ContactCount, DisputeHit, RiskTicketHit } from '../../writeback/types.ts';
import type { SignalFactRepo } from '../signal-facts.ts';
import type { Postgres } from './database.ts';
import { POSTGRES_DIALECT } from './metric-sql-dialect.ts';

export class PostgresSignalFacts implements SignalFactRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async riskTickets(since: number, until: number): Promise<RiskTicketHit[]> {
    const rows = await this.db.query<{ account_id: string; ticket_id: string }>(
      `SELECT l.account_id, t.id AS ticket_id FROM tickets t
       JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
       WHERE t.risk_flag = 1 AND t.updated_at >= $1 AND t.updated_at < $2
       ORDER BY l.account_id, t.id`,
      [since, until],
    );
    return rows.map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id }));
  }

  async contactCounts(since: number, until: number): Promise<ContactCount[]> {
    const rows = await this.db.query<{ account_id: string; tickets: number; calls: number }>(
      `SELECT account_id, SUM(tickets) AS tickets, SUM(calls) AS calls FROM (
         SELECT l.account_id, COUNT(*) AS tickets, 0 AS calls FROM tickets t
           JOIN account_links l ON l.entity = 'ticket' AND l.entity_id = t.id
           WHERE t.created_at >= $1 AND t.created_at < $2 GROUP BY l.account_id
         UNION ALL
         SELECT l.account_id, 0, COUNT(*) FROM calls c
           JOIN account_links l ON l.entity = 'call' AND l.entity_id = c.id
           WHERE c.started_at >= $1 AND c.started_at < $2 GROUP BY l.account_id
       ) AS u GROUP BY account_id ORDER BY account_id`,
      [since, until],
    );
    return rows.map((r) => ({ accountId: r.account_id, tickets: r.tickets, calls: r.calls }));
  }

  async disputeTickets(
    ofCategory: Cond<'ticket'>,
    minAmount: number,
    since: number,
    until: number,
  ): Promise<DisputeHit[]> {
    const p = new Params(POSTGRES_DIALECT);
    const sql = disputeTicketsSql(ofCategory, minAmount, since, until, p);
    const rows = await this.db.query<{ account_id: string; ticket_id: string; amount: number }>(sql, p.list);
    return rows.map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id, amount: r.amount }));
  }
}
