/**
 * The sandbox for the benchmark, as its own process with every dataset size settable (the shipped
 * `src/sandbox/main.ts` sizes calls and issues from the account count only):
 *   node bench/sandbox-process.ts --accounts 2000 --tickets 200000 --calls 50000 --issues 10000
 *     [--rate-limits off|documented] [--times-file FILE]
 * Rate limits are off unless `--rate-limits documented`. `--times-file` records when each request
 * to Zendesk, Jira and the Genesys API arrived and writes them there as JSON when the process
 * stops (bench/queue.ts checks them against the documented limits). Prints the environment that
 * points health-sync at it as one JSON line on stdout once it listens, and runs until SIGINT or
 * SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { untilSignal } from '../src/sandbox/options-cli.ts';
import { startSandbox } from '../src/sandbox/start.ts';
import type { Arrival } from './request-windows.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    accounts: { type: 'string' },
    tickets: { type: 'string' },
    calls: { type: 'string' },
    issues: { type: 'string' },
    'rate-limits': { type: 'string', default: 'off' },
    'times-file': { type: 'string' },
  },
  strict: true,
});
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const accounts = num(values.accounts);
const tickets = num(values.tickets);
const calls = num(values.calls);
const issues = num(values.issues);
const rateLimits = values['rate-limits'];
if (rateLimits !== 'off' && rateLimits !== 'documented') {
  process.stderr.write(`sandbox-process: --rate-limits is off or documented, not ${rateLimits}\n`);
  process.exit(2);
}

const sandbox = await startSandbox({
  seed: Number(values.seed),
  rateLimits,
  ...(accounts === undefined ? {} : { accounts }),
  ...(tickets === undefined ? {} : { tickets }),
  ...(calls === undefined ? {} : { calls }),
  ...(issues === undefined ? {} : { issues }),
});

type Handle = (req: IncomingMessage, res: ServerResponse, next?: unknown) => void;
const arrivals: Record<'zendesk' | 'jira' | 'genesys', Arrival[]> = { zendesk: [], jira: [], genesys: [] };
if (values['times-file']) {
  // Express apps hand every request to app.handle: wrapping it sees each request as it arrives,
  // before any of the simulator's middleware (its limiter included) can answer it.
  const record = (app: unknown, into: Arrival[]): void => {
    const a = app as { handle: Handle };
    const handle = a.handle.bind(app);
    a.handle = (req, res, next) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (!path.startsWith('/__sandbox')) into.push([Date.now(), `${req.method} ${path}`]);
      handle(req, res, next);
    };
  };
  record(sandbox.sims.zendesk.app, arrivals.zendesk);
  record(sandbox.sims.jira.app, arrivals.jira);
  record(sandbox.sims.genesys.apiApp, arrivals.genesys);
}
process.stdout.write(`${JSON.stringify(sandbox.env)}\n`);
await untilSignal();
await sandbox.close();
if (values['times-file']) writeFileSync(values['times-file'], JSON.stringify(arrivals));
