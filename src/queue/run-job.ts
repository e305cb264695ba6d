import type pg from 'pg';
import { loadMappings } from '../config/mappings/load.ts';
import { HealthSyncError } from '../errors.ts';
import { sharedLimiters } from '../http/rate-limiter.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretScrubber } from '../log/redact.ts';
import { openStore } from '../store/open-store.ts';
import type { RunRecord } from '../store/store.ts';
import { createPipeline } from '../sync/pipeline.ts';
import type { SyncOptions } from '../sync/types.ts';
import { withLock } from './advisory-lock.ts';
import { tenantLockName } from './names.ts';
import { tenantLimiters } from './pg-rate-limiter.ts';
import type { ResolveTenant, ScoreJobData, SyncJobData, TenantContext } from './types.ts';

export interface RunJobDeps {
  /** Connections for the tenant lock and the shared rate budgets (not the tenant's store). */
  pool: pg.Pool;
  /** The queue's schema: names its lock and budget tables. */
  schema: string;
  resolveTenant: ResolveTenant;
  logger: Logger;
  scrubber: SecretScrubber;
  /** The secret values of a tenant's environment, for the scrubber (src/cli/context.ts envSecrets). */
  secretsOf: (tenant: TenantContext) => (string | undefined)[];
}

/** A job whose run did not succeed: pg-boss retries it (with backoff) up to the queue's limit. */
export class JobRunFailedError extends HealthSyncError {
  constructor(tenant: string, record: Pick<RunRecord, 'id' | 'status' | 'error'>) {
    super('JOB_FAILED', `tenant ${tenant}: run ${record.id} ended ${record.status}`, {
      tenant,
      runId: record.id,
      status: record.status,
    });
  }
}

export type JobOutcome =
  { tenant: string; runId: number; status: string } | { tenant: string; skipped: string };

const optionsOf = (
  job: { kind: 'sync'; data: SyncJobData } | { kind: 'score'; data: ScoreJobData },
): SyncOptions =>
  job.kind === 'sync'
    ? {
        sources: job.data.sources as SyncOptions['sources'],
        full: job.data.full,
        dryRun: false,
        trigger: job.data.trigger,
      }
    : { sources: [], scoreOnly: true, full: false, dryRun: false, trigger: job.data.trigger };

/**
 * One job: the tenant's run, exactly as `health-sync sync` does it, on the tenant's store and
 * mappings. Runs of one tenant never overlap, whichever worker holds them: match, score and write
 * are tenant-wide (a zendesk job and a jira job would both write the tenant's Salesforce), so the
 * whole run holds the tenant's advisory lock; per-source jobs still queue separately. Under that lock
 * no other run of the tenant can be going, so a run left `running` by a killed worker is closed first.
 */
export async function runJob(
  deps: RunJobDeps,
  job: { kind: 'sync'; data: SyncJobData } | { kind: 'score'; data: ScoreJobData },
  signal: AbortSignal,
): Promise<JobOutcome> {
  const { data } = job;
  const log = deps.logger.child({ tenant: data.tenant, job: job.kind });
  const tenant = await deps.resolveTenant(data.tenant);
  if (!tenant) {
    log.warn('the job names a tenant that is not configured (any more): dropped');
    return { tenant: data.tenant, skipped: 'unknown tenant' };
  }
  deps.scrubber.add(...deps.secretsOf(tenant));
  const lock = tenantLockName(deps.schema, tenant.id);
  return withLock(
    deps.pool,
    lock,
    { signal, onWait: () => log.info("waiting for the tenant's run on another worker") },
    async () => {
      const store = await openStore(tenant.store);
      try {
        const abandoned = await store.runs.abandonStale('the worker ended while the run was going');
        if (abandoned) log.warn({ abandoned }, 'runs left running by a stopped worker were marked failed');
        const mappings = await loadMappings(tenant.mappingsDir);
        const pipeline = createPipeline({
          env: tenant.env,
          store,
          mappings: () => mappings,
          log,
          scrubber: deps.scrubber,
        });
        const limiters = tenantLimiters(
          {
            pool: deps.pool,
            schema: deps.schema,
            onError: (err) => log.warn({ err }, 'could not share a rate-limit pause'),
          },
          tenant.id,
        );
        const record = await sharedLimiters.run(limiters, () => pipeline.run(optionsOf(job), { signal }));
        log.info({ runId: record.id, status: record.status }, 'job run ended');
        if (record.status !== 'succeeded') throw new JobRunFailedError(tenant.id, record);
        return { tenant: tenant.id, runId: record.id, status: record.status };
      } finally {
        await store.close();
      }
    },
  );
}
