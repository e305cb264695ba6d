import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOutputLines, runCli, runJson } from './support/cli.ts';
import {
  cleanOutcome,
  expectSameOutcome,
  outcomeOf,
  syncUntilSuccess,
  syncWithKiller,
  type Outcome,
} from './support/converge.ts';
import { arm, type KillPoint } from './support/kill.ts';
import { leakyLines } from './support/secrets.ts';
import type { openWorld } from './support/sandbox.ts';
import { control, type E2eWorld } from './support/sandbox.ts';
import { readStore, simStats } from './support/snapshots.ts';
import { withWorld as withSandboxWorld } from './support/world.ts';

/**
 * Issue 8's fault suite on a 50-account sandbox: faults, rate limits and SIGKILL at ten points of
 * a full run. Every scenario starts from a fresh sandbox with the same seed and must end where a
 * clean run ends: the same facts, links, Salesforce health fields and one Task per alert.
 */
const secrets = new Set<string>();
let reference: Outcome;

const withWorld = <T>(
  options: Parameters<typeof openWorld>[0],
  body: (w: E2eWorld) => Promise<T>,
): Promise<T> => withSandboxWorld(options, secrets, body);

beforeAll(async () => {
  reference = await withWorld({}, cleanOutcome);
}, 120_000);

afterAll(() => {
  // Every stdout/stderr line of every child process of this file.
  expect(allOutputLines.length).toBeGreaterThan(100);
  // Env secrets (5), the Basic values built from them (4), the hash key and issued access tokens.
  expect(secrets.size).toBeGreaterThan(10);
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
});

describe('faults', { timeout: 120_000 }, () => {
  it('5xx, connection resets, token expiry, a malformed page and Salesforce record errors: a clear result, then convergence', async () => {
    await withWorld({}, async (w) => {
      const { zendesk, jira, genesysApi, salesforce } = w.sandbox.urls;
      const accounts = [...w.sandbox.dataset.salesforceAccounts()].map((a) => String(a['Id']));
      const [locked1, locked2, refused] = [accounts[10]!, accounts[11]!, accounts[12]!];
      await control(zendesk, '/__sandbox/faults', {
        seed: 3,
        errorRate: 0.05,
        resetRate: 0.02,
        malformedPage: 2,
      });
      await control(jira, '/__sandbox/faults', { seed: 4, errorRate: 0.05, resetRate: 0.02 });
      await control(genesysApi, '/__sandbox/faults', {
        seed: 5,
        errorRate: 0.05,
        resetRate: 0.02,
        tokenExpiresAfterCalls: 40,
      });
      await control(salesforce, '/__sandbox/faults', {
        seed: 6,
        errorRate: 0.05,
        tokenExpiresAfterCalls: 5,
        lockRow: { ids: [locked1, locked2], failures: 2 },
        validationFailIds: [refused],
      });

      const faulty = await runCli(['sync', '--json'], w.env());
      const run = runJson(faulty);
      // The faults did happen.
      const injected = await Promise.all(
        [zendesk, jira, genesysApi].map(async (u) => (await simStats(u)).faults),
      );
      expect(injected[0]!['malformed']).toBe(1);
      expect(injected[2]!['tokenExpired']).toBeGreaterThanOrEqual(1);
      expect(injected.reduce((n, f) => n + f['error']! + f['reset']!, 0)).toBeGreaterThan(0);
      const sfFaults = (
        (await fetch(`${salesforce}/__sandbox/stats`).then((r) => r.json())) as {
          faults: { sessionExpired: number; recordErrors: number };
        }
      ).faults;
      expect(sfFaults.sessionExpired).toBeGreaterThanOrEqual(1);
      // Completes, or fails with exit 1 and errors that name their source and endpoint.
      expect([0, 1]).toContain(faulty.code);
      expect(run.status === 'succeeded').toBe(faulty.code === 0);
      for (const e of run.stats.errors) {
        expect(e.code).toMatch(/^[A-Z_]+$/);
        expect(e.source ?? e.stage).toBeDefined();
      }
      const refusedError = run.stats.errors.find((e) => e.code === 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
      const sourceErrors = run.stats.errors.filter((e) => e.stage === 'sources');
      console.log(
        `faulty run: exit ${faulty.code}, ${run.stats.errors.length} error(s): ` +
          run.stats.errors
            .map((e) => `${e.code}[${e.source ?? e.stage}] ${e.message.slice(0, 160)}`)
            .join(' | '),
      );
      for (const e of sourceErrors) expect(e.message).toMatch(/(GET|POST|PATCH|PUT) \/|endpoint|\/api\//i);
      if (run.stats.writes.attempted > 0) {
        // The validation rule's refusal is reported for its record; the locked rows were retried.
        expect(refusedError?.message).toContain(refused);
        expect(sfFaults.recordErrors).toBeGreaterThanOrEqual(5);
      }

      // Faults cleared (the validation rule lifted): the next runs converge on the clean result.
      for (const u of [zendesk, jira, genesysApi]) await control(u, '/__sandbox/faults', {});
      await fetch(`${salesforce}/__sandbox/faults`, { method: 'DELETE' });
      const { results } = await syncUntilSuccess(w);
      expect(results.length).toBeLessThanOrEqual(2);
      expectSameOutcome(await outcomeOf(w), reference, 'after faults');
    });
  });

  it('a source that keeps failing: exit 1 naming the source and endpoint, the others stored, then it resumes', async () => {
    await withWorld({}, async (w) => {
      const { jira } = w.sandbox.urls;
      await control(jira, '/__sandbox/faults', { errorRate: 1, errorStatuses: [500] });
      const r = await runCli(['sync', '--json'], w.env());
      const run = runJson(r);
      // The run goes on with the other sources: partial, exit 1.
      expect([r.code, run.status]).toEqual([1, 'partial']);
      const jiraErrors = run.stats.errors.filter((e) => e.source === 'jira');
      expect(jiraErrors.length).toBeGreaterThan(0);
      expect(jiraErrors[0]!.message).toMatch(/\/rest\/api\/3\/search\/jql/);
      expect(jiraErrors[0]!.message).toMatch(/500/);
      const partial = await readStore(w.storeConfig());
      expect(partial.facts.issue.size).toBe(0);
      expect(partial.facts.ticket.size).toBe(reference.store.facts.ticket.size);
      expect(partial.cursors.has('jira.issues')).toBe(false);

      await control(jira, '/__sandbox/faults', {});
      const { results } = await syncUntilSuccess(w);
      expect(results).toHaveLength(1);
      // The failed run wrote nothing back (Jira had never been read to its end), so no status moved
      // on missing data and no Task was opened for it: the outcome is exactly the clean run's.
      expect(run.stats.errors.map((e) => e.code)).toContain('WRITE_SKIPPED');
      expectSameOutcome(await outcomeOf(w), reference, 'after a failing source');
    });
  });

  it('rate limits at the documented values: a 429 with Retry-After is waited out and the result is the same', async () => {
    await withWorld({ rateLimits: 'documented', rateLimitsForCli: 'documented' }, async (w) => {
      const { zendesk } = w.sandbox.urls;
      // Another integration has spent this minute's 10 incremental exports; 40 s of it have passed,
      // so the Retry-After the simulator sends is ~20 s rather than a minute. 20 s, not 2: the CLI must
      // reach Zendesk before the window ends however loaded the machine is (at 2 s it sometimes did not).
      const auth = `Basic ${Buffer.from(`${w.env()['ZENDESK_EMAIL']}/token:${w.env()['ZENDESK_API_TOKEN']}`).toString('base64')}`;
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${zendesk}/api/v2/incremental/organizations.json?start_time=0`, {
          headers: { authorization: auth },
        });
        expect(r.status).toBe(200);
      }
      const refused = await fetch(`${zendesk}/api/v2/incremental/organizations.json?start_time=0`, {
        headers: { authorization: auth },
      });
      expect([refused.status, Number(refused.headers.get('retry-after'))]).toEqual([429, expect.any(Number)]);
      await control(zendesk, '/__sandbox/clock', { advanceMs: 40_000 });

      const r = await runCli(['sync', '--json'], w.env());
      const run = runJson(r);
      expect([r.code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
      expect(run.stats.sources['zendesk']!.rateLimited).toBeGreaterThanOrEqual(1);
      expect(run.stats.sources['zendesk']!.retries).toBeGreaterThanOrEqual(1);
      // This world's clock moved a minute past the suite's reference, which may be another hour (at
      // 23:59:30, another day): scores depend on the hour, so the oracle is a clean run at this time.
      const got = await outcomeOf(w);
      const sameTime = await withWorld({ clockAt: w.sandbox.clock.now() }, cleanOutcome);
      expectSameOutcome(got, sameTime, 'rate limited');
    });
  });
});

/**
 * Ten points of a full run, across sources and stages. Requests for 50 accounts: Salesforce
 * accounts one query page, then a query for Accounts that left the `where`; Zendesk tickets 3 export pages; Jira one
 * search page; Genesys ~176 window queries. Each kill happens as the simulator receives the request, before it answers.
 */
const KILL_POINTS: KillPoint[] = [
  {
    name: 'reading Salesforce accounts (those that left the where, after the accounts page)',
    salesforce: { endpoint: 'query', n: 2 },
  },
  { name: 'reading Zendesk tickets (1st page, organizations committed)', page: { sim: 'zendesk', n: 1 } },
  { name: 'reading Zendesk tickets (3rd page)', page: { sim: 'zendesk', n: 3 } },
  { name: 'reading Jira issues (its one search page)', page: { sim: 'jira', n: 1 } },
  { name: 'reading Genesys calls (3rd window)', page: { sim: 'genesys', n: 3 } },
  { name: 'reading Genesys calls (150th window)', page: { sim: 'genesys', n: 150 } },
  { name: 'matching (after the last source committed)', line: /"stream":"genesys\.calls".*"stream done"/ },
  { name: 'write-back, before the plan (describe)', salesforce: { endpoint: 'describe', n: 1 } },
  {
    name: 'write-back, collections update sent, result not recorded',
    salesforce: { endpoint: 'collections.update', n: 1 },
  },
  { name: 'Task creation sent, result not recorded', salesforce: { endpoint: 'collections.create', n: 1 } },
];

describe('SIGKILL at ten points of a full run', { timeout: 120_000 }, () => {
  it.each(KILL_POINTS.map((p) => [p.name, p] as const))(
    'killed while %s: reruns converge, no Task twice',
    async (_name, point) => {
      await withWorld({}, async (w) => {
        const killer = arm(w.sandbox, point);
        const killed = await syncWithKiller(w, killer);
        expect([killed.killed, killed.signal]).toEqual([true, 'SIGKILL']);
        // The very next run converges: a write lease left by the killed process is taken over at once.
        const { results } = await syncUntilSuccess(w);
        expect(results).toHaveLength(1);
        expectSameOutcome(await outcomeOf(w), reference, point.name);
      });
    },
  );
});

/**
 * The weekly Health_Snapshot__c upsert (one Bulk 2.0 job; the 50 Accounts' fields go by collections,
 * so its requests are the run's only Bulk ones), killed with the job closed while it is polled. The
 * next run reads that job's result from the store's journal instead of sending its rows again. (A
 * kill before the upload completed, which aborts the job and sends the rows once more, is tested
 * in-process in tests/sync/stages/snapshots-sandbox.test.ts, with the other snapshot cases.)
 */
describe('SIGKILL during the weekly snapshot upsert', { timeout: 120_000 }, () => {
  it('killed with the job closed and polled, its result unread: the rows are written once', async () => {
    await withWorld({}, async (w) => {
      const killer = arm(w.sandbox, {
        name: 'snapshot job polled',
        salesforce: { endpoint: 'bulk.info', n: 1 },
      });
      const killed = await syncWithKiller(w, killer);
      expect([killed.killed, killed.signal]).toEqual([true, 'SIGKILL']);
      killer.disarm();
      const { last } = await syncUntilSuccess(w);
      expect(last.stats.errors).toEqual([]);
      expectSameOutcome(await outcomeOf(w), reference, 'snapshot job polled');
      const state = w.sandbox.sims.salesforce.state;
      const rows = [...state.snapshots.values()].filter((r) => r['IsDeleted'] !== true);
      expect(rows.length).toBeGreaterThan(0);
      // The killed job's rows (the weeks of the first run's trend days) are taken from its result, not
      // sent again. The rerun rebuilds the older history after its write-back, and its own job sends
      // the weeks that rebuilt: new rows, and rows of the same weeks whose content moved, never a
      // row as it was already sent. Each job was processed once.
      const jobs = [...state.jobs.values()]
        .filter((j) => j.object === 'Health_Snapshot__c')
        .sort((a, b) => a.createdDate - b.createdDate);
      const rowsOf = (j: (typeof jobs)[number]): string[] =>
        j.uploads.flatMap((u) => u.trim().split('\n').slice(1));
      expect(jobs).toHaveLength(2);
      const killedRows = new Set(rowsOf(jobs[0]!));
      expect(rowsOf(jobs[1]!).filter((r) => killedRows.has(r))).toEqual([]);
      expect(state.stats.bulkJobsCreated).toBe(2);
      expect(state.stats.bulkRowsProcessed).toBe(killedRows.size + rowsOf(jobs[1]!).length);
      expect(last.stats.historyRebuild).toMatchObject({ reason: 'backfill', remaining: 0 });
      // Its record counts the killed job's rows (read from the journal) with its own.
      expect(last.stats.snapshots).toMatchObject({
        planned: rowsOf(jobs[1]!).length,
        upserted: killedRows.size + rowsOf(jobs[1]!).length,
      });
    });
  });
});
