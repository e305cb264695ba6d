import type { SourceName } from '../sources.ts';

/** The two queues (pg-boss queue names). */
export const SYNC_QUEUE = 'health-sync-sync';
export const SCORE_QUEUE = 'health-sync-score';

/**
 * The singleton key of a job: pg-boss's `stately` policy lets one job per key be active (and one
 * wait), across every worker, so a tenant's source is never read by two workers at once and a burst
 * of schedule ticks queues one job, not many.
 */
export const syncKey = (tenant: string, sources: readonly SourceName[]): string =>
  `${tenant}:${[...sources].sort().join('+')}`;
export const scoreKey = (tenant: string): string => `${tenant}:score`;

/**
 * Advisory lock names. Advisory locks are per database, not per schema: each name carries the queue's
 * schema so that two deployments (or two tests) sharing a database never hold each other's locks.
 */
export const tenantLockName = (schema: string, tenant: string): string => `${schema}:run:${tenant}`;
export const leaderLockName = (schema: string): string => `${schema}:scheduler`;
export const budgetLockName = (schema: string, budget: string): string => `${schema}:limit:${budget}`;
