import { parseArgs } from 'node:util';
import { HealthSyncError } from '../errors.ts';
import { sandboxOptionsFromFlags, untilSignal } from './options-cli.ts';
import { startSandbox } from './start.ts';

/**
 * The sandbox as its own process (the benchmark runs it apart from health-sync):
 *   node src/sandbox/main.ts --seed 1 --accounts 2000 --rate-limits off
 * prints the environment that points health-sync at it as one JSON line on stdout once it listens,
 * and runs until SIGINT or SIGTERM.
 */
try {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      accounts: { type: 'string' },
      tickets: { type: 'string' },
      faults: { type: 'string' },
      'rate-limits': { type: 'string' },
      'port-base': { type: 'string' },
      now: { type: 'string' },
      'zendesk-auth': { type: 'string' },
      'salesforce-omit-field': { type: 'string', multiple: true },
    },
    strict: true,
  });
  const sandbox = await startSandbox(
    sandboxOptionsFromFlags({
      seed: values.seed,
      accounts: values.accounts,
      tickets: values.tickets,
      faults: values.faults,
      rateLimits: values['rate-limits'],
      portBase: values['port-base'],
      now: values.now,
      zendeskAuth: values['zendesk-auth'],
      salesforceOmitField: values['salesforce-omit-field'],
    }),
  );
  // Listen for signals before announcing readiness, so that an early one is not lost.
  const stopped = untilSignal();
  process.stdout.write(`${JSON.stringify(sandbox.env)}\n`);
  await stopped;
  await sandbox.close();
} catch (err) {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof HealthSyncError ? 2 : 1;
}
