/**
 * The sandbox for the benchmark, as its own process with every dataset size settable (the shipped
 * `src/sandbox/main.ts` sizes calls and issues from the account count only):
 *   node bench/sandbox-process.ts --accounts 2000 --tickets 200000 --calls 50000 --issues 10000
 * Rate limits are off. Prints the environment that points health-sync at it as one JSON line on
 * stdout once it listens, and runs until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { untilSignal } from '../src/sandbox/options-cli.ts';
import { startSandbox } from '../src/sandbox/start.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    accounts: { type: 'string' },
    tickets: { type: 'string' },
    calls: { type: 'string' },
    issues: { type: 'string' },
  },
  strict: true,
});
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const accounts = num(values.accounts);
const tickets = num(values.tickets);
const calls = num(values.calls);
const issues = num(values.issues);

const sandbox = await startSandbox({
  seed: Number(values.seed),
  rateLimits: 'off',
  ...(accounts === undefined ? {} : { accounts }),
  ...(tickets === undefined ? {} : { tickets }),
  ...(calls === undefined ? {} : { calls }),
  ...(issues === undefined ? {} : { issues }),
});
process.stdout.write(`${JSON.stringify(sandbox.env)}\n`);
await untilSignal();
await sandbox.close();
