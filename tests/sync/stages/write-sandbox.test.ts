import { shippedTicketMaps } from '../../metrics/fixtures.ts';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnection,
  salesforceStreams,
  type SalesforceConnection,
  type SalesforceEnv,
} from '../../../connectors/salesforce/index.ts';
import { queryPages } from '../../../connectors/salesforce/query-pages.ts';
import { parseSfDateTime } from '../../../connectors/salesforce/soql.ts';
import { validateSalesforceTargets } from '../../../connectors/salesforce/validate-targets.ts';
import { createSalesforceSim, type SalesforceSim } from '../../../src/sandbox/salesforce/index.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import type { AccountScore } from '../../../src/score/types.ts';
import { processAlerts } from '../../../src/sync/stages/alerts.ts';
import { applyWritePlan } from '../../../src/sync/stages/apply-plan.ts';
import { buildWritePlan, type WritePlan } from '../../../src/writeback/plan.ts';
import {
  runStream,
  shippedAccountsMapping,
  shippedSalesforceMapping,
} from '../../connectors/salesforce/helpers.ts';
import { score } from '../../writeback/fixtures.ts';

const WRITTEN = [
  'Health_Score__c',
  'Health_Status__c',
  'Health_Trend_30d__c',
  'Health_Drivers__c',
  'Health_Scorecard_Version__c',
  'Health_Computed_At__c',
  'Health_CSAT__c',
];

const simAccount = (i: number): Record<string, unknown> => ({
  Id: `001${String(i).padStart(12, '0')}`,
  Name: `Sandbox ${i}`,
  Type: i % 10 === 9 ? 'Prospect' : 'Customer',
  Tier__c: i % 2 ? 'Enterprise' : 'SMB',
  Website: `https://www.sandbox${i}.example`,
  Phone: '+1 415 555 0100',
  SystemModstamp: Date.UTC(2026, 10, 1, 8, i % 60),
});

/** The simulated org end to end: accounts in, validation, write plan applied, Tasks. */
describe('Salesforce write-back against the sandbox simulator', () => {
  let sim: SalesforceSim;
  let server: { url: string; close(): Promise<void> };
  let store: SqliteStore;
  let env: SalesforceEnv;
  let salesforce: SalesforceConnection;
  const mapping = shippedSalesforceMapping();
  const accountsMapping = shippedAccountsMapping();

  async function start(n: number, options: Parameters<typeof createSalesforceSim>[0] = {}): Promise<void> {
    sim = createSalesforceSim({
      accounts: Array.from({ length: n }, (_, i) => simAccount(i)),
      bulkStepMs: 5,
      ...options,
    });
    server = await sim.listen();
    env = {
      loginUrl: server.url,
      apiVersion: '64.0',
      auth: { type: 'client_credentials', clientId: sim.clientId, clientSecret: sim.clientSecret },
    };
    salesforce = createSalesforceConnection(env);
    const [stream] = salesforceStreams(
      env,
      { accounts: accountsMapping },
      {
        session: () => salesforce.session(),
        hashKey: 'sandbox-hash-key-0123456789',
        storedAccountIds: () => store.facts.ids('account'),
      },
    );
    await runStream(stream!, store);
  }

  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    nock.enableNetConnect();
  });

  async function planFor(scores: AccountScore[]): Promise<WritePlan> {
    return buildWritePlan({
      scores,
      accounts: await store.accounts.list(),
      mapping,
      confirmed: await store.confirmedValues.all(),
      fields: await salesforce.describe({ meta: store.meta }),
    });
  }

  /** Every planned value, read back from the org with SOQL, in the plan's canonical form. */
  async function expectOrgHolds(plan: WritePlan, except: string[] = []): Promise<void> {
    const got = new Map<string, Record<string, unknown>>();
    for await (const page of queryPages(
      await salesforce.session(),
      `SELECT Id, ${WRITTEN.join(', ')} FROM Account`,
    ))
      for (const r of page.records) got.set(r.Id, r);
    for (const u of plan.updates) {
      if (except.includes(u.accountId)) continue;
      const rec = got.get(u.accountId)!;
      for (const [field, want] of Object.entries(u.fields)) {
        const have = rec[field];
        if (field === 'Health_Computed_At__c')
          expect(parseSfDateTime(String(have))).toBe(Date.parse(String(want)));
        else expect([u.accountId, field, have]).toEqual([u.accountId, field, want]);
      }
    }
  }

  it('reads Accounts, validates the mapping, writes the plan and nothing more on a rerun', async () => {
    await start(300, {
      faults: {
        lockRow: { ids: ['001000000000003', '001000000000004'], failures: 1 },
        validationFailIds: ['001000000000005'],
      },
    });
    expect(await store.accounts.count()).toBe(270); // Type = 'Customer' only
    expect(
      await validateSalesforceTargets(await salesforce.session(), mapping, {
        meta: store.meta,
        accounts: accountsMapping,
      }),
    ).toEqual([]);

    const scores = (await store.accounts.list()).map((a) => score(a.id));
    const plan = await planFor(scores);
    expect(plan.updates).toHaveLength(270);
    const result = await applyWritePlan(plan, mapping, { salesforce, store, sleep: () => Promise.resolve() });
    const bad = (await store.accounts.list()).find((a) => a.id.startsWith('001000000000005'))!.id;
    expect(result).toMatchObject({ attempted: 270, succeeded: 269, retried: 2, stoppedForBudget: false });
    expect(result.failed).toEqual([
      expect.objectContaining({ accountId: bad, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }),
    ]);
    expect(sim.state.stats.requests['collections.update']).toBe(3);
    await expectOrgHolds(plan, [bad]);

    const updatedBefore = sim.state.stats.recordsUpdated;
    const rerun = await planFor(
      (await store.accounts.list()).map((a) => score(a.id, { computedAt: Date.UTC(2026, 10, 24) })),
    );
    expect(rerun.updates.map((u) => u.accountId)).toEqual([bad]);
    sim.state.faults.set({});
    const second = await applyWritePlan(rerun, mapping, { salesforce, store });
    expect(second).toMatchObject({ succeeded: 1, failed: [] });
    expect(sim.state.stats.recordsUpdated).toBe(updatedBefore + 1);
    expect((await planFor((await store.accounts.list()).map((a) => score(a.id)))).updates).toEqual([]);
  });

  it('writes 2,070 changed Accounts with one Bulk API 2.0 job', async () => {
    await start(2_300);
    const plan = await planFor(
      (await store.accounts.list()).map((a) => score(a.id, { score: 55.5, status: 'red' })),
    );
    expect(plan.method).toBe('bulk');
    const result = await applyWritePlan(plan, mapping, {
      salesforce,
      store,
      bulk: { pollIntervalMs: 10, pollTimeoutMs: 30_000 },
    });
    expect(result).toMatchObject({ method: 'bulk', succeeded: 2_070, failed: [] });
    expect(sim.state.stats.bulkJobsCreated).toBe(1);
    expect(sim.state.stats.requests['collections.update'] ?? 0).toBe(0);
    await expectOrgHolds(plan);
  });

  it('opens one Task per status drop, even when the run repeats', async () => {
    await start(20);
    const accounts = await store.accounts.list();
    const [first] = accounts;
    const previous = new Map(accounts.map((a) => [a.id, 'green']));
    const current = accounts.map((a) => score(a.id, { status: a.id === first!.id ? 'red' : 'green' }));
    const input = { current, previous, accounts, mapping, ticketMaps: shippedTicketMaps() };
    const one = await processAlerts(input, { salesforce, store });
    const two = await processAlerts(input, { salesforce, store });
    expect(one).toMatchObject({ statusDrops: 1, created: 1 });
    expect(two).toMatchObject({ statusDrops: 0, created: 0, pending: 0 });
    const tasks = [...sim.state.tables.Task.values()];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      WhatId: first!.id,
      Subject: `[Health] ${first!.name}: health dropped from green to red`,
    });
  });
});
