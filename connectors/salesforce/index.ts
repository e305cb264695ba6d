/**
 * The Salesforce connector's only import path (see README.md): the Accounts stream, the connection
 * that everything else speaks to the org through (describe, writes, Tasks, the API budget, usage),
 * and the org checks of `health-sync validate`.
 */
export { accountsFingerprint, accountsSoql, unmatchedSoql, salesforceStreams } from './accounts-stream.ts';
export type { SalesforceStreamDeps } from './accounts-stream.ts';
export type { AppliedUpdates, ApplyUpdatesOptions } from './apply-updates.ts';
export type { ConnectDeps, SalesforceSession } from './auth.ts';
export type { WriteBudget } from './budget.ts';
export { createSalesforceConnection } from './connection.ts';
export type { SalesforceConnection } from './connection.ts';
export { indexFields } from './describe.ts';
export type { DescribeCache, DescribeOptions } from './describe.ts';
export { isLimitExceeded, sfErrorCode } from './errors.ts';
export type { NewTask, SalesforceTaskRow } from './tasks-api.ts';
export { validateAgainstOrg } from './validate-targets.ts';
export type { BulkOptions } from './write-bulk.ts';
export { COLLECTION_SIZE } from './write-collections.ts';
