import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOutputLines, runCli, runJson } from '../support/cli.ts';
import {
  cleanOutcome,
  expectSameOutcome,
  outcomeOf,
  syncUntilSuccess,
  syncWithKiller,
  type Outcome,
} from '../support/converge.ts';
import { arm, type KillPoint } from '../support/kill.ts';
import { leakyLines } from '../support/secrets.ts';
import type { openWorld } from '../support/sandbox.ts';
import { control, type E2eWorld } from '../support/sandbox.ts';
import { withWorld as withSandboxWorld } from '../support/world.ts';

/**
 * The heavy fault suite (`npm run test:faults`): 200 accounts, the shipped mappings (Genesys
 * windows older than 30 days through the async jobs API, as in production), the Zendesk export
 * limit waited out for real (a full minute), and kills on that path.
 */
const OPTIONS = { accounts: 200, shippedMappings: true } as const;
const secrets = new Set<string>();
let reference: Outcome;

const withWorld = <T>(
  options: Parameters<typeof openWorld>[0],
  body: (w: E2eWorld) => Promise<T>,
): Promise<T> => withSandboxWorld({ ...OPTIONS, ...options }, secrets, body);

beforeAll(async () => {
  reference = await withWorld({}, cleanOutcome);
}, 600_000);

afterAll(() => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
});

describe('heavy faults', { timeout: 900_000 }, () => {
  it('Zendesk incremental exports at 10/min, the limit already spent: the run waits it out and matches the clean run', async () => {
    await withWorld({ rateLimits: 'documented', rateLimitsForCli: 'documented' }, async (w) => {
      const env = w.env();
      const auth = `Basic ${Buffer.from(`${env['ZENDESK_EMAIL']}/token:${env['ZENDESK_API_TOKEN']}`).toString('base64')}`;
      for (let i = 0; i < 10; i++)
        await fetch(`${w.sandbox.urls.zendesk}/api/v2/incremental/organizations.json?start_time=0`, {
          headers: { authorization: auth },
        });
      const r = await runCli(['sync', '--json'], env);
      const run = runJson(r);
      expect([r.code, run.status]).toEqual([0, 'succeeded']);
      expect(run.stats.sources['zendesk']!.rateLimited).toBeGreaterThanOrEqual(1);
      expectSameOutcome(await outcomeOf(w), reference, 'heavy rate limit');
    });
  });

  it('all faults at once on the production read path, then convergence', async () => {
    await withWorld({}, async (w) => {
      const { zendesk, jira, genesysApi, salesforce } = w.sandbox.urls;
      const ids = [...w.sandbox.dataset.salesforceAccounts()].map((a) => String(a['Id']));
      await control(zendesk, '/__sandbox/faults', {
        seed: 3,
        errorRate: 0.05,
        resetRate: 0.02,
        malformedPage: 4,
      });
      await control(jira, '/__sandbox/faults', {
        seed: 4,
        errorRate: 0.05,
        resetRate: 0.02,
        malformedPage: 2,
      });
      await control(genesysApi, '/__sandbox/faults', {
        seed: 5,
        errorRate: 0.05,
        resetRate: 0.02,
        tokenExpiresAfterCalls: 60,
      });
      await control(salesforce, '/__sandbox/faults', {
        seed: 6,
        errorRate: 0.05,
        tokenExpiresAfterCalls: 7,
        lockRow: { ids: ids.slice(20, 25), failures: 3 },
        validationFailIds: ids.slice(30, 32),
      });
      const faulty = await runCli(['sync', '--json'], w.env());
      expect([0, 1]).toContain(faulty.code);
      for (const u of [zendesk, jira, genesysApi]) await control(u, '/__sandbox/faults', {});
      await fetch(`${salesforce}/__sandbox/faults`, { method: 'DELETE' });
      await syncUntilSuccess(w);
      expectSameOutcome(await outcomeOf(w), reference, 'heavy faults');
    });
  });

  const KILLS: KillPoint[] = [
    { name: 'Genesys, 10th details window', page: { sim: 'genesys', n: 10 } },
    { name: 'Zendesk, 5th ticket page', page: { sim: 'zendesk', n: 5 } },
    // The stream reads its oldest windows first, through async jobs: this lands in the first job's polling.
    {
      name: 'the start of the Genesys backfill (async jobs)',
      line: /"stream":"genesys\.calls".*"starting over/,
    },
    { name: 'write-back (collections update)', salesforce: { endpoint: 'collections.update', n: 1 } },
    { name: 'Task creation', salesforce: { endpoint: 'collections.create', n: 1 } },
  ];
  it.each(KILLS.map((p) => [p.name, p] as const))(
    'SIGKILL at %s: converges, no Task twice',
    async (_n, point) => {
      await withWorld({}, async (w) => {
        const killed = await syncWithKiller(w, arm(w.sandbox, point));
        expect([killed.killed, killed.signal]).toEqual([true, 'SIGKILL']);
        await syncUntilSuccess(w);
        expectSameOutcome(await outcomeOf(w), reference, point.name);
      });
    },
  );
});
