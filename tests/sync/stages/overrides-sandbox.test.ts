import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnection,
  salesforceStreams,
  type SalesforceConnection,
} from '../../../connectors/salesforce/index.ts';
import { queryPages } from '../../../connectors/salesforce/query-pages.ts';
import { validateSalesforceTargets } from '../../../connectors/salesforce/validate-targets.ts';
import { loadMappings } from '../../../src/config/mappings/load.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { createSalesforceSim, type SalesforceSim } from '../../../src/sandbox/salesforce/index.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { writeStage } from '../../../src/sync/stages/write.ts';
import type { WritePlan } from '../../../src/writeback/plan.ts';
import { runStream, silentLog } from '../../connectors/salesforce/helpers.ts';
import { score } from '../../writeback/fixtures.ts';

const HELD = '001000000000001';
const PLAIN = '001000000000002';
const DAY_MS = 86_400_000;
/** The override holds through 2026-12-05; the first run is on the 3rd, the reruns on the 7th. */
const DURING = Date.UTC(2026, 11, 3, 6);
const AFTER = Date.UTC(2026, 11, 7, 6);

const simAccount = (i: number, o: Record<string, unknown> = {}): Record<string, unknown> => ({
  Id: `001${String(i).padStart(12, '0')}`,
  Name: `Sandbox ${i}`,
  Type: 'Customer',
  Tier__c: 'Enterprise',
  Website: `https://www.sandbox${i}.example`,
  SystemModstamp: Date.UTC(2026, 10, 1, 8, i),
  ...o,
});

/** The write stage against the simulated org: a CSM's override honoured, shown, and lapsing once. */
describe('CSM status overrides through the write stage', () => {
  let sim: SalesforceSim;
  let server: { url: string; close(): Promise<void> };
  let store: SqliteStore;
  let salesforce: SalesforceConnection;
  let mappings: Mappings;

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    store = openSqliteStore(':memory:');
    const shipped = (await loadMappings('mappings')).mappings;
    mappings = {
      ...shipped,
      salesforce: {
        ...shipped.salesforce,
        overrides: {
          status: 'Health_Override_Status__c',
          reason: 'Health_Override_Reason__c',
          until: 'Health_Override_Until__c',
        },
      },
    };
    sim = createSalesforceSim({
      accounts: [
        simAccount(1, {
          Health_Override_Status__c: 'green',
          Health_Override_Reason__c: 'Outage credited; sponsor happy',
          Health_Override_Until__c: '2026-12-05',
        }),
        simAccount(2),
      ],
    });
    server = await sim.listen();
    const env = {
      loginUrl: server.url,
      apiVersion: '64.0',
      auth: { type: 'client_credentials' as const, clientId: sim.clientId, clientSecret: sim.clientSecret },
    };
    salesforce = createSalesforceConnection(env);
    const [stream] = salesforceStreams(env, mappings, {
      session: () => salesforce.session(),
      hashKey: 'sandbox-hash-key-0123456789',
      storedAccountIds: () => store.facts.ids('account'),
    });
    await runStream(stream!, store);
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    nock.enableNetConnect();
  });

  async function run(now: number): Promise<{ plan: WritePlan; tasksCreated: number }> {
    const ids = (await store.accounts.list()).map((a) => a.id);
    let plan: WritePlan | undefined;
    const result = await writeStage({
      store,
      mappings,
      log: silentLog,
      salesforce,
      now: () => now,
      dryRun: false,
      // Computed: both accounts dropped from green to red.
      scores: ids.map((id) => score(id, { status: 'red', score: 38, computedAt: now })),
      previous: new Map(ids.map((id) => [id, 'green'])),
      onPlan: (p) => (plan = p),
    });
    return { plan: plan!, tasksCreated: result.tasksCreated };
  }

  async function org(): Promise<Map<string, Record<string, unknown>>> {
    const got = new Map<string, Record<string, unknown>>();
    for await (const page of queryPages(
      await salesforce.session(),
      'SELECT Id, OwnerId, Health_Status__c, Health_Score__c, Health_Drivers__c FROM Account',
    ))
      for (const r of page.records) got.set(r.Id.slice(0, 15), r);
    return got;
  }

  it("validates against the org's describe: the sandbox Account has the three fields", async () => {
    const session = await salesforce.session();
    expect(await validateSalesforceTargets(session, mappings.salesforce, { meta: store.meta })).toEqual([]);
    const misspelt = { ...mappings.salesforce.overrides!, until: 'Health_Override_Unti__c' };
    expect(
      await validateSalesforceTargets(
        session,
        { ...mappings.salesforce, overrides: misspelt },
        { meta: store.meta },
      ),
    ).toEqual([
      expect.objectContaining({
        path: ['overrides', 'until'],
        message: expect.stringContaining('did you mean Health_Override_Until__c?'),
      }),
    ]);
  });

  const tasks = (): Record<string, unknown>[] => [...sim.state.tables.Task.values()];

  it('writes the override while it holds, opens no drop Task for it, and one lapse Task after', async () => {
    const during = await run(DURING);
    expect(during.tasksCreated).toBe(1); // the drop of the account without an override
    const held = (await org()).get(HELD)!;
    expect(held).toMatchObject({ Health_Status__c: 'green', Health_Score__c: 38 });
    expect(String(held['Health_Drivers__c'])).toMatch(
      new RegExp(
        `^Overridden by ${String(held['OwnerId'])} until 2026-12-05: Outage credited; sponsor happy\nCSAT 71%`,
      ),
    );
    expect((await org()).get(PLAIN)).toMatchObject({ Health_Status__c: 'red' });
    expect(tasks().map((t) => String(t['WhatId']).slice(0, 15))).toEqual([PLAIN]);

    const after = await run(AFTER);
    const rerun = await run(AFTER + DAY_MS / 24);
    expect([after.tasksCreated, rerun.tasksCreated]).toEqual([1, 0]);
    expect(rerun.plan.updates.every((u) => !('Health_Status__c' in u.fields))).toBe(true);
    const lapsed = tasks().filter((t) => String(t['WhatId']).startsWith(HELD));
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]).toMatchObject({
      Subject: '[Health] Sandbox 1: Health override lapsed',
      OwnerId: held['OwnerId'],
    });
    expect(String(lapsed[0]!['Description'])).toContain('computed status again: red (score 38)');
    const now = (await org()).get(HELD)!;
    expect(now['Health_Status__c']).toBe('red');
    expect(String(now['Health_Drivers__c'])).not.toContain('Overridden');
  });
});
