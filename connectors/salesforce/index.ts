/** The Salesforce connector's public surface (see README.md). */
export { accountsFingerprint, accountsSoql, unmatchedSoql, salesforceStreams } from './accounts-stream.ts';
export type { SalesforceStreamDeps } from './accounts-stream.ts';
export { AccountsCursor } from './account-cursor.ts';
export { accountSelectFields, toAccountFact } from './account-mapper.ts';
export type { PhoneHasher } from './account-mapper.ts';
export { connectSalesforce } from './auth.ts';
export type { ConnectDeps, SalesforceSession } from './auth.ts';
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
