/** The job queue of a many-tenant deployment (pg-boss on the Postgres store's database). */
export { startBoss } from './boss.ts';
export { enqueueScore, enqueueSync } from './enqueue.ts';
export { createPgRateLimiter, migrateRateBudgets, tenantLimiters } from './pg-rate-limiter.ts';
export { runJob, JobRunFailedError, type RunJobDeps } from './run-job.ts';
export { startQueueWorker, type QueueWorker } from './worker.ts';
export { resolveFrom } from './resolve-tenant.ts';
export type { ResolveTenant, TenantContext } from './types.ts';
