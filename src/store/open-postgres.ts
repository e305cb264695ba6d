import type { Store } from './store.ts';
import { PostgresAccountBrowse } from './postgres/account-browse.ts';
import { PostgresAccounts, PostgresMeta } from './postgres/accounts.ts';
import { Postgres, type PostgresOptions } from './postgres/database.ts';
import { PostgresCursors, PostgresFacts } from './postgres/facts.ts';
import { ACCOUNT_INDEX, PostgresLinks } from './postgres/links.ts';
import { PostgresMatchQueue } from './postgres/match-queue.ts';
import { PostgresMetrics } from './postgres/metrics.ts';
import { PostgresProposals } from './postgres/proposals.ts';
import { PostgresAudit, PostgresRuns } from './postgres/runs.ts';
import { PostgresScores } from './postgres/scores.ts';
import { PostgresSignalFacts } from './postgres/signal-facts.ts';
import { PostgresSnapshotRows } from './postgres/snapshot-rows.ts';
import { PostgresAlerts, PostgresConfirmedValues, PostgresLeases } from './postgres/writeback.ts';
import { PostgresAccountFacts } from './postgres/account-facts.ts';

export type PostgresStore = Store & { readonly postgres: Postgres };

/** Opens the Postgres store (`HEALTH_SYNC_DATABASE_URL`), applying its migrations first. */
export async function openPostgresStore(options: PostgresOptions): Promise<PostgresStore> {
  const db = await Postgres.open(options);
  // A bulk load of links killed before it rebuilt the index left it missing. Looked up first: CREATE
  // INDEX IF NOT EXISTS locks the table even when the index is there, and waits for others' writes.
  const present = await db.query(
    "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'account_links_account'",
  );
  if (present.length === 0) await db.execute(ACCOUNT_INDEX);
  const cursors = new PostgresCursors(db);
  const links = new PostgresLinks(db);
  return {
    postgres: db,
    cursors,
    links,
    facts: new PostgresFacts(db, cursors, links),
    accounts: new PostgresAccounts(db),
    runs: new PostgresRuns(db),
    audit: new PostgresAudit(db),
    meta: new PostgresMeta(db),
    matchQueue: new PostgresMatchQueue(db),
    scores: new PostgresScores(db),
    metrics: new PostgresMetrics(db),
    proposals: new PostgresProposals(db),
    confirmedValues: new PostgresConfirmedValues(db),
    leases: new PostgresLeases(db),
    alerts: new PostgresAlerts(db),
    signalFacts: new PostgresSignalFacts(db),
    snapshotRows: new PostgresSnapshotRows(db),
    accountBrowse: new PostgresAccountBrowse(db),
    accountFacts: new PostgresAccountFacts(db),
    transaction: (fn) => db.transaction(fn),
    ping: () =>
      db.query('SELECT 1 AS ok').then(
        (rows) => rows.length === 1,
        () => false,
      ),
    close: () => db.close(),
  };
}
