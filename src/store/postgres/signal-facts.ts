import type { Cond } from '../../metrics/query.ts';
import { contactCountsSql, disputeTicketsSql, riskTicketsSql } from '../metric-sql/signal-sql.ts';
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
    const p = new Params(POSTGRES_DIALECT);
    const sql = riskTicketsSql(since, until, p);
    const rows = await this.db.query<{ account_id: string; ticket_id: string }>(sql, p.list);
    return rows.map((r) => ({ accountId: r.account_id, ticketId: r.ticket_id }));
  }

  async contactCounts(since: number, until: number): Promise<ContactCount[]> {
    const p = new Params(POSTGRES_DIALECT);
    const sql = contactCountsSql(since, until, p);
    const rows = await this.db.query<{ account_id: string; tickets: number; calls: number }>(sql, p.list);
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
