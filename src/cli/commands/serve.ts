import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadTenantContexts } from '../../tenants/index.ts';
import { appContext, envSecrets } from '../context.ts';
import { followParent } from '../follow-parent.ts';
import { runCommand } from '../run-command.ts';
import { startService } from '../../server/start.ts';

const seconds = (value: string): number => {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
    throw new InvalidArgumentError('a number of seconds');
  return Number(value);
};
const port = (value: string): number => {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('a port number');
  return Number(value);
};

/**
 * `health-sync serve`: the admin API and the scheduler, until SIGTERM or SIGINT. SIGHUP reloads the
 * mappings and the admin tokens. Exit 0 after a clean stop, 1 when the run did not stop in time,
 * 2 when the configuration is not valid at start.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('admin API and scheduler (SIGHUP reloads mappings and tokens; SIGTERM stops gracefully)')
    .option('--port <port>', 'listen on this port (default: $PORT or 8080; 0 picks a free one)', port)
    .option('--host <address>', 'listen on this address (default: every interface)')
    .option('--no-schedule', 'do not run the scheduler: runs start only through the API')
    .option('--shutdown-timeout <seconds>', 'how long a stop may wait for the current run', seconds, 30)
    .option(
      '--seed-mappings <dir>',
      'when $MAPPINGS_DIR holds no mapping file (a fresh volume), copy the files of <dir> into it first',
    )
    .addOption(new Option('--pipeline <module>', 'a module exporting createSyncRunner (tests)').hideHelp())
    .action(
      (opts: {
        port?: number;
        host?: string;
        schedule: boolean;
        shutdownTimeout: number;
        pipeline?: string;
        seedMappings?: string;
      }) =>
        runCommand(async (scrubber) => {
          const { env, logger } = appContext(scrubber);
          // TENANTS_FILE: one store, pipeline and scheduler per tenant; without it, the one tenant `env` is.
          const tenants = await loadTenantContexts(process.env);
          for (const tenant of tenants) scrubber.add(...envSecrets(tenant.env));
          const service = await startService(env, logger, scrubber, {
            tenants,
            port: opts.port ?? env.port,
            schedule: opts.schedule,
            shutdownTimeoutMs: opts.shutdownTimeout * 1000,
            ...(opts.host === undefined ? {} : { host: opts.host }),
            ...(opts.pipeline === undefined ? {} : { pipeline: opts.pipeline }),
            ...(opts.seedMappings === undefined ? {} : { seedMappingsFrom: opts.seedMappings }),
          });
          process.on('SIGHUP', () => void service.reload('sighup'));
          return new Promise<number>((resolve) => {
            let stopping = false;
            let signalled = false;
            const stop = (reason: string): void => {
              if (stopping) return;
              stopping = true;
              void service.shutdown(reason).then((code) => {
                resolve(code);
                // Whatever still holds the event loop (a runner that ignored its signal) does not keep us.
                setImmediate(() => process.exit(code));
              });
            };
            const onSignal = (signal: NodeJS.Signals): void => {
              if (signalled) {
                // A second signal while stopping: the operator insists.
                logger.warn({ signal }, 'second signal: exiting now');
                process.exit(1);
              }
              signalled = true;
              stop(signal);
            };
            process.on('SIGTERM', onSignal);
            process.on('SIGINT', onSignal);
            // Ctrl-C also ends npm's shell: that parent exit is the same stop, not a second signal.
            if (env.followParent)
              followParent(() => {
                logger.info('the parent process exited: stopping as on SIGTERM');
                stop('parent exited');
              });
          });
        }),
    );
}
