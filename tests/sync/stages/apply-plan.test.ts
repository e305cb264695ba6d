import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSalesforceConnection,
  type SalesforceConnection,
} from '../../../connectors/salesforce/index.ts';
import type { SalesforceMapping } from '../../../src/config/mappings/salesforce.ts';
import { HealthSyncError } from '../../../src/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { applyWritePlan, type ApplyDeps } from '../../../src/sync/stages/apply-plan.ts';
import { WRITE_LEASE } from '../../../src/sync/stages/write-lease.ts';
import { buildWritePlan, type WritePlan } from '../../../src/writeback/plan.ts';
import { FakeOrg } from '../../connectors/salesforce/fake-org.ts';
import { shippedSalesforceMapping } from '../../connectors/salesforce/helpers.ts';
import { score } from '../../writeback/fixtures.ts';

describe('applyWritePlan', () => {
  let org: FakeOrg;
  let store: SqliteStore;
  let salesforce: SalesforceConnection;
  let mapping: SalesforceMapping;
  const sleeps: number[] = [];
  const retryWaits: number[] = [];

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
    store = openSqliteStore(':memory:');
    sleeps.length = 0;
    retryWaits.length = 0;
    // The shared retry policy's waits are recorded, not slept.
    salesforce = createSalesforceConnection(org.env(), {
      clock: {
        now: () => Date.now(),
        sleep: (ms) => {
          retryWaits.push(ms);
          return Promise.resolve();
        },
      },
    });
    mapping = shippedSalesforceMapping();
  });
  afterEach(async () => {
    await store.close();
    await org.stop();
    nock.enableNetConnect();
  });

  const deps = (): ApplyDeps => ({
    salesforce,
    store,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    bulk: { pollIntervalMs: 1, pollTimeoutMs: 10_000 },
  });

  async function planFor(n: number, o: Parameters<typeof score>[1] = {}): Promise<WritePlan> {
    const ids = org.accounts.size >= n ? [...org.accounts.keys()].slice(0, n) : org.addAccounts(n);
    return buildWritePlan({
      scores: ids.map((id) => score(id, o)),
      accounts: new Set(ids),
      mapping,
      confirmed: await store.confirmedValues.all(),
      fields: await salesforce.describe({ meta: store.meta }),
    });
  }

  /** The org holds exactly what the plan asked for. */
  function expectOrgHolds(plan: WritePlan): void {
    for (const u of plan.updates) expect(org.accounts.get(u.accountId)).toMatchObject(u.fields);
  }

  it('sends 150 changed Accounts in exactly one collections request, and an unchanged rerun sends nothing', async () => {
    const plan = await planFor(150);
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.count('PATCH', '/composite/sobjects')).toBe(1);
    expect(result).toMatchObject({
      method: 'collections',
      attempted: 150,
      succeeded: 150,
      failed: [],
      retried: 0,
      requests: 1,
    });
    expectOrgHolds(plan);

    const again = await planFor(150, { computedAt: Date.UTC(2026, 10, 24) });
    expect(again.updates).toEqual([]);
    const before = org.calls.length;
    const second = await applyWritePlan(again, mapping, deps());
    expect(second).toMatchObject({ method: 'none', attempted: 0, requests: 0 });
    expect(org.calls.length).toBe(before);
  });

  it('sends 450 changed Accounts in three collections requests', async () => {
    const plan = await planFor(450);
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.patchSizes).toEqual([200, 200, 50]);
    expect(result.succeeded).toBe(450);
    expectOrgHolds(plan);
  });

  it('sends 5,000 changed Accounts as one Bulk API 2.0 job and no collections request', async () => {
    const plan = await planFor(5_000);
    expect(plan.method).toBe('bulk');
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.count('POST', '/jobs/ingest')).toBe(1);
    expect(org.count('PUT', /^\/jobs\/ingest\/750\w+\/batches$/)).toBe(1);
    expect(org.count('PATCH', '/composite/sobjects')).toBe(0);
    expect(result).toMatchObject({ method: 'bulk', attempted: 5_000, succeeded: 5_000, failed: [] });
    expect(result.requests).toBeLessThanOrEqual(8);
    expectOrgHolds(plan);
    expect((await store.confirmedValues.all()).size).toBe(5_000);
  });

  it('retries UNABLE_TO_LOCK_ROW for those records only, with backoff', async () => {
    const plan = await planFor(150);
    const locked = plan.updates.slice(10, 13).map((u) => u.accountId);
    for (const id of locked)
      org.recordFaults.set(id, {
        code: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record',
        times: 1,
      });
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.patchSizes).toEqual([150, 3]);
    expect(result).toMatchObject({ attempted: 150, succeeded: 150, failed: [], retried: 3 });
    expect(sleeps).toEqual([500]); // the shared policy: full jitter under 1 s for a first retry
    expectOrgHolds(plan);
  });

  it('gives up on a record that stays locked after max_attempts and reports it', async () => {
    const plan = await planFor(5);
    const id = plan.updates[0]!.accountId;
    org.recordFaults.set(id, {
      code: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record',
      times: Infinity,
    });
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.patchSizes).toEqual([5, 1, 1, 1]);
    expect(result.failed).toEqual([
      {
        accountId: id,
        code: 'UNABLE_TO_LOCK_ROW',
        message: 'unable to obtain exclusive access to this record (still failing after 4 attempts)',
      },
    ]);
    expect(result).toMatchObject({ succeeded: 4, retried: 3 });
  });

  it('reports FIELD_CUSTOM_VALIDATION_EXCEPTION per account and field while the others succeed', async () => {
    const plan = await planFor(20);
    const bad = plan.updates[4]!.accountId;
    org.recordFaults.set(bad, {
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Status cannot be red without a CSM note',
      fields: ['Health_Status__c'],
      times: Infinity,
    });
    const result = await applyWritePlan(plan, mapping, deps());
    expect(result.failed).toEqual([
      {
        accountId: bad,
        field: 'Health_Status__c',
        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Status cannot be red without a CSM note',
      },
    ]);
    expect(result).toMatchObject({ succeeded: 19, retried: 0 });
    expect(org.patchSizes).toEqual([20]);
    // Not confirmed, so the next plan tries it again.
    const next = await planFor(20);
    expect(next.updates.map((u) => u.accountId)).toEqual([bad]);
  });

  it('recovers from a token expiry mid-write by re-running the grant and replaying the request', async () => {
    const plan = await planFor(450);
    org.onCall = (c) => {
      if (c.method === 'PATCH' && org.count('PATCH', '/composite/sobjects') === 1) org.expireTokens();
    };
    const result = await applyWritePlan(plan, mapping, deps());
    expect(result).toMatchObject({ succeeded: 450, failed: [] });
    expect(org.tokenRequests).toBe(2);
    expect(org.patchSizes).toEqual([200, 200, 50]);
    expectOrgHolds(plan);
  });

  it('sends a whole request again after a passing outage (HTTP 503) under the shared retry policy, updates being idempotent', async () => {
    const plan = await planFor(150);
    let outages = 1;
    org.interrupt = (c) =>
      c.method === 'PATCH' && outages-- > 0
        ? [503, '<html>Service Unavailable</html>', { 'Content-Type': 'text/html' }]
        : undefined;
    const before = salesforce.usage();
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.count('PATCH', '/composite/sobjects')).toBe(2);
    // The request was retried (and counted) by sfCall; no record needed a second send of its own.
    expect(result).toMatchObject({ succeeded: 150, failed: [], retried: 0, requests: 2 });
    expect(salesforce.usage(before).retries).toBe(1);
    expect([retryWaits.length, sleeps]).toEqual([1, []]);
    expectOrgHolds(plan);
  });

  it('reports the records of a request that keeps failing through the retry policy, without a second loop', async () => {
    const plan = await planFor(150);
    org.interrupt = (c) =>
      c.method === 'PATCH' ? [503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }]] : undefined;
    const before = salesforce.usage();
    const result = await applyWritePlan(plan, mapping, deps());
    // Five attempts (the shared policy's maxAttempts), not five times write.max_attempts.
    expect(org.count('PATCH', '/composite/sobjects')).toBe(5);
    expect(result).toMatchObject({ succeeded: 0, retried: 0, requests: 5 });
    expect(result.failed).toHaveLength(150);
    expect(result.failed[0]).toMatchObject({ code: 'SERVER_UNAVAILABLE' });
    expect(salesforce.usage()).toMatchObject({
      retries: before.retries + 4,
      errors: before.errors + 1,
    });
    // Never confirmed: the next plan has them all again.
    expect((await planFor(150)).updates).toHaveLength(150);
  });

  it('stops before a request would pass budget_share of the daily allocation', async () => {
    const plan = await planFor(450);
    org.usage = { used: 49_998, limit: 100_000 };
    await (await salesforce.session()).conn.request('/limits'); // the header now says 49,999/100,000
    const result = await applyWritePlan(plan, mapping, deps());
    expect(org.patchSizes).toEqual([200]);
    expect(result).toMatchObject({ succeeded: 200, notAttempted: 250, stoppedForBudget: true, failed: [] });
    expect(result.error?.code).toBe('WRITE_BUDGET_EXHAUSTED');
    expect(result.error?.message).toContain('50%');
  });

  it('ends writes cleanly on REQUEST_LIMIT_EXCEEDED', async () => {
    const plan = await planFor(450);
    org.onCall = (c) => {
      if (c.method === 'PATCH') org.limitExceeded = true;
    };
    const result = await applyWritePlan(plan, mapping, deps());
    expect(result).toMatchObject({ succeeded: 200, notAttempted: 250, stoppedForBudget: true });
    expect(result.error?.code).toBe('WRITE_BUDGET_EXHAUSTED');
    expect(result.error?.message).toContain('REQUEST_LIMIT_EXCEEDED');
  });

  it('handles record failures inside a Bulk job: permanent reported, transient retried', async () => {
    const plan = await planFor(2_500);
    const [bad, locked] = [plan.updates[7]!.accountId, plan.updates[8]!.accountId];
    org.recordFaults.set(bad, {
      code: 'STRING_TOO_LONG',
      message: 'Drivers: data value too large',
      fields: ['Health_Drivers__c'],
      times: Infinity,
    });
    org.recordFaults.set(locked, {
      code: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record',
      times: 1,
    });
    const result = await applyWritePlan(plan, mapping, deps());
    expect(result.failed).toEqual([
      {
        accountId: bad,
        field: 'Health_Drivers__c',
        code: 'STRING_TOO_LONG',
        message: 'Drivers: data value too large',
      },
    ]);
    expect(result).toMatchObject({ succeeded: 2_499, retried: 1 });
    expect(org.count('POST', '/jobs/ingest')).toBe(1);
    expect(org.patchSizes).toEqual([1]);
  });

  it('sends no more requests once the run is stopped (SIGTERM)', async () => {
    const plan = await planFor(450);
    const ac = new AbortController();
    org.onCall = (c) => {
      if (c.method === 'PATCH') ac.abort();
    };
    const result = await applyWritePlan(plan, mapping, { ...deps(), signal: ac.signal });
    expect(org.patchSizes).toEqual([200]);
    expect(result).toMatchObject({ succeeded: 200, notAttempted: 250, stoppedForBudget: false });
  });

  it('refuses to write while another writer holds the lease', async () => {
    const plan = await planFor(3);
    await store.leases.acquire(WRITE_LEASE, 'other-process', 60_000, Date.now());
    const err = await applyWritePlan(plan, mapping, deps()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HealthSyncError);
    expect((err as HealthSyncError).code).toBe('RUN_IN_PROGRESS');
    expect(org.patchSizes).toEqual([]);
    // An expired lease is taken over.
    const later = await applyWritePlan(plan, mapping, { ...deps(), now: () => Date.now() + 120_000 });
    expect(later.succeeded).toBe(3);
  });
});
