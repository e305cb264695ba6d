import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationSummary } from '../../src/sandbox/dataset/mutate.ts';
import { allOutputLines, runCli, runJson, streamTotals, type RunJson } from './support/cli.ts';
import { credentialValues, leakyLines } from './support/secrets.ts';
import { control, openWorld, type E2eWorld } from './support/sandbox.ts';
import {
  factCounts,
  readOrg,
  readStore,
  simStats,
  writeRequests,
  type StoreSnapshot,
} from './support/snapshots.ts';
import { compareLinks, expectedFacts, readByJql, sorted, storedLinks } from './support/truth.ts';

/**
 * Issues 4 and 5 end to end: the real CLI, in child processes, against one sandbox (50 accounts).
 * The steps build on each other (ordered tests over one database and one simulated org).
 */
describe('sync against the sandbox: ground truth, incremental runs, Salesforce', { timeout: 120_000 }, () => {
  let w: E2eWorld;
  const secrets = new Set<string>();
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => {
    for (const s of credentialValues(w.env(), w.sandbox)) secrets.add(s);
    await w.close();
    expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
  });

  const sync = async (...args: string[]): Promise<RunJson> => {
    const r = await runCli(['sync', '--json', ...args], w.env());
    const run = runJson(r);
    expect([r.code, run.status, run.stats.errors]).toEqual([0, 'succeeded', []]);
    return run;
  };

  /** Health fields in the simulated org equal each account's latest score in the store. */
  async function expectOrgMatchesStore(s: StoreSnapshot): Promise<void> {
    const org = await readOrg(w.sandbox);
    expect(s.scores.size).toBe(s.facts.account.size);
    for (const [id, score] of s.scores) {
      const fields = org.accounts.get(id);
      expect([id, fields?.['Health_Status__c']]).toEqual([id, score.status]);
      expect([id, fields?.['Health_Score__c']]).toEqual([
        id,
        score.score === null ? null : Math.round(score.score * 10) / 10,
      ]);
    }
  }

  let first: StoreSnapshot;

  it('stores every fact of the seeded dataset exactly once, linked as the ground truth says', async () => {
    // Accounts alone: scores would lack three whole sources, so nothing is written back yet.
    const r = await runCli(['sync', '--json', '--source', 'salesforce'], w.env());
    const sf = runJson(r);
    expect([r.code, sf.status, sf.stats.errors.map((e) => e.code)]).toEqual([
      1,
      'partial',
      ['WRITE_SKIPPED'],
    ]);
    expect(sf.stats.errors[0]!.message).toMatch(
      /write-back skipped: zendesk, jira, genesys has not yet been read/,
    );
    expect(sf.stats.writes.attempted).toBe(0);
    expect(sf.stats.sources['salesforce']?.upserts).toBe(50);
    const rest = await sync('--source', 'zendesk,jira,genesys');
    expect(Object.keys(rest.stats.sources).sort()).toEqual(['genesys', 'jira', 'zendesk']);

    first = await readStore(w.storeConfig());
    const truth = expectedFacts(w.sandbox.dataset);
    const accountIds = [...w.sandbox.dataset.salesforceAccounts()].map((a) => String(a['Id']));
    expect(sorted(first.facts.account.keys())).toEqual(sorted(accountIds));
    expect(sorted(first.facts.ticket.keys())).toEqual(sorted(truth.ids.ticket));
    expect(sorted(first.facts.call.keys())).toEqual(sorted(truth.ids.call));
    expect(sorted(first.facts.issue.keys())).toEqual(sorted(truth.ids.issue));
    expect(sorted(first.facts.organization.keys())).toEqual(sorted(truth.ids.organization));

    const agreement = compareLinks(truth.links, storedLinks(first));
    console.log(
      `account links: ${agreement.agree}/${agreement.expected} agree with the ground truth` +
        (agreement.disagree.length
          ? `; first differences: ${agreement.disagree.slice(0, 5).join('; ')}`
          : ''),
    );
    expect(agreement.disagree).toEqual([]);
  });

  it('a second run with no change makes one request per stream and stores nothing new', async () => {
    const sims = [w.sandbox.urls.zendesk, w.sandbox.urls.jira, w.sandbox.urls.genesysApi];
    await Promise.all(sims.map((u) => fetch(`${u}/__sandbox/stats`, { method: 'DELETE' })));
    await fetch(`${w.sandbox.urls.salesforce}/__sandbox/stats/reset`, { method: 'POST' });

    const run = await sync();
    const [zendesk, jira, genesys] = await Promise.all(sims.map((u) => simStats(u)));
    expect(zendesk!.requests['GET /api/v2/incremental/tickets/cursor.json'] ?? 0).toBe(1);
    expect(zendesk!.requests['GET /api/v2/incremental/organizations.json'] ?? 0).toBe(1);
    expect(jira!.requests['POST /rest/api/3/search/jql']).toBe(1);
    expect(genesys!.requests['POST /api/v2/analytics/conversations/details/query']).toBe(1);
    const sf = (await fetch(`${w.sandbox.urls.salesforce}/__sandbox/stats`).then((r) => r.json())) as {
      requests: Record<string, number>;
      writeRequests: number;
    };
    // No Account is written. After its write-back the run rebuilds the older score history (the first
    // rebuilt only the trend days), so it sends the weeks it rebuilt as Health_Snapshot__c rows: one
    // Bulk job, created, uploaded, closed. Nothing is left for the next run.
    expect(run.stats.historyRebuild).toMatchObject({ reason: 'backfill', remaining: 0 });
    expect(run.stats.snapshots?.upserted).toBeGreaterThan(0);
    expect(sf.writeRequests).toBe(3);
    expect(run.stats.writes).toMatchObject({ attempted: 0, requests: 0 });
    expect(run.stats.tasksCreated).toBe(0);
    for (const s of ['zendesk', 'jira', 'genesys'])
      expect([s, run.stats.sources[s]?.deletes]).toEqual([s, 0]);

    const second = await readStore(w.storeConfig());
    expect(factCounts(second)).toEqual(factCounts(first));
    for (const kind of ['ticket', 'call', 'issue', 'organization'] as const)
      expect(second.facts[kind]).toEqual(first.facts[kind]);
    // Writing the health fields moves each Account's SystemModstamp, so accounts are read again;
    // apart from that stamp they are unchanged.
    const stampless = (m: Map<string, string>): unknown[] =>
      [...m.values()].map((j) => ({ ...(JSON.parse(j) as object), systemModstamp: 0 }));
    expect(stampless(second.facts.account)).toEqual(stampless(first.facts.account));
    expect(second.links).toEqual(first.links);
    for (const stream of first.cursors.keys()) expect(second.cursors.has(stream)).toBe(true);
  });

  it('Salesforce Account fields equal the scores in the store', async () => {
    await expectOrgMatchesStore(await readStore(w.storeConfig()));
  });

  let mutation: MutationSummary;
  let planned = 0;

  it('after a mutation, a dry run reads exactly the changed records, prints the plan and writes nothing', async () => {
    // Changes dated now (as a user's edit of an Account must be: the accounts cursor is at our last
    // write-back), within one second; then the simulators' clock moves 20 minutes on, past Zendesk's
    // one-minute hold-back, Jira's search lag, and Genesys's analytics lag after the end of the new
    // calls (they start 10 minutes back and may last longer than that).
    mutation = (await control(w.sandbox.urls.zendesk, '/__sandbox/mutate', {
      share: 0.01,
      seed: 5,
      spanMs: 1000,
    })) as MutationSummary;
    await control(w.sandbox.urls.zendesk, '/__sandbox/clock', { advanceMs: 20 * 60_000 });
    const before = await writeRequests(w.sandbox);
    const tasksBefore = (await readOrg(w.sandbox)).taskCount;
    const r = await runCli(['sync', '--dry-run', '--json'], w.env());
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { run: RunJson; plan: { toUpdate: number; updates: unknown[] } };
    expect(doc.run.status).toBe('succeeded');
    // The plan the run would have sent (the mutation changed the facts of some accounts).
    expect(doc.plan.toUpdate).toBeGreaterThan(0);
    expect(doc.plan.updates).toHaveLength(doc.plan.toUpdate);
    planned = doc.plan.toUpdate;
    expect(await writeRequests(w.sandbox)).toBe(before);
    expect((await readOrg(w.sandbox)).taskCount).toBe(tasksBefore);

    const t = mutation.tickets;
    const streams = streamTotals(r.stderr);
    // Every changed ticket (solved, rated, touched by an automation, new) and every deletion.
    expect(streams.get('zendesk.tickets')).toMatchObject({
      upserts: t.updated.length + t.system.length + t.created.length,
      deletes: t.deleted.length,
    });
    // The time-based organization export repeats its boundary second: one known org may come again.
    const orgs = streams.get('zendesk.organizations')!.upserts - mutation.organizations.length;
    expect(orgs === 0 || orgs === 1).toBe(true);
    const issues = [...mutation.issues.updated, ...mutation.issues.created].map((id) => Number(id) - 10_000);
    expect(streams.get('jira.issues')!.upserts).toBe(
      issues.filter((i) => readByJql(w.sandbox.dataset, i)).length,
    );
    const newVoiceCalls = expectedFacts(w.sandbox.dataset).ids.call.size - first.facts.call.size;
    expect(streams.get('genesys.calls')!.upserts).toBe(newVoiceCalls);
    // Mutated accounts, and the accounts our own write-back touched after the previous read.
    expect(streams.get('salesforce.accounts')!.upserts).toBeGreaterThanOrEqual(mutation.accounts.length);

    // The store now holds the mutated dataset, exactly.
    const s = await readStore(w.storeConfig());
    const truth = expectedFacts(w.sandbox.dataset);
    expect(sorted(s.facts.ticket.keys())).toEqual(sorted(truth.ids.ticket));
    expect(sorted(s.facts.call.keys())).toEqual(sorted(truth.ids.call));
    expect(sorted(s.facts.issue.keys())).toEqual(sorted(truth.ids.issue));
    for (const id of t.deleted) expect(s.facts.ticket.has(String(id))).toBe(false);
    expect(compareLinks(truth.links, storedLinks(s)).disagree).toEqual([]);
  });

  it('the next run writes the plan, and the org again equals the store', async () => {
    const run = await sync();
    expect(run.stats.writes).toMatchObject({ attempted: planned, failed: 0 });
    await expectOrgMatchesStore(await readStore(w.storeConfig()));
    const before = await writeRequests(w.sandbox);
    const again = await sync();
    expect(again.stats.writes.attempted).toBe(0);
    expect(await writeRequests(w.sandbox)).toBe(before);
  });
});
