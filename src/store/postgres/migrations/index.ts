import { sql as initial } from './001-initial.ts';
import { sql as matchQueue } from './002-match-queue.ts';
import { sql as snapshotRows } from './003-snapshot-rows.ts';
import { sql as ticketRuleInputs } from './004-ticket-rule-inputs.ts';
import { sql as ticketsByOrganization } from './005-tickets-by-organization.ts';

/**
 * Forward-only migrations of the Postgres store, applied in order at start (all pending ones in one
 * transaction, under an advisory lock) and recorded in `schema_migrations`. Never edit a released
 * migration: add the next number. The numbers are Postgres's own, not SQLite's.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { id: 1, name: 'initial', sql: initial },
  { id: 2, name: 'match-queue', sql: matchQueue },
  { id: 3, name: 'snapshot-rows', sql: snapshotRows },
  { id: 4, name: 'ticket-rule-inputs', sql: ticketRuleInputs },
  { id: 5, name: 'tickets-by-organization', sql: ticketsByOrganization },
];
