/**
 * The Salesforce connector's only import path (see README.md): the Accounts stream, the connection
 * that everything else speaks to the org through (describe, writes, Tasks, the API budget, usage),
 * and the org checks of `health-sync validate`.
 */
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import { salesforceStreams } from './accounts-stream.ts';
import type { SalesforceSession } from './auth.ts';
import { salesforceEnv, type SalesforceEnv } from './env.ts';

export { accountsFingerprint, accountsSoql, unmatchedSoql, salesforceStreams } from './accounts-stream.ts';
export type { SalesforceStreamDeps } from './accounts-stream.ts';
export type { AppliedUpdates, ApplyUpdatesOptions } from './apply-updates.ts';
export type { ConnectDeps, SalesforceSession } from './auth.ts';
export type { SalesforceAuth, SalesforceEnv } from './env.ts';
export type { WriteBudget } from './budget.ts';
export { createSalesforceConnection } from './connection.ts';
export type { SalesforceConnection } from './connection.ts';
export { indexFields } from './describe.ts';
export type { DescribeCache, DescribeOptions } from './describe.ts';
export { isLimitExceeded, isTransientRecordCode, sfErrorCode } from './errors.ts';
export type { NewTask, SalesforceTaskRow } from './tasks-api.ts';
export { validateAgainstOrg } from './validate-targets.ts';
export type { BulkOptions } from './write-bulk.ts';
export type { SnapshotJobOptions, StoredSnapshot } from './snapshots-api.ts';
export { COLLECTION_SIZE } from './write-collections.ts';

/** Salesforce as a source: the Accounts everything else is matched to (its write side is above). */
export const salesforceSource: SourceDefinition<'salesforce', SalesforceEnv, SalesforceSession> = {
  name: 'salesforce',
  role: 'accounts',
  env: salesforceEnv,
  // Salesforce has a daily allocation, not a rate: the write planner budgets it.
  limits: {},
  streamNames: () => ['salesforce.accounts'],
  streams: (env, deps) =>
    salesforceStreams(env, deps.mappings, {
      session: () => deps.session(),
      hashKey: deps.hashKey,
      storedAccountIds: () => deps.storedIds('account'),
      log: deps.log,
    }),
};
