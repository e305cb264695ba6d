import { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../src/sandbox/salesforce/faults.ts';
import { classifyEndpoint } from '../../../src/sandbox/salesforce/http/classify.ts';
import {
  accountId,
  admin,
  API_VERSION,
  connect,
  makeAccounts,
  startSim,
  type Running,
  refusal,
} from './helpers.ts';

type SaveResult = { id: string; success: boolean; errors: { statusCode: string; message: string }[] };

describe('Salesforce simulator: daily API allocation (checked against vendor docs shape)', () => {
  let run: Running;
  afterEach(async () => {
    await run.close();
  });

  it('sends Sforce-Limit-Info on every API answer and jsforce reads it into limitInfo', async () => {
    run = await startSim({ dailyApiLimit: 15_000, apiUsed: 100 });
    const conn = await connect(run);
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 101, limit: 15_000 } });
    await conn.sobject('Account').describe();
    expect(conn.limitInfo.apiUsage).toEqual({ used: 102, limit: 15_000 });
    const limits = await conn.request<Record<string, { Max: number; Remaining: number }>>('/limits');
    expect(limits['DailyApiRequests']).toEqual({ Max: 15_000, Remaining: 15_000 - 103 });
    expect(limits['DailyBulkV2QueryJobs']).toEqual({ Max: 10000, Remaining: 10000 });
    expect(
      Object.values(limits).every((l) => typeof l.Max === 'number' && typeof l.Remaining === 'number'),
    ).toBe(true);
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent, and recovers when a test lowers usage', async () => {
    run = await startSim({ dailyApiLimit: 1000 });
    const conn = await connect(run);
    await admin(run, 'POST', '/api-usage', { used: 999 });
    await conn.query('SELECT Id FROM Account');
    const res = await fetch(`${run.url}/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Account`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=1000/1000');
    expect(await res.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    const viaJsforce = await refusal(
      conn.sobject('Account').update([{ Id: accountId(1), Health_Score__c: 1 }], { allOrNone: false }),
    );
    expect(viaJsforce?.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(run.sim.state.accounts.get(accountId(1))!['Health_Score__c']).toBeNull();
    await admin(run, 'POST', '/api-usage', { used: 0 });
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(10);
  });
});

describe('Salesforce simulator: faults', () => {
  let run: Running;
  afterEach(async () => {
    await run.close();
  });

  it('answers scripted 500, 502 and 503 with their bodies; jsforce retries a GET through them', async () => {
    run = await startSim();
    const conn = await connect(run);
    await admin(run, 'POST', '/faults', {
      scripted: [{ endpoint: 'query', kind: 'status', status: 503, times: 1 }],
    });
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(10);
    expect(run.sim.state.stats.requests['query']).toBe(2);
    expect(run.sim.state.stats.faults.status).toBe(1);

    await admin(run, 'POST', '/faults', {
      scripted: [
        { endpoint: 'limits', kind: 'status', status: 500 },
        { endpoint: 'limits', kind: 'status', status: 502 },
        { endpoint: 'limits', kind: 'status', status: 503 },
      ],
    });
    const get = () =>
      fetch(`${run.url}/services/data/v${API_VERSION}/limits`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
    const r500 = await get();
    expect(r500.status).toBe(500);
    expect(((await r500.json()) as { errorCode: string }[])[0]!.errorCode).toBe('UNKNOWN_EXCEPTION');
    const r502 = await get();
    expect([r502.status, r502.headers.get('content-type')]).toEqual([502, 'text/html']);
    const r503 = await get();
    expect(((await r503.json()) as { errorCode: string }[])[0]!.errorCode).toBe('SERVER_UNAVAILABLE');
    expect((await get()).status).toBe(200);
  });

  it('does not retry a PATCH through a 503 (jsforce retries only idempotent methods)', async () => {
    run = await startSim();
    const conn = await connect(run);
    await admin(run, 'POST', '/faults', {
      scripted: [{ endpoint: 'collections.update', kind: 'status', status: 503 }],
    });
    const err = await refusal(
      conn.sobject('Account').update([{ Id: accountId(1), Health_Score__c: 1 }], { allOrNone: false }),
    );
    expect(err?.errorCode).toBe('SERVER_UNAVAILABLE');
    expect(run.sim.state.accounts.get(accountId(1))!['Health_Score__c']).toBeNull();
  });

  it('lets the first `after` matching requests of a scripted fault through', async () => {
    run = await startSim();
    const conn = await connect(run);
    await admin(run, 'POST', '/faults', {
      scripted: [{ endpoint: 'limits', kind: 'status', status: 500, after: 2, times: 1 }],
    });
    const get = async () =>
      (
        await fetch(`${run.url}/services/data/v${API_VERSION}/limits`, {
          headers: { authorization: `Bearer ${conn.accessToken}` },
        })
      ).status;
    expect([await get(), await get(), await get(), await get()]).toEqual([200, 200, 500, 200]);
  });

  it('resets connections and slows answers', async () => {
    run = await startSim();
    const conn = await connect(run);
    await admin(run, 'POST', '/faults', {
      scripted: [
        { endpoint: 'limits', kind: 'reset' },
        { endpoint: 'describe', kind: 'slow', delayMs: 150 },
      ],
    });
    await expect(
      fetch(`${run.url}/services/data/v${API_VERSION}/limits`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      }),
    ).rejects.toThrow();
    const started = Date.now();
    await conn.sobject('Account').describe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(run.sim.state.stats.faults).toMatchObject({ reset: 1, slow: 1 });
  });

  it('fails chosen records with UNABLE_TO_LOCK_ROW for the first K attempts, then lets them through', async () => {
    run = await startSim({ faults: { lockRow: { ids: [accountId(2)], failures: 2 } } });
    const conn = await connect(run);
    const update = async () =>
      (await conn.sobject('Account').update(
        [
          { Id: accountId(1), Health_Score__c: 10 },
          { Id: accountId(2), Health_Score__c: 20 },
        ],
        { allOrNone: false },
      )) as SaveResult[];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const results = await update();
      expect(results[0]!.success).toBe(true);
      expect(results[1]!.errors).toEqual([
        {
          statusCode: 'UNABLE_TO_LOCK_ROW',
          message: 'unable to obtain exclusive access to this record',
          fields: [],
        },
      ]);
    }
    expect((await update()).every((r) => r.success)).toBe(true);
    expect(run.sim.state.accounts.get(accountId(2))!['Health_Score__c']).toBe(20);
  });

  it('fails chosen records with FIELD_CUSTOM_VALIDATION_EXCEPTION every time, in collections and Bulk 2.0', async () => {
    run = await startSim({
      faults: { validationFailIds: [accountId(3)], validationMessage: 'Legal hold' },
      bulkStepMs: 5,
    });
    const conn = await connect(run);
    for (let i = 0; i < 2; i++) {
      const results = (await conn
        .sobject('Account')
        .update([{ Id: accountId(3), Health_Score__c: 1 }], { allOrNone: false })) as SaveResult[];
      expect(results[0]!.errors[0]).toMatchObject({
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Legal hold',
      });
    }
    conn.bulk2.pollInterval = 10;
    const bulk = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: [
        { Id: accountId(3), Health_Score__c: 5 },
        { Id: accountId(4), Health_Score__c: 5 },
      ],
    });
    expect(bulk.successfulResults.map((r) => r['sf__Id'])).toEqual([accountId(4)]);
    expect(bulk.failedResults[0]!['sf__Error']).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION:Legal hold:--');
    expect(run.sim.state.stats.faults.recordErrors).toBe(3);
  });

  it('fails whole Bulk jobs on demand', async () => {
    run = await startSim({ bulkStepMs: 5 });
    const conn = await connect(run);
    await admin(run, 'POST', '/faults', { bulkJobFailure: 'InternalServerError : retry later' });
    conn.bulk2.pollInterval = 10;
    await expect(
      conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'update',
        input: [{ Id: accountId(1), Health_Score__c: 1 }],
      }),
    ).rejects.toThrow('Ingest job failed to complete due to: InternalServerError : retry later');
  });

  it('spreads a share of transient errors deterministically by seed', () => {
    const draw = (seed: number) => {
      const plan = new FaultPlan({ seed, errorRate: 0.3, resetRate: 0.1 });
      return Array.from({ length: 200 }, () => plan.transport('query', true)?.kind ?? 'ok');
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    const errors = a.filter((k) => k === 'status').length;
    expect(errors).toBeGreaterThan(40);
    expect(errors).toBeLessThan(80);
    expect(a.filter((k) => k === 'reset').length).toBeGreaterThan(5);
  });

  it('validates faults posted at run time and clears them', async () => {
    run = await startSim();
    const bad = await admin(run, 'POST', '/faults', { errorRate: 2 });
    expect(bad.status).toBe(400);
    expect((await admin(run, 'POST', '/faults', { errorRate: 1, errorStatuses: [502] })).status).toBe(200);
    const conn = new Connection({
      loginUrl: run.url,
      version: API_VERSION,
      oauth2: { clientId: run.sim.clientId, clientSecret: run.sim.clientSecret, loginUrl: run.url },
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    await expect(conn.sobject('Account').update({ Id: accountId(1), Health_Score__c: 1 })).rejects.toThrow();
    expect((await admin(run, 'DELETE', '/faults')).status).toBe(204);
    await expect(
      conn.sobject('Account').update({ Id: accountId(1), Health_Score__c: 1 }),
    ).resolves.toMatchObject({ success: true });
  });

  it('names endpoints for faults and stats', () => {
    expect(classifyEndpoint('GET', '/query/01g5H0000000001QAA-2000')).toEqual({
      name: 'queryMore',
      params: { locator: '01g5H0000000001QAA-2000' },
    });
    expect(classifyEndpoint('PATCH', '/composite/sobjects')).toEqual({
      name: 'collections.update',
      params: {},
    });
    expect(classifyEndpoint('GET', '/jobs/ingest/750x/failedResults/').name).toBe('bulk.results');
    expect(classifyEndpoint('GET', '/sobjects/Account/describe').name).toBe('describe');
    expect(classifyEndpoint('GET', '/sobjects/Account/001000000000001AAA').name).toBe('sobject.get');
  });
});

describe('Salesforce simulator: large datasets', () => {
  it('serves 12,000 accounts to an incremental SystemModstamp read with >= and de-duplication', async () => {
    const run = await startSim({ accounts: makeAccounts(12_000) });
    try {
      const conn = await connect(run);
      const seen = new Set<string>();
      let cursor = '2000-01-01T00:00:00Z';
      for (let page = 0; page < 20; page++) {
        const res = await conn.query<{ Id: string; SystemModstamp: string }>(
          `SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= ${cursor} ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000`,
        );
        const fresh = res.records.filter((r) => !seen.has(r.Id));
        if (fresh.length === 0) break;
        fresh.forEach((r) => seen.add(r.Id));
        cursor = res.records[res.records.length - 1]!.SystemModstamp;
      }
      expect(seen.size).toBe(12_000);
    } finally {
      await run.close();
    }
  });
});

describe('Salesforce simulator: every Nth API call refused with 429', () => {
  let run: Running;
  afterEach(async () => {
    await run.close();
  });

  it('answers every third API call 429 with Retry-After (token requests are not API calls); jsforce reads it as ERROR_HTTP_429', async () => {
    run = await startSim({ faults: { rateLimitEvery: 3, rateLimitRetryAfterSeconds: 2 } });
    const conn = await connect(run);
    const url = `${run.url}/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Account`;
    const answers: [number, string | null][] = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(url, { headers: { authorization: `Bearer ${conn.accessToken}` } });
      answers.push([r.status, r.headers.get('retry-after')]);
    }
    expect(answers).toEqual([
      [200, null],
      [200, null],
      [429, '2'],
      [200, null],
      [200, null],
      [429, '2'],
    ]);
    expect(run.sim.state.stats.faults.rateLimited).toBe(2);
    // A PATCH is not retried by jsforce: the refusal reaches the caller as a passing HTTP status.
    await conn.query('SELECT Id FROM Account');
    await conn.query('SELECT Id FROM Account');
    const refused = await refusal(
      conn.sobject('Account').update([{ Id: accountId(1), Health_Score__c: 1 }], { allOrNone: false }),
    );
    expect(refused?.errorCode).toBe('ERROR_HTTP_429');
  });
});
