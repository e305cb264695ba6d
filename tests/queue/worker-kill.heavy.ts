import { afterAll, describe, expect, it } from 'vitest';
import { enqueueSync } from '../../src/queue/enqueue.ts';
import { allOutputLines, startCli, type CliResult } from '../e2e/support/cli.ts';
import { cleanOutcome, expectSameOutcome } from '../e2e/support/converge.ts';
import { arm } from '../e2e/support/kill.ts';
import { leakyLines } from '../e2e/support/secrets.ts';
import { readOrg, readStore } from '../e2e/support/snapshots.ts';
import { withWorld } from '../e2e/support/world.ts';
import { dropSchemas, postgresReachable, queueWorldEnv, testBoss } from './support/postgres.ts';
import { settled } from './support/settled.ts';

const secrets = new Set<string>();
const schemas: string[] = [];
afterAll(async () => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
  if (postgresReachable) await dropSchemas(...schemas);
});

/**
 * Issue 21, faults across processes: a worker killed (SIGKILL) on the 3rd page of Zendesk tickets.
 * Its job's heartbeat stops; pg-boss fails it after the lease (10 s here) and retries it; a second
 * worker, which could not take the job while the first held it, runs it again, and the tenant ends
 * exactly where one clean `sync` ends: the same facts, links, Salesforce fields and one Task per alert.
 */
describe.skipIf(!postgresReachable)('a worker killed mid-job', { timeout: 300_000 }, () => {
  it('another worker finishes the run after the lease expires, with the clean result', async () => {
    const reference = await withWorld({}, secrets, cleanOutcome);
    await withWorld({}, secrets, async (w) => {
      const { queue, storeUrl, env } = queueWorldEnv(w, schemas);
      const boss = await testBoss(queue);
      try {
        const id = await enqueueSync(boss, {
          tenant: 'default',
          sources: ['zendesk', 'genesys', 'jira', 'salesforce'],
          trigger: 'test',
        });
        expect(id).toEqual(expect.any(String));
        // A second job for the same tenant and sources while one waits is folded into it.
        expect(
          await enqueueSync(boss, {
            tenant: 'default',
            sources: ['salesforce', 'jira', 'genesys', 'zendesk'],
            trigger: 'test',
          }),
        ).toBeNull();

        const killer = arm(w.sandbox, { name: 'Zendesk tickets, 3rd page', page: { sim: 'zendesk', n: 3 } });
        const first = startCli(['worker'], env);
        killer.target = first;
        const killed = await first.done;
        killer.disarm();
        expect([killer.fired, killed.killed, killed.signal]).toEqual([true, true, 'SIGKILL']);
        expect(killed.stderr).toContain('"job started"');

        const killedAt = Date.now();
        const second = startCli(['worker'], env);
        const job = await settled(boss, id!, Date.now() + 180_000);
        const waited = Date.now() - killedAt;
        second.terminate();
        const stopped: CliResult = await second.done;
        console.log(
          `worker killed on Zendesk page 3: job ${job.state} by the second worker ${(waited / 1000).toFixed(1)} s later (retry ${job.retryCount})`,
        );
        expect([job.state, stopped.code]).toEqual(['completed', 0]);
        expect(job.retryCount).toBeGreaterThanOrEqual(1);
        expect(stopped.stderr).toContain('runs left running by a stopped worker were marked failed');
        expect(stopped.stderr).toContain('"worker stopped"');

        const got = {
          store: await readStore({ dbPath: w.dbPath(), databaseUrl: storeUrl }),
          org: await readOrg(w.sandbox),
        };
        expectSameOutcome(got, reference, 'worker SIGKILLed on Zendesk page 3');
      } finally {
        await boss.stop({ graceful: false });
      }
    });
  });
});
