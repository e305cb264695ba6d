/** The Salesforce connector's public surface (see README.md). */
import type { SourceDefinition } from '../../src/facts/source-definition.ts';
import { salesforceStreams } from './accounts-stream.ts';
import type { SalesforceSession } from './auth.ts';
import { salesforceEnv, type SalesforceEnv } from './env.ts';

export { accountsFingerprint, accountsSoql, unmatchedSoql, salesforceStreams } from './accounts-stream.ts';
export type { SalesforceStreamDeps } from './accounts-stream.ts';
export { AccountsCursor } from './account-cursor.ts';
export { accountSelectFields, toAccountFact } from './account-mapper.ts';
export type { PhoneHasher } from './account-mapper.ts';
export { connectSalesforce } from './auth.ts';
export type { ConnectDeps, SalesforceSession } from './auth.ts';
export type { SalesforceAuth, SalesforceEnv } from './env.ts';
export { sfCall } from './call.ts';
export type { SalesforceCall } from './call.ts';
export { DESCRIBE_TTL_MS, describeFields, indexFields } from './describe.ts';
export { explainSoql, explainWhere } from './explain-where.ts';
export type { DescribeOptions, FieldIndex, SalesforceFieldInfo } from './describe.ts';
export {
  isLimitExceeded,
  isTransientRecordCode,
  isTransientRequestError,
  sfErrorCode,
  toSourceError,
} from './errors.ts';
export { ApiMeter } from './meter.ts';
export { queryPages } from './query-pages.ts';
export { findTasks } from './tasks-api.ts';
export {
  readFieldProblems,
  targetProblems,
  validateAgainstOrg,
  validateSalesforceTargets,
} from './validate-targets.ts';
export { updateBulk } from './write-bulk.ts';
export { COLLECTION_SIZE, createCollection, updateCollection } from './write-collections.ts';
export type { RecordOutcome, RecordUpdate } from './write-collections.ts';

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
