import type { Store } from './store.ts';
import { SqliteAccounts, SqliteMeta } from './sqlite/accounts.ts';
import { SqliteAudit } from './sqlite/audit.ts';
import { Sqlite } from './sqlite/database.ts';
import { SqliteCursors, SqliteFacts } from './sqlite/facts.ts';
import { SqliteLinks } from './sqlite/links.ts';
import { SqliteMatchQueue } from './sqlite/match-queue.ts';
import { SqliteMetrics } from './sqlite/metrics.ts';
import { SqliteScores } from './sqlite/scores.ts';
import { SqliteProposals } from './sqlite/proposals.ts';
import { SqliteRuns } from './sqlite/runs.ts';
import { SqliteConfirmedValues } from './sqlite/confirmed-values.ts';
import { SqliteLeases } from './sqlite/leases.ts';
import { SqliteAlerts } from './sqlite/alerts.ts';
import { SqliteSignalFacts } from './sqlite/signal-facts.ts';
import { SqliteSnapshotRows } from './sqlite/snapshot-rows.ts';
import { SqliteAccountBrowse } from './sqlite/account-browse.ts';
import { SqliteAccountFacts } from './sqlite/account-facts.ts';

export type SqliteStore = Store & { readonly sqlite: Sqlite };

/** Opens (creating and migrating as needed) the embedded store: one file, WAL. */
export function openSqliteStore(path: string): SqliteStore {
  const sqlite = new Sqlite(path);
  const cursors = new SqliteCursors(sqlite);
  const links = new SqliteLinks(sqlite);
  return {
    sqlite,
    cursors,
    links,
    facts: new SqliteFacts(sqlite, cursors, links),
    accounts: new SqliteAccounts(sqlite),
    runs: new SqliteRuns(sqlite),
    audit: new SqliteAudit(sqlite),
    meta: new SqliteMeta(sqlite),
    matchQueue: new SqliteMatchQueue(sqlite),
    scores: new SqliteScores(sqlite),
    metrics: new SqliteMetrics(sqlite),
    proposals: new SqliteProposals(sqlite),
    confirmedValues: new SqliteConfirmedValues(sqlite),
    leases: new SqliteLeases(sqlite),
    alerts: new SqliteAlerts(sqlite),
    signalFacts: new SqliteSignalFacts(sqlite),
    snapshotRows: new SqliteSnapshotRows(sqlite),
    accountBrowse: new SqliteAccountBrowse(sqlite),
    accountFacts: new SqliteAccountFacts(sqlite),
    transaction: (fn) => sqlite.transaction(fn),
    ping: () => sqlite.run(() => sqlite.db.prepare('SELECT 1 AS ok').get() !== undefined).catch(() => false),
    close: () => sqlite.close(),
  };
}
