/** Matching facts to Salesforce Accounts: the pure rules and the relink stage. Import from here. */
export { buildAccountIndex, resolveAccountId } from './account-index.ts';
export type { AccountIndex } from './account-index.ts';
export { matchFact } from './match-fact.ts';
export type { MatchableFact, MatchableKind, MatchResult, TicketAccounts } from './match-fact.ts';
export { normalizeDomain, salesforceId18 } from './normalize.ts';
export { matchStateDigest, relinkAccounts } from './relink.ts';
export type { RelinkOptions } from './relink.ts';
export { unmatchedBySourceAndRule } from './stats.ts';
export type { EntityMatchStats, MatchStats } from './stats.ts';
