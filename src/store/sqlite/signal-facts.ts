import type { Cond } from '../../metrics/query.ts';
import { contactCountsSql, disputeTicketsSql, riskTicketsSql } from '../metric-sql/signal-sql.ts';
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
    const p = new Params();
    const sql = riskTicketsSql(since, until, p);
    return this.s.run(() =>
      (this.s.prepared(sql).all(p.values) as { account_id: string; ticket_id: string }[]).map((r) => ({
        accountId: r.account_id,
        ticketId: r.ticket_id,
      })),
    );
  }

  contactCounts(since: number, until: number): Promise<ContactCount[]> {
    const p = new Params();
    const sql = contactCountsSql(since, until, p);
    return this.s.run(() =>
      (this.s.prepared(sql).all(p.values) as { account_id: string; tickets: number; calls: number }[]).map(
        (r) => ({ accountId: r.account_id, tickets: r.tickets, calls: r.calls }),
      ),
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
