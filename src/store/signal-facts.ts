import type { Cond } from '../metrics/query.ts';
import type { ContactCount, DisputeHit, RiskTicketHit } from '../writeback/types.ts';

/** The queries over linked facts that the escalation signals of salesforce.yaml fire on. */
export interface SignalFactRepo {
  /** Tickets with risk language updated in [since, until), by linked account. */
  riskTickets(since: number, until: number): Promise<RiskTicketHit[]>;
  /** Tickets created and calls started in [since, until), per linked account. */
  contactCounts(since: number, until: number): Promise<ContactCount[]>;
  /**
   * Tickets of a category (`ofCategory`: `categoryIs` of src/metrics/ticket-maps.ts, the rules in
   * force) with an amount of at least `minAmount`, updated in [since, until).
   */
  disputeTickets(
    ofCategory: Cond<'ticket'>,
    minAmount: number,
    since: number,
    until: number,
  ): Promise<DisputeHit[]>;
}
