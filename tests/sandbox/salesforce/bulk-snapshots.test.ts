import type { Connection } from 'jsforce';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, connect, makeAccounts, startSim, type Running } from './helpers.ts';

const row = (i: number, week: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Snapshot_Key__c: `${accountId(i)}-${week}`,
  Account__c: accountId(i),
  Week__c: week,
  Week_Start__c: '2026-11-23',
  Score__c: 72.34,
  Status__c: 'green',
  Scorecard_Version__c: 'v1+abc123',
  Rebuilt__c: 'true',
  ...extra,
});

describe('Salesforce simulator: Health_Snapshot__c with Bulk API 2.0 upsert and delete', () => {
  let run: Running;
  let conn: Connection;
  beforeEach(async () => {
    run = await startSim({ accounts: makeAccounts(5), bulkStepMs: 5 });
    conn = await connect(run);
    conn.bulk2.pollInterval = 10;
    conn.bulk2.pollTimeout = 10_000;
  });
  afterEach(async () => {
    await run.close();
  });

  it('describes the object: master-detail to Account, a unique External ID, an auto-number Name', async () => {
    const d = await conn.describe('Health_Snapshot__c');
    const f = Object.fromEntries(d.fields.map((x) => [x.name, x]));
    expect(d).toMatchObject({ name: 'Health_Snapshot__c', custom: true, keyPrefix: 'a0H' });
    expect(f['Account__c']).toMatchObject({
      type: 'reference',
      referenceTo: ['Account'],
      relationshipOrder: 0,
      cascadeDelete: true,
      nillable: false,
      updateable: false,
    });
    expect(f['Snapshot_Key__c']).toMatchObject({
      type: 'string',
      length: 40,
      externalId: true,
      unique: true,
    });
    expect(f['Score__c']).toMatchObject({ type: 'double', precision: 5, scale: 1 });
    expect(f['Status__c']!.picklistValues!.map((p): unknown => p.value)).toEqual([
      'green',
      'yellow',
      'red',
      'insufficient_data',
    ]);
    expect(f['Name']).toMatchObject({ autoNumber: true, createable: false });
  });

  it('upserts on Snapshot_Key__c: creates, then updates the same rows; bad picklist and missing parent fail per row', async () => {
    const input = [row(1, '2026-W48'), row(2, '2026-W48'), row(3, '2026-W48', { Status__c: 'purple' })];
    input.push(row(4, '2026-W48', { Account__c: '001000000000099AAA', Snapshot_Key__c: 'orphan-2026-W48' }));
    const first = await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Snapshot_Key__c',
      input,
    });
    expect(first.successfulResults.map((r) => r['sf__Created'])).toEqual(['true', 'true']);
    expect(first.failedResults.map((r) => r['sf__Error'])).toEqual([
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted picklist field: purple:Status__c --',
      'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:Account__c --',
    ]);
    const again = await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Snapshot_Key__c',
      input: [row(1, '2026-W48', { Score__c: 40 }), row(2, '2026-W48')],
    });
    expect(again.successfulResults.map((r) => r['sf__Created'])).toEqual(['false', 'false']);
    expect(again.successfulResults[0]!['sf__Id']).toBe(first.successfulResults[0]!['sf__Id']);
    const rows = [...run.sim.state.snapshots.values()];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ Score__c: 40, Rebuilt__c: true, Week_Start__c: '2026-11-23' });

    const q = await conn.query(
      'SELECT Id, Snapshot_Key__c, Week_Start__c FROM Health_Snapshot__c WHERE Week_Start__c < 2026-11-30',
    );
    expect(q.totalSize).toBe(2);
  });

  it('refuses an upsert job without an External ID field, and a key given twice fails both rows', async () => {
    const job = conn.bulk2.createJob({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Week__c',
    });
    await expect(job.open()).rejects.toMatchObject({ errorCode: 'INVALIDJOB' });
    const dup = await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Snapshot_Key__c',
      input: [row(1, '2026-W48'), row(1, '2026-W48')],
    });
    expect(dup.failedResults.map((r) => r['sf__Error'])).toEqual([
      `DUPLICATE_VALUE:Duplicate external id specified: ${accountId(1)}-2026-W48:Snapshot_Key__c --`,
      `DUPLICATE_VALUE:Duplicate external id specified: ${accountId(1)}-2026-W48:Snapshot_Key__c --`,
    ]);
  });

  it('deletes by Id into the Recycle Bin; a deleted or unknown Id fails its row', async () => {
    const made = await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Snapshot_Key__c',
      input: [row(1, '2026-W47'), row(2, '2026-W47')],
    });
    const ids = made.successfulResults.map((r) => String(r['sf__Id'])) as [string, string];
    const del = await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'delete',
      input: [{ Id: ids[0] }, { Id: ids[0] }, { Id: 'a0H5H0000009999AAA' }],
    });
    expect(del.successfulResults).toEqual([{ sf__Id: ids[0], sf__Created: 'false', Id: ids[0] }]);
    expect(del.failedResults.map((r) => r['sf__Error'])).toEqual([
      'ENTITY_IS_DELETED:entity is deleted:--',
      'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--',
    ]);
    const q = await conn.query('SELECT Id FROM Health_Snapshot__c');
    expect(q.records.map((r) => r.Id)).toEqual([ids[1]]);
  });

  it('deleting an Account takes its snapshots to the Recycle Bin (master-detail)', async () => {
    await conn.bulk2.loadAndWaitForResults({
      object: 'Health_Snapshot__c',
      operation: 'upsert',
      externalIdFieldName: 'Snapshot_Key__c',
      input: [row(1, '2026-W47'), row(2, '2026-W47')],
    });
    await conn.sobject('Account').destroy(accountId(1));
    const q = await conn.query('SELECT Account__c FROM Health_Snapshot__c');
    expect(q.records.map((r): unknown => r['Account__c'])).toEqual([accountId(2)]);
  });
});
