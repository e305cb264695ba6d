import { sql as initial } from './001-initial.ts';
import { sql as matchQueue } from './020-match-queue.ts';
import { sql as matchQueueRequeue } from './021-match-queue-requeue.ts';
import { sql as matchQueueSuspend } from './022-match-queue-suspend.ts';
import { sql as dropTicketsOrgIndex } from './023-drop-tickets-org-index.ts';
import { sql as writeback } from './030-writeback.ts';
import { sql as metricIndexes } from './040-metric-indexes.ts';
import { sql as mappingProposals } from './050-mapping-proposals.ts';
import { sql as proposalWarnings } from './051-proposal-warnings.ts';
import { sql as scoreHistoryRebuilt } from './060-score-history-rebuilt.ts';
import { sql as healthSnapshots } from './070-health-snapshots.ts';
import { sql as ticketRuleInputs } from './080-ticket-rule-inputs.ts';
import { sql as coveringContactIndexes } from './090-covering-contact-indexes.ts';

/**
 * Forward-only migrations, applied in order at start and recorded in `schema_migrations`.
 * Never edit a released migration: add the next number.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { id: 1, name: 'initial', sql: initial },
  { id: 20, name: 'match-queue', sql: matchQueue },
  { id: 21, name: 'match-queue-requeue', sql: matchQueueRequeue },
  { id: 22, name: 'match-queue-suspend', sql: matchQueueSuspend },
  { id: 23, name: 'drop-tickets-org-index', sql: dropTicketsOrgIndex },
  { id: 30, name: 'writeback', sql: writeback },
  { id: 40, name: 'metric-indexes', sql: metricIndexes },
  { id: 50, name: 'mapping-proposals', sql: mappingProposals },
  { id: 51, name: 'proposal-warnings', sql: proposalWarnings },
  { id: 60, name: 'score-history-rebuilt', sql: scoreHistoryRebuilt },
  { id: 70, name: 'health-snapshots', sql: healthSnapshots },
  { id: 80, name: 'ticket-rule-inputs', sql: ticketRuleInputs },
  { id: 90, name: 'covering-contact-indexes', sql: coveringContactIndexes },
];
