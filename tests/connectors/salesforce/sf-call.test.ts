import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce, type SalesforceSession } from '../../../connectors/salesforce/auth.ts';
import { describeFields } from '../../../connectors/salesforce/describe.ts';
import { queryPages } from '../../../connectors/salesforce/query-pages.ts';
import { updateBulk } from '../../../connectors/salesforce/write-bulk.ts';
import { createCollection, updateCollection } from '../../../connectors/salesforce/write-collections.ts';
import type { SalesforceEnv } from '../../../connectors/salesforce/index.ts';
import { SourceError } from '../../../src/errors.ts';
import { accountId, admin, API_VERSION, startSim, type Running } from '../../sandbox/salesforce/helpers.ts';

/**
 * Every jsforce call the connector makes goes through `sfCall`: the shared retry policy decides,
 * jsforce's own retry is off, and the session's meter (the run record's counters) sees each
 * request and each retry once. Against the simulator, with its scripted faults.
 */
describe('Salesforce calls under the shared retry policy', () => {
  let run: Running;
  let session: SalesforceSession;
  const waits: number[] = [];

  beforeEach(async () => {
    run = await startSim();
    waits.length = 0;
    const env: SalesforceEnv = {
      loginUrl: run.url,
      apiVersion: API_VERSION,
      auth: { type: 'client_credentials', clientId: run.sim.clientId, clientSecret: run.sim.clientSecret },
    };
    session = await connectSalesforce(env, {
      retry: { random: () => 0.5 },
      clock: {
        now: () => Date.now(),
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      },
    });
  });
  afterEach(async () => {
    await run.close();
  });

  const faults = (scripted: unknown[]) => admin(run, 'POST', '/faults', { scripted });
  const requests = (endpoint: string): number => run.sim.state.stats.requests[endpoint] ?? 0;

  it('retries a query page through a reset connection and two 503s, counting three retries and four requests', async () => {
    await faults([
      { endpoint: 'query', kind: 'reset' },
      { endpoint: 'query', kind: 'status', status: 503, times: 2 },
    ]);
    const pages = [];
    for await (const page of queryPages(session, 'SELECT Id FROM Account')) pages.push(page);
    expect(pages.map((p) => p.records.length)).toEqual([10]);
    expect(requests('query')).toBe(4);
    expect(session.meter.counters()).toMatchObject({ requests: 4, retries: 3, rateLimited: 0, errors: 0 });
    // The policy's capped exponential backoff (full jitter at 0.5): 0.5 s, 1 s, 2 s.
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('gives up after the policy’s five attempts with a SourceError naming the endpoint', async () => {
    await faults([{ endpoint: 'describe', kind: 'status', status: 500, times: 10 }]);
    const err = await describeFields(session).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toContain('GET /sobjects/Account/describe');
    expect(requests('describe')).toBe(5);
    expect(session.meter.counters()).toMatchObject({ requests: 5, retries: 4, rateLimited: 0, errors: 1 });
  });

  it('sends an update again after a 502, but never a create after a 503 (its Task may exist)', async () => {
    await faults([
      { endpoint: 'collections.update', kind: 'status', status: 502 },
      { endpoint: 'collections.create', kind: 'status', status: 503 },
    ]);
    const updated = await updateCollection(session, 'Account', [
      { id: accountId(1), fields: { Health_Score__c: 42 } },
    ]);
    expect(updated).toEqual([{ id: accountId(1), success: true, errors: [] }]);
    expect(requests('collections.update')).toBe(2);

    const refused = await createCollection(session, 'Task', [{ WhatId: accountId(1), Subject: 'x' }]).catch(
      (e: unknown) => e,
    );
    expect((refused as SourceError).message).toContain('POST /composite/sobjects');
    expect(requests('collections.create')).toBe(1);
    expect(session.meter.counters()).toMatchObject({ retries: 1, errors: 1 });
  });

  it('retries each Bulk API 2.0 step that may be repeated: an upload through a reset, a poll through a 503', async () => {
    await faults([
      { endpoint: 'bulk.upload', kind: 'reset' },
      { endpoint: 'bulk.info', kind: 'status', status: 503 },
    ]);
    const { outcomes } = await updateBulk(
      session,
      'Account',
      [1, 2, 3].map((n) => ({ id: accountId(n), fields: { Health_Score__c: n } })),
      { pollIntervalMs: 5 },
    );
    expect(outcomes.map((o) => o.success)).toEqual([true, true, true]);
    expect([requests('bulk.create'), requests('bulk.upload')]).toEqual([1, 2]);
    expect(session.meter.retries).toBe(2);
    expect(run.sim.state.accounts.get(accountId(3))!['Health_Score__c']).toBe(3);
  });
});
