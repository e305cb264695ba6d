/**
 * The Salesforce connector's only import path (see README.md): the Accounts stream, the connection
 * that everything else speaks to the org through (describe, writes, Tasks, the API budget, usage),
 * the org checks of `health-sync validate`, and the package in org/ with `health-sync salesforce check`.
 */
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import { accountsFingerprint, salesforceStreams } from './accounts-stream.ts';
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
export { isLimitExceeded, isTransientRecordCode, isTransientRequestError, sfErrorCode } from './errors.ts';
export type { NewTask, SalesforceTaskRow } from './tasks-api.ts';
export { checkOrg } from './org-check-api.ts';
export type { OrgCheckResult } from './org-check-api.ts';
export { INTEGRATION_PERMISSION_SET, formatOrgProblem, orgCheckProblems } from './org-check.ts';
export type { DescribedObject, OrgCheckProblem, UserGrants } from './org-check.ts';
export { DESCRIBE_TYPE, expectedDescribe } from './org-describe-types.ts';
export { CustomFieldXml, CustomObjectXml, PermissionSetXml, ReportTypeXml } from './org-metadata-schemas.ts';
export { findOrgField, parseOrgMetadata } from './org-metadata.ts';
export type {
  OrgField,
  OrgFile,
  OrgMetadata,
  OrgObject,
  OrgPermissionSet,
  OrgReportType,
} from './org-metadata.ts';
export { ORG_PROJECT_DIR, loadOrgMetadata, readOrgFiles } from './org-package.ts';
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
  fingerprints: (_env, mappings, keyId) => ({ 'salesforce.accounts': accountsFingerprint(mappings, keyId) }),
  // A query page per 2,000 Accounts, and the removal check's pass over their ids.
  readCost: (_stream, { stored }) => ({
    records: stored.account,
    requests: 2 * Math.ceil(stored.account / 2_000) + 1,
  }),
  streams: (env, deps) =>
    salesforceStreams(env, deps.mappings, {
      session: () => deps.session(),
      hashKey: deps.hashKey,
      storedAccountIds: () => deps.storedIds('account'),
      log: deps.log,
    }),
};
