import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnection,
  salesforceStreams,
  type SalesforceConnection,
  type SalesforceEnv,
} from '../../../connectors/salesforce/index.ts';
import { createSalesforceSim, type SalesforceSim } from '../../../src/sandbox/salesforce/index.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import type { SalesforceMapping } from '../../../src/config/mappings/salesforce.ts';
import { addDays } from '../../../src/metrics/windows.ts';
import type { HealthStatus } from '../../../src/score/types.ts';
import { OPEN_JOB_KEY } from '../../../src/sync/stages/snapshot-journal.ts';
import { writeSnapshots, type SnapshotDeps } from '../../../src/sync/stages/snapshots.ts';
import {
  runStream,
  shippedAccountsMapping,
  shippedSalesforceMapping,
  silentLog,
} from '../../connectors/salesforce/helpers.ts';

/**
 * The weekly Health_Snapshot__c rows against the simulated org, clock pinned to Thursday
 * 2026-12-03 (ISO week 2026-W49): the history holds the 90 days before it (rebuilt), so 13 completed
 * weeks (Mondays 2026-08-31 … 2026-11-23) have data.
 */
const ACCOUNTS = 5;
const WEEKS_WITH_DATA = 13;
const NOW = Date.UTC(2026, 11, 3, 10);
const WEEK_MS = 7 * 86_400_000;

const simAccount = (i: number): Record<string, unknown> => ({
  Id: `001${String(i).padStart(12, '0')}`,
  Name: `Sandbox ${i}`,
  Type: 'Customer',
  Tier__c: 'Enterprise',
  Website: `https://www.sandbox${i}.example`,
  SystemModstamp: Date.UTC(2026, 10, 1, 8, i),
});

const STATUSES: HealthStatus[] = ['green', 'yellow', 'red', 'insufficient_data'];

describe('weekly Health_Snapshot__c rows against the sandbox', () => {
  let clock = NOW;
  let sim: SalesforceSim;
  let server: { url: string; close(): Promise<void> };
  let store: SqliteStore;
  let salesforce: SalesforceConnection;
  let env: SalesforceEnv;
  let accountIds: string[];

  async function start(options: Parameters<typeof createSalesforceSim>[0] = {}): Promise<void> {
    sim = createSalesforceSim({
      accounts: Array.from({ length: ACCOUNTS }, (_, i) => simAccount(i)),
      bulkStepMs: 2,
      now: () => clock,
      ...options,
    });
    server = await sim.listen();
    env = {
      loginUrl: server.url,
      apiVersion: '64.0',
      auth: { type: 'client_credentials', clientId: sim.clientId, clientSecret: sim.clientSecret },
    };
    salesforce = createSalesforceConnection(env, { now: () => clock });
    const [stream] = salesforceStreams(
      env,
      { accounts: shippedAccountsMapping() },
      {
        session: () => salesforce.session(),
        hashKey: 'sandbox-hash-key-0123456789',
        storedAccountIds: () => store.facts.ids('account'),
      },
    );
    await runStream(stream!, store, { now: clock });
    accountIds = (await store.accounts.list()).map((a) => a.id).sort();
  }

  /** Rebuilt history for `days` days ending the day before `until`, one score per account and day. */
  async function history(until: string, days: number, version = 'v1+abc123'): Promise<void> {
    const rows = [];
    for (let d = days; d >= 1; d--) {
      const day = addDays(until, -d);
      for (const [i, accountId] of accountIds.entries())
        rows.push({
          accountId,
          day,
          score: 50 + i + d / 100,
          status: STATUSES[i % 4]!,
          scorecardVersion: version,
        });
    }
    await store.scores.saveRebuilt(rows);
  }

  const deps = (
    overrides: Partial<SnapshotDeps> = {},
    mapping?: Partial<SalesforceMapping>,
  ): SnapshotDeps => ({
    store,
    salesforce,
    mapping: { ...shippedSalesforceMapping(), ...mapping },
    log: silentLog,
    now: () => clock,
    dryRun: false,
    bulk: { pollIntervalMs: 5 },
    ...overrides,
  });

  const live = (): Record<string, unknown>[] =>
    [...sim.state.snapshots.values()].filter((r) => r['IsDeleted'] !== true);

  beforeEach(() => {
    clock = NOW;
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    nock.enableNetConnect();
  });

  it('upserts accounts × completed weeks once; a second run in the same week writes none', async () => {
    await start();
    await history('2026-12-03', 90);
    const first = await writeSnapshots(deps());
    expect(first!.stats).toMatchObject({
      weeks: 26,
      planned: ACCOUNTS * WEEKS_WITH_DATA,
      failed: 0,
      deleted: 0,
    });
    expect(first!.stats.upserted).toBe(ACCOUNTS * WEEKS_WITH_DATA);
    expect(first!.errors).toEqual([]);
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
    expect(sim.state.stats.bulkJobsCreated).toBe(1);

    // One row, read back: the score of the week's last day (Sunday 2026-11-29), rounded to Number(5,1).
    const key = `${accountIds[1]}-2026-W48`;
    const row = live().find((r) => r['Snapshot_Key__c'] === key)!;
    expect(row).toMatchObject({
      Account__c: accountIds[1],
      Week__c: '2026-W48',
      Week_Start__c: '2026-11-23',
      Score__c: 51,
      Status__c: 'yellow',
      Scorecard_Version__c: 'v1+abc123',
      Rebuilt__c: true,
    });
    expect(String(row['Name'])).toMatch(/^HS-\d{6}$/);

    sim.state.resetStats();
    const second = await writeSnapshots(deps());
    expect(second!.stats).toMatchObject({ planned: 0, upserted: 0, unchanged: ACCOUNTS * WEEKS_WITH_DATA });
    expect(second!.stats.requests).toBe(0);
    expect(sim.state.stats.apiCalls).toBe(0);
  });

  it('a dry run plans and writes nothing', async () => {
    await start();
    await history('2026-12-03', 90);
    const dry = await writeSnapshots(deps({ dryRun: true }));
    expect(dry!.stats.planned).toBe(ACCOUNTS * WEEKS_WITH_DATA);
    expect(live()).toHaveLength(0);
    expect(sim.state.stats.bulkJobsCreated).toBe(0);
  });

  it('snapshots: false writes nothing', async () => {
    await start();
    await history('2026-12-03', 90);
    expect(await writeSnapshots(deps({}, { snapshots: false }))).toBeUndefined();
    expect(live()).toHaveLength(0);
  });

  it('a week later: one new row per account; rows past retention are deleted', async () => {
    await start();
    await history('2026-12-03', 90);
    await writeSnapshots(deps());

    clock = NOW + WEEK_MS;
    await history('2026-12-10', 7);
    const next = await writeSnapshots(deps());
    expect(next!.stats).toMatchObject({ planned: ACCOUNTS, upserted: ACCOUNTS, deleted: 0 });
    expect(live().filter((r) => r['Week__c'] === '2026-W49')).toHaveLength(ACCOUNTS);

    // Retention cut to 4 weeks: the 10 older weeks' rows go (14 weeks held now).
    const cut = await writeSnapshots(
      deps({}, { snapshots: { object: 'Health_Snapshot__c', retention_weeks: 4 } }),
    );
    expect(cut!.stats).toMatchObject({ planned: 0, deleted: ACCOUNTS * 10, deleteFailed: 0 });
    expect(live()).toHaveLength(ACCOUNTS * 4);
    expect(live().every((r) => String(r['Week_Start__c']) >= '2026-11-09')).toBe(true);
    // The same cutoff again: no query, no job.
    sim.state.resetStats();
    await writeSnapshots(deps({}, { snapshots: { object: 'Health_Snapshot__c', retention_weeks: 4 } }));
    expect(sim.state.stats.apiCalls).toBe(0);
  });

  it('a history rebuilt after a weight change re-upserts the changed weeks only', async () => {
    await start();
    await history('2026-12-03', 90);
    await writeSnapshots(deps());
    // The new scorecard rebuilt the last 14 days: weeks 2026-W47 and W48 change (W46's Sunday is older).
    await history('2026-12-03', 14, 'v2+def456');
    const again = await writeSnapshots(deps());
    expect(again!.stats).toMatchObject({ planned: ACCOUNTS * 2, upserted: ACCOUNTS * 2 });
    const changed = live().filter((r) => r['Scorecard_Version__c'] === 'v2+def456');
    expect(changed.map((r) => r['Week__c']).sort()).toEqual([
      ...Array<string>(ACCOUNTS).fill('2026-W47'),
      ...Array<string>(ACCOUNTS).fill('2026-W48'),
    ]);
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
  });

  it('a record Salesforce refuses is reported per record, and not sent again until its content changes', async () => {
    await start();
    await history('2026-12-03', 90);
    // A status the restricted picklist does not hold, on the last day of week W48 of one account.
    await store.scores.saveRebuilt([
      {
        accountId: accountIds[2]!,
        day: '2026-11-29',
        score: 40,
        status: 'purple' as HealthStatus,
        scorecardVersion: 'v1+abc123',
      },
    ]);
    const first = await writeSnapshots(deps());
    const key = `${accountIds[2]}-2026-W48`;
    expect(first!.stats).toMatchObject({ upserted: ACCOUNTS * WEEKS_WITH_DATA - 1, failed: 1 });
    expect(first!.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: expect.stringContaining(key) as string,
      }),
    ]);
    const same = await writeSnapshots(deps());
    expect(same!.stats).toMatchObject({ planned: 0, refused: 1, failed: 0 });
    // Fixed in the history (e.g. rebuilt): the row goes again, and is written.
    await store.scores.saveRebuilt([
      {
        accountId: accountIds[2]!,
        day: '2026-11-29',
        score: 40,
        status: 'red',
        scorecardVersion: 'v1+abc123',
      },
    ]);
    const fixed = await writeSnapshots(deps());
    expect(fixed!.stats).toMatchObject({ planned: 1, upserted: 1, refused: 0 });
    expect(live().find((r) => r['Snapshot_Key__c'] === key)).toMatchObject({
      Status__c: 'red',
      Score__c: 40,
    });
  });

  it('a record that fails for a passing reason (UNABLE_TO_LOCK_ROW) is sent again by the next run', async () => {
    await start();
    await history('2026-12-03', 90);
    sim.state.faults.set({ lockRow: { ids: [accountIds[3]!], failures: 1 } });
    const first = await writeSnapshots(deps());
    expect(first!.stats).toMatchObject({ failed: 1, upserted: ACCOUNTS * WEEKS_WITH_DATA - 1 });
    expect(first!.errors[0]).toMatchObject({ code: 'UNABLE_TO_LOCK_ROW' });
    const next = await writeSnapshots(deps());
    expect(next!.stats).toMatchObject({ planned: 1, upserted: 1, failed: 0, refused: 0 });
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
  });

  it('a missing parent Account fails its rows, the others are written', async () => {
    await start();
    await history('2026-12-03', 90);
    const gone = accountIds[0]!;
    sim.state.softDelete('Account', sim.state.findRecord(gone)!.record, sim.integrationUser.Id);
    const run = await writeSnapshots(deps());
    expect(run!.stats).toMatchObject({ failed: WEEKS_WITH_DATA, upserted: (ACCOUNTS - 1) * WEEKS_WITH_DATA });
    expect(run!.errors[0]).toMatchObject({ code: 'INVALID_CROSS_REFERENCE_KEY' });
  });

  it('killed after the Bulk job was closed: the next run reads that job, writes nothing twice', async () => {
    await start();
    await history('2026-12-03', 90);
    // The "kill": polling stops at once, so the process ends with the job closed, its result unread.
    await expect(writeSnapshots(deps({ bulk: { pollIntervalMs: 5, pollTimeoutMs: 0 } }))).rejects.toThrow();
    expect(JSON.parse((await store.meta.get(OPEN_JOB_KEY))!)).toMatchObject({ op: 'upsert' });
    expect(await store.snapshotRows.confirmed()).toEqual(new Map());

    const next = await writeSnapshots(deps());
    expect(next!.stats).toMatchObject({ upserted: ACCOUNTS * WEEKS_WITH_DATA, planned: 0 });
    expect(sim.state.stats.bulkJobsCreated).toBe(1);
    expect(sim.state.stats.bulkRowsProcessed).toBe(ACCOUNTS * WEEKS_WITH_DATA);
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
    expect(await store.meta.get(OPEN_JOB_KEY)).toBe('');
  });

  it('killed after the job was created, before its upload: the next run aborts it and sends the rows once', async () => {
    await start();
    await history('2026-12-03', 90);
    const dying: SalesforceConnection = {
      ...salesforce,
      upsertSnapshots: (object, rows, options) =>
        salesforce.upsertSnapshots(object, rows, {
          ...options,
          onJobCreated: async (jobId) => {
            await options.onJobCreated?.(jobId);
            throw new Error('killed');
          },
        }),
    };
    await expect(writeSnapshots(deps({ salesforce: dying }))).rejects.toThrow('killed');
    const next = await writeSnapshots(deps());
    expect(next!.stats.upserted).toBe(ACCOUNTS * WEEKS_WITH_DATA);
    expect([...sim.state.jobs.values()].map((j) => j.state)).toEqual(['Aborted', 'JobComplete']);
    expect(sim.state.stats.bulkRowsProcessed).toBe(ACCOUNTS * WEEKS_WITH_DATA);
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
  });

  it('a job left behind that ended Failed: the next run sends its rows again in a new job', async () => {
    await start({ faults: { bulkJobFailure: 'InternalServerError : retry later' } });
    await history('2026-12-03', 90);
    await expect(writeSnapshots(deps({ bulk: { pollIntervalMs: 5, pollTimeoutMs: 0 } }))).rejects.toThrow();
    // The org fails the job on its own (the process was gone); then the fault clears.
    const job = [...sim.state.jobs.values()][0]!;
    while (job.state !== 'Failed') await new Promise((resolve) => setTimeout(resolve, 5));
    sim.state.faults.set({});
    const next = await writeSnapshots(deps());
    expect(next!.stats).toMatchObject({ upserted: ACCOUNTS * WEEKS_WITH_DATA, failed: 0 });
    expect([...sim.state.jobs.values()].map((j) => j.state)).toEqual(['Failed', 'JobComplete']);
    expect(live()).toHaveLength(ACCOUNTS * WEEKS_WITH_DATA);
  });
});
