import express from 'express';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceSim } from '../../../src/sandbox/salesforce/index.ts';
import { accountId, API_VERSION, connect, makeAccounts, USERS, type Running } from './helpers.ts';
import { BULK_SPEC, SOBJECTS_SPEC, SpecValidator, specsPresent } from './spec-validator.ts';

const HAVE_SPECS = specsPresent();
const V = '/services/data/{version}';

interface Captured {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** The simulator behind a recorder, so request shapes jsforce sends can be checked too. */
async function startRecorded(): Promise<Running & { captured: Captured[] }> {
  const sim = createSalesforceSim({ users: USERS, accounts: makeAccounts(20), bulkStepMs: 5 });
  const captured: Captured[] = [];
  const outer = express();
  outer.use(express.json({ type: ['application/json'] }));
  outer.use((req, _res, next) => {
    captured.push({
      method: req.method,
      path: req.path,
      contentType: req.get('content-type'),
      body: req.body as unknown,
    });
    next();
  });
  outer.use(sim.app);
  const server = outer.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    sim,
    url: `http://127.0.0.1:${port}`,
    captured,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function get(run: Running, conn: Connection, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${run.url}/services/data/v${API_VERSION}${path}`, {
    headers: { authorization: `Bearer ${conn.accessToken}` },
  });
  return { status: res.status, body: await res.json() };
}

describe.skipIf(!HAVE_SPECS)('Salesforce simulator contract: sObjects OpenAPI beta (v59, trimmed)', () => {
  let run: Running & { captured: Captured[] };
  let conn: Connection;
  let spec: SpecValidator;
  beforeAll(async () => {
    spec = new SpecValidator(SOBJECTS_SPEC);
    run = await startRecorded();
    conn = await connect(run);
  });
  afterAll(async () => {
    await run.close();
  });

  it('serves paths the spec declares, under a version segment its pattern accepts', () => {
    expect(spec.hasOperation(`${V}/sobjects/{sObject}/describe`, 'get')).toBe(true);
    expect(spec.hasOperation(`${V}/sobjects`, 'get')).toBe(true);
    for (const m of ['get', 'patch', 'delete'])
      expect(spec.hasOperation(`${V}/sobjects/Account/{id}`, m)).toBe(true);
    expect(`v${API_VERSION}`).toMatch(/^v[0-9]+\.[0-9]$/);
  });

  it('answers Account and Task describe with only properties the spec declares (plus defaultValue), null where Salesforce sends null', async () => {
    const validate = spec.responseValidator(`${V}/sobjects/{sObject}/describe`, 'get', 200, {
      nullable: true,
      closed: { allow: ['defaultValue'] },
    });
    for (const object of ['Account', 'Task', 'User']) {
      const { status, body } = await get(run, conn, `/sobjects/${object}/describe`);
      expect(status).toBe(200);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('describes the health-sync custom fields as the org defines them', async () => {
    const describe = await conn.sobject('Account').describe();
    const field = (name: string) => describe.fields.find((f) => f.name === name)!;
    expect(field('Health_Score__c')).toMatchObject({
      type: 'double',
      precision: 5,
      scale: 1,
      updateable: true,
      custom: true,
      nillable: true,
    });
    expect(field('Health_Status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect((field('Health_Status__c').picklistValues ?? []).map((p: { value: string }) => p.value)).toEqual([
      'green',
      'yellow',
      'red',
      'insufficient_data',
    ]);
    expect(field('Health_Drivers__c')).toMatchObject({ type: 'textarea', length: 1000, filterable: false });
    expect(field('Health_Scorecard_Version__c')).toMatchObject({ type: 'string', length: 40 });
    expect(field('Health_Computed_At__c')).toMatchObject({ type: 'datetime', soapType: 'xsd:dateTime' });
    expect(field('Health_CSAT__c')).toMatchObject({ type: 'percent', precision: 5, scale: 2 });
    expect(field('Health_Trend_30d__c')).toMatchObject({ type: 'double' });
    expect(field('Tier__c')).toMatchObject({ type: 'picklist', restrictedPicklist: false });
    expect(field('Renewal_Date__c')).toMatchObject({ type: 'date' });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', updateable: false, createable: false });
    expect(field('Id')).toMatchObject({ type: 'id', length: 18 });
  });

  it('answers describeGlobal in the DescribeGlobalResult shape', async () => {
    const validate = spec.responseValidator(`${V}/sobjects`, 'get', 200, {
      nullable: true,
      closed: { allow: [] },
    });
    const { body } = await get(run, conn, '/sobjects');
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect((body as { sobjects: { name: string }[] }).sobjects.map((s) => s.name)).toEqual([
      'Account',
      'Task',
      'User',
      'Health_Snapshot__c',
    ]);
  });

  it('answers an Account record in the AccountSObject shape (nulls allowed, Salesforce datetimes)', async () => {
    const validate = spec.responseValidator(`${V}/sobjects/Account/{id}`, 'get', 200, { nullable: true });
    const { status, body } = await get(run, conn, `/sobjects/Account/${accountId(1)}`);
    expect(status).toBe(200);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body).toMatchObject({
      attributes: { type: 'Account', url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(1)}` },
      Id: accountId(1),
      IsDeleted: false,
    });
    const picked = await get(run, conn, `/sobjects/Account/${accountId(1)}?fields=Name,Tier__c`);
    expect(Object.keys(picked.body as object)).toEqual(['attributes', 'Name', 'Tier__c']);
  });

  it('answers a created record with a SaveResult and errors with ErrorInfo / RestApiError arrays', async () => {
    const created = await fetch(`${run.url}/services/data/v${API_VERSION}/sobjects/Account`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'New Co', Tier__c: 'SMB' }),
    });
    expect(created.status).toBe(201);
    const saveResult = spec.responseValidator(`${V}/sobjects/Account`, 'post', 201);
    expect(saveResult(await created.json()), JSON.stringify(saveResult.errors)).toBe(true);

    const refused = await fetch(`${run.url}/services/data/v${API_VERSION}/sobjects/Account/${accountId(2)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: null }),
    });
    expect(refused.status).toBe(400);
    const errorInfo = spec.responseValidator(`${V}/sobjects/Account/{id}`, 'patch', 400, {
      closed: { allow: [] },
    });
    const refusedBody = await refused.json();
    expect(errorInfo(refusedBody), JSON.stringify(errorInfo.errors)).toBe(true);
    expect(refusedBody).toEqual([
      {
        message: 'Required fields are missing: [Name]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name'],
      },
    ]);

    const missing = await get(run, conn, '/sobjects/Nope__c/describe');
    expect(missing.status).toBe(404);
    const restApiError = spec.responseValidator(`${V}/sobjects/{sObject}/describe`, 'get', 404, {
      closed: { allow: [] },
    });
    expect(restApiError(missing.body), JSON.stringify(restApiError.errors)).toBe(true);

    const expired = await fetch(`${run.url}/services/data/v${API_VERSION}/sobjects/Account/describe`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(expired.status).toBe(401);
    const unauthorized = spec.responseValidator(`${V}/sobjects/{sObject}/describe`, 'get', 401, {
      closed: { allow: [] },
    });
    expect(unauthorized(await expired.json()), JSON.stringify(unauthorized.errors)).toBe(true);
  });
});

describe.skipIf(!HAVE_SPECS)(
  'Salesforce simulator contract: Bulk API 2.0 request shapes (community spec)',
  () => {
    let run: Running & { captured: Captured[] };
    let spec: SpecValidator;
    beforeAll(async () => {
      spec = new SpecValidator(BULK_SPEC);
      run = await startRecorded();
      const conn = await connect(run);
      conn.bulk2.pollInterval = 10;
      await conn.bulk2.loadAndWaitForResults({
        object: 'Account',
        operation: 'update',
        input: [{ Id: accountId(1), Health_Status__c: 'green' }],
      });
    });
    afterAll(async () => {
      await run.close();
    });

    const find = (method: string, pattern: RegExp): Captured => {
      const hit = run.captured.find((c) => c.method === method && pattern.test(c.path));
      if (!hit) throw new Error(`jsforce sent no ${method} ${String(pattern)}`);
      return hit;
    };

    it('receives create-job, upload and upload-complete requests in the shapes the spec describes', () => {
      const create = find('POST', /\/jobs\/ingest$/);
      const validateJob = spec.requestValidator('/jobs/ingest', 'post');
      expect(validateJob(create.body), JSON.stringify(validateJob.errors)).toBe(true);
      expect(create.body).toMatchObject({ object: 'Account', operation: 'update' });

      const upload = find('PUT', /\/jobs\/ingest\/[^/]+\/batches$/);
      expect(upload.contentType).toBe('text/csv');
      expect(spec.hasOperation('/jobs/ingest/{jobId}/batches', 'put')).toBe(true);

      const close = find('PATCH', /\/jobs\/ingest\/[^/]+$/);
      // The community spec writes this path with a trailing slash; Salesforce and jsforce use none.
      const validateClose = spec.requestValidator('/jobs/ingest/{jobId}/', 'patch');
      expect(validateClose(close.body), JSON.stringify(validateClose.errors)).toBe(true);
      expect(close.body).toEqual({ state: 'UploadComplete' });
    });

    it('answers job info with the fields of the spec examples, apiVersion as a number and concurrencyMode Parallel', async () => {
      const conn = await connect(run);
      const job = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
      const opened = await job.open();
      const example = spec.example('createJobResponse') as Record<string, unknown>;
      expect(Object.keys(opened).sort()).toEqual(Object.keys(example).sort());
      expect(typeof opened.apiVersion).toBe('number');
      expect(example['apiVersion']).toBe(58);
      await job.uploadData(`Id,Health_Status__c\n${accountId(2)},red\n`);
      await job.close();
      await job.poll(10, 5000);
      const info = await job.check();
      const complete = spec.example('createJobResponseJobComplete') as Record<string, unknown>;
      expect(Object.keys(info).sort()).toEqual(Object.keys(complete).sort());
      expect(info.concurrencyMode).toBe('Parallel');
    });

    it('answers results as CSV led by sf__Id and sf__Created / sf__Error, like the spec examples', async () => {
      const conn = await connect(run);
      const job = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
      await job.open();
      await job.uploadData(`Id,Health_Status__c\n${accountId(3)},green\n${accountId(4)},purple\n`);
      await job.close();
      await job.poll(10, 5000);
      const success = String(await job.getSuccessfulResults(true));
      const failed = String(await job.getFailedResults(true));
      const successHeader = (spec.example('sampleCsvSuccess') as string).split('\n')[0]!;
      const errorHeader = (spec.example('sampleCsvError') as string).split('\n')[0]!;
      expect(successHeader.startsWith('"sf__Id","sf__Created"')).toBe(true);
      expect(errorHeader.startsWith('"sf__Id","sf__Error"')).toBe(true);
      expect(success.split('\n')[0]).toBe('"sf__Id","sf__Created","Id","Health_Status__c"');
      expect(failed.split('\n')[0]).toBe('"sf__Id","sf__Error","Id","Health_Status__c"');
      expect(failed).toContain(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Health Status: bad value for restricted picklist field: purple:Health_Status__c --',
      );
    });
  },
);

describe('Salesforce simulator contract: endpoints with no published spec', () => {
  let run: Running & { captured: Captured[] };
  let conn: Connection;
  beforeAll(async () => {
    run = await startRecorded();
    conn = await connect(run);
  });
  afterAll(async () => {
    await run.close();
  });

  it('query answers {totalSize, done, records[attributes…]} (checked against vendor docs shape)', async () => {
    const { body } = await get(
      run,
      conn,
      `/query?q=${encodeURIComponent('SELECT Id, Name FROM Account LIMIT 2')}`,
    );
    expect(Object.keys(body as object)).toEqual(['totalSize', 'done', 'records']);
    const record = (body as { records: Record<string, unknown>[] }).records[0]!;
    expect(Object.keys(record)).toEqual(['attributes', 'Id', 'Name']);
    expect(record['attributes']).toEqual({
      type: 'Account',
      url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(1)}`,
    });
  });

  it('composite/sobjects answers one {id, success, errors} per record (checked against vendor docs shape)', async () => {
    const results = await conn.requestPatch<Record<string, unknown>[]>('/composite/sobjects', {
      allOrNone: false,
      records: [{ attributes: { type: 'Account' }, id: accountId(1), Health_Score__c: 80 }],
    });
    expect(results).toEqual([{ id: accountId(1), success: true, errors: [] }]);
  });

  it('limits answers {Name: {Max, Remaining}} and the versions list {label, url, version} (checked against vendor docs shape)', async () => {
    const { body } = await get(run, conn, '/limits');
    expect((body as Record<string, unknown>)['DailyApiRequests']).toEqual({
      Max: 100_000,
      Remaining: expect.any(Number),
    });
    const versions = (await (await fetch(`${run.url}/services/data/`)).json()) as {
      label: string;
      url: string;
      version: string;
    }[];
    expect(versions.find((v) => v.version === '59.0')).toEqual({
      label: "Winter '24",
      url: '/services/data/v59.0',
      version: '59.0',
    });
    expect(versions.find((v) => v.version === '64.0')?.label).toBe("Summer '25");
    const unsupported = await fetch(`${run.url}/services/data/v99.0/limits`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(unsupported.status).toBe(404);
  });
});
