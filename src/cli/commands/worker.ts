import { InvalidArgumentError, type Command } from 'commander';
import pg from 'pg';
import { UsageError } from '../../errors.ts';
import { migrateRateBudgets } from '../../queue/pg-rate-limiter.ts';
import { startBoss } from '../../queue/boss.ts';
import { resolveFrom } from '../../queue/resolve-tenant.ts';
import { startQueueWorker } from '../../queue/worker.ts';
import { appContext, envSecrets } from '../context.ts';
import { runCommand } from '../run-command.ts';
import { loadTenantContexts } from '../../tenants/index.ts';

const positiveInt = (value: string): number => {
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number from 1');
  return Number(value);
};
const seconds = (value: string): number => {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
    throw new InvalidArgumentError('a number of seconds');
  return Number(value);
};

/**
 * `health-sync worker`: takes sync and score jobs from the queue (pg-boss on HEALTH_SYNC_DATABASE_URL)
 * and runs them on each tenant's store. SIGTERM takes no new job and exits once the current one has
 * ended; a second SIGTERM stops the run after its page and leaves the job to be retried elsewhere.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'process queued sync and score jobs (many-tenant deployments; needs HEALTH_SYNC_DATABASE_URL)',
    )
    .option('--concurrency <n>', 'jobs run at once by this process (of different tenants)', positiveInt, 1)
    .option('--shutdown-timeout <seconds>', 'how long a stop may wait for the current job', seconds, 1800)
    .action((opts: { concurrency: number; shutdownTimeout: number }) =>
      runCommand(async (scrubber) => {
        const { env, logger } = appContext(scrubber);
        if (!env.queue)
          throw new UsageError(
            'worker needs HEALTH_SYNC_DATABASE_URL: the job queue lives in the Postgres database',
          );
        const queue = env.queue;
        const boss = await startBoss(queue, logger);
        const pool = new pg.Pool({ connectionString: queue.databaseUrl, max: 2 + opts.concurrency });
        pool.on('error', (err) => logger.warn({ err }, 'queue database connection lost'));
        try {
          await migrateRateBudgets(pool, queue.schema);
          // The tenants of TENANTS_FILE, or this environment as the one tenant.
          const tenants = await loadTenantContexts(process.env);
          for (const t of tenants) scrubber.add(...envSecrets(t.env));
          const worker = await startQueueWorker(
            boss,
            {
              pool,
              schema: queue.schema,
              resolveTenant: resolveFrom(tenants),
              logger,
              scrubber,
              secretsOf: (t) => envSecrets(t.env),
            },
            { concurrency: opts.concurrency },
          );
          await new Promise<void>((resolve) => {
            let signals = 0;
            const onSignal = (signal: NodeJS.Signals): void => {
              signals++;
              if (signals === 1) {
                logger.info(
                  { signal },
                  'stopping: no new job; the current one finishes first (send again to stop it after its page)',
                );
                void worker.stop({ timeoutMs: opts.shutdownTimeout * 1000 }).then(resolve);
              } else if (signals === 2) {
                logger.warn(
                  { signal },
                  'second signal: the current run stops after its page; its job is retried elsewhere',
                );
                void worker.stop({ abort: true, timeoutMs: 60_000 }).then(resolve);
              } else process.exit(1);
            };
            process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
          });
          logger.info('worker stopped');
          return 0;
        } finally {
          await pool.end();
          await boss.stop({ graceful: false }).catch(() => undefined);
        }
      }),
    );
}
