import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueSync } from '../../../src/queue/enqueue.ts';
import { dropSchemas, postgresReachable, queueWorldEnv, testBoss } from '../../queue/support/postgres.ts';
import { allOutputLines, startCli, type CliRun } from '../support/cli.ts';
import { cleanOutcome, expectSameOutcome } from '../support/converge.ts';
import { arm } from '../support/kill.ts';
import { leakyLines } from '../support/secrets.ts';
import { readOrg, readStore } from '../support/snapshots.ts';
import { withWorld } from '../support/world.ts';
import { settled } from '../../queue/support/settled.ts';

/** The local Debian cluster this machine's Postgres runs as (`pg_ctlcluster <version> main`). */
const CLUSTER = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;
const canRestart = postgresReachable && CLUSTER !== undefined && existsSync('/usr/bin/pg_ctlcluster');
if (!canRestart) console.log('skipped: no local Postgres cluster this test may restart (pg_ctlcluster)');

const pgCluster = (action: 'stop' | 'start'): void =>
  void execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', CLUSTER!, 'main', action], {
    stdio: 'ignore',
  });

/** Starts the server unless it runs (pg_ctlcluster refuses to start a running cluster). */
function ensureRunning(): void {
  try {
    execFileSync('pg_isready', ['-q', '-h', '127.0.0.1']);
  } catch {
    pgCluster('start');
  }
}

const secrets = new Set<string>();
const schemas: string[] = [];
afterAll(async () => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
  if (canRestart) await dropSchemas(...schemas);
});

/**
 * Issue 21, faults across processes: the Postgres server stopped for 5 s while a worker's run reads
 * Zendesk (its store and its queue both on that server). The run fails cleanly, the worker stays up
 * and reconnects, the job is retried, and the tenant ends exactly where one clean `sync` ends.
 */
describe.skipIf(!canRestart)('Postgres restarted mid-run', { timeout: 600_000 }, () => {
  it('the worker reconnects and the retried job ends as a clean run', async () => {
    const reference = await withWorld({}, secrets, cleanOutcome);
    await withWorld({}, secrets, async (w) => {
      const { queue, storeUrl, env } = queueWorldEnv(w, schemas);
      let boss = await testBoss(queue);
      const id = await enqueueSync(boss, {
        tenant: 'default',
        sources: ['zendesk', 'genesys', 'jira', 'salesforce'],
        trigger: 'test',
      });
      await boss.stop({ graceful: false });

      // The outage: on Zendesk's 3rd page the server stops, and comes back 5 s later.
      let restarted: Promise<void> | undefined;
      const outage = arm(w.sandbox, { name: 'Zendesk tickets, 3rd page', page: { sim: 'zendesk', n: 3 } });
      outage.target = {
        kill: () => {
          pgCluster('stop');
          restarted = new Promise((resolve) => setTimeout(resolve, 5000)).then(() => pgCluster('start'));
        },
      } as unknown as CliRun;
      const worker = startCli(['worker'], env);
      let workerExited = false;
      void worker.done.then(() => (workerExited = true));
      try {
        await new Promise<void>((resolve, reject) => {
          const until = Date.now() + 120_000;
          const wait = (): void => {
            if (restarted) return void restarted.then(resolve, reject);
            if (Date.now() > until) return reject(new Error('the outage never fired'));
            setTimeout(wait, 200);
          };
          wait();
        });
        outage.disarm();
        execFileSync('pg_isready', ['-q', '-t', '30', '-h', '127.0.0.1']);
        boss = await testBoss(queue);
        const job = await settled(boss, id!, Date.now() + 240_000);
        console.log(
          `Postgres stopped 5 s on Zendesk page 3: job ${job.state} after ${job.retryCount} retr${job.retryCount === 1 ? 'y' : 'ies'}; worker alive: ${!workerExited}`,
        );
        expect(job.state).toBe('completed');
        expect(job.retryCount).toBeGreaterThanOrEqual(1);
        expect(workerExited).toBe(false);
        const got = {
          store: await readStore({ dbPath: w.dbPath(), databaseUrl: storeUrl }),
          org: await readOrg(w.sandbox),
        };
        expectSameOutcome(got, reference, 'Postgres stopped for 5 s during Zendesk page 3');
      } finally {
        worker.terminate();
        await worker.done;
        await boss.stop({ graceful: false }).catch(() => undefined);
        // Whatever happened, leave the server running for the suites after this one.
        ensureRunning();
      }
    });
  });
});
