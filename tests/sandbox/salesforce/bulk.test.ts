import type { Connection } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, admin, API_VERSION, connect, makeAccounts, startSim, type Running } from './helpers.ts';

describe('Salesforce simulator: Bulk API 2.0 ingest with jsforce', () => {
  let run: Running;
  let conn: Connection;
  beforeEach(async () => {
    run = await startSim({ accounts: makeAccounts(3000), bulkStepMs: 5 });
    conn = await connect(run);
    conn.bulk2.pollInterval = 10;
    conn.bulk2.pollTimeout = 10_000;
  });
  afterEach(async () => {
    await run.close();
  });

  it('loadAndWaitForResults updates 2,500 accounts and reports successful and failed rows', async () => {
    const input = Array.from({ length: 2500 }, (_, i) => ({
      Id: accountId(i + 1),
      Health_Score__c: i === 10 ? 'not a number' : 50 + (i % 50),
      Health_Status__c: i === 20 ? 'purple' : 'green',
      Health_Drivers__c: 'CSAT 71% (target 90%); repeat contacts, 3 in 7 days',
    }));
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'update', input });
    expect(results.successfulResults).toHaveLength(2498);
    expect(results.failedResults).toHaveLength(2);
    expect(results.unprocessedRecords).toEqual([]);
    expect(results.successfulResults[0]).toEqual({
      sf__Id: accountId(1),
      sf__Created: 'false',
      Id: accountId(1),
      Health_Score__c: '50',
      Health_Status__c: 'green',
      Health_Drivers__c: 'CSAT 71% (target 90%); repeat contacts, 3 in 7 days',
    });
    const failed = Object.fromEntries(results.failedResults.map((r) => [r['sf__Id'], r['sf__Error']]));
    expect(failed[accountId(11)]).toBe(
      'INVALID_TYPE_ON_FIELD_IN_RECORD:Health Score: value not of required type: not a number:Health_Score__c --',
    );
    expect(failed[accountId(21)]).toBe(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Health Status: bad value for restricted picklist field: purple:Health_Status__c --',
    );
    expect(run.sim.state.accounts.get(accountId(2500))).toMatchObject({
      Health_Score__c: 99,
      Health_Status__c: 'green',
    });
    expect(run.sim.state.accounts.get(accountId(11))!['Health_Score__c']).toBeNull();
    expect(run.sim.state.stats.requests).toMatchObject({
      'bulk.create': 1,
      'bulk.upload': 1,
      'bulk.state': 1,
      'bulk.results': 3,
    });
  });

  it('reports job info as Salesforce sends it: apiVersion a number, concurrencyMode Parallel, counts when complete', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
    const opened = await job.open();
    expect(opened).toMatchObject({
      state: 'Open',
      apiVersion: 64,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(opened.contentUrl).toBe(`services/data/v${API_VERSION}/jobs/ingest/${job.id}/batches`);
    expect(job.id).toMatch(/^750[A-Za-z0-9]{15}$/);
    await job.uploadData(`Id,Health_Status__c\n${accountId(1)},red\n${accountId(2)},#N/A\n`);
    await job.close();
    expect(job.getInfo().state).toBe('UploadComplete');
    await job.poll(10, 5000);
    const info = await job.check();
    expect(info).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0,
      retries: 0,
    });
    expect(typeof info.apiVersion).toBe('number');
    expect(run.sim.state.accounts.get(accountId(1))!['Health_Status__c']).toBe('red');
    expect(run.sim.state.accounts.get(accountId(2))!['Health_Status__c']).toBeNull();
    await job.delete();
    expect(run.sim.state.jobs.has(job.id)).toBe(false);
  });

  it('fails the whole job for an unknown column or a CRLF file declared LF, leaving rows unprocessed', async () => {
    const unknown = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
    await unknown.open();
    await unknown.uploadData(`Id,Nope__c\n${accountId(1)},x\n`);
    await unknown.close();
    await expect(unknown.poll(10, 5000)).rejects.toThrow(
      'Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c',
    );
    expect(await unknown.getUnprocessedRecords()).toEqual([{ Id: accountId(1), Nope__c: 'x' }]);

    const crlf = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
    await crlf.open();
    await crlf.uploadData(`Id,Health_Status__c\r\n${accountId(1)},red\r\n`);
    await crlf.close();
    await expect(crlf.poll(10, 5000)).rejects.toThrow(
      'LineEnding is invalid on user data. Current LineEnding setting is LF',
    );
  });

  it('accepts CRLF data for a CRLF job and aborts an open job', async () => {
    const crlf = conn.bulk2.createJob({ object: 'Account', operation: 'update', lineEnding: 'CRLF' });
    await crlf.open();
    await crlf.uploadData(`Id,Health_Status__c\r\n${accountId(3)},yellow\r\n`);
    await crlf.close();
    await crlf.poll(10, 5000);
    expect(run.sim.state.accounts.get(accountId(3))!['Health_Status__c']).toBe('yellow');

    const aborted = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
    await aborted.open();
    await aborted.uploadData(`Id,Health_Status__c\n${accountId(4)},red\n`);
    await aborted.abort();
    expect((await aborted.check()).state).toBe('Aborted');
    expect(run.sim.state.accounts.get(accountId(4))!['Health_Status__c']).toBeNull();
  });

  it('answers a job that does not exist with 404 and a late upload with 409 INVALIDJOBSTATE', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'update' });
    await job.open();
    await job.uploadData(`Id,Health_Status__c\n${accountId(1)},red\n`);
    await job.close();
    const late = await fetch(`${run.url}/services/data/v${API_VERSION}/jobs/ingest/${job.id}/batches`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'text/csv' },
      body: 'Id\n',
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALIDJOBSTATE');
    const missing = await fetch(`${run.url}/services/data/v${API_VERSION}/jobs/ingest/750000000000000AAA`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(missing.status).toBe(404);
    expect((await admin(run, 'GET', '/state')).json).toMatchObject({
      jobs: [expect.objectContaining({ id: job.id })],
    });
  });
});
