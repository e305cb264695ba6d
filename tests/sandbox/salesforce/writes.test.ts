import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  accountId,
  admin,
  API_VERSION,
  connect,
  makeAccounts,
  startSim,
  USERS,
  type Running,
  refusal,
} from './helpers.ts';

type SaveResult = {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
};

describe('Salesforce simulator: writes with jsforce (checked against vendor docs shape)', () => {
  let run: Running;
  let clock: number;
  beforeEach(async () => {
    clock = Date.UTC(2025, 6, 1, 8);
    run = await startSim({ now: () => clock, accounts: makeAccounts(300) });
  });
  afterEach(async () => {
    await run.close();
  });

  it('updates through /composite/sobjects with one result per record, in order, and bumps SystemModstamp', async () => {
    const conn = await connect(run);
    clock += 5000;
    const results = (await conn.sobject('Account').update(
      [
        {
          Id: accountId(1),
          Health_Score__c: 72.34,
          Health_Status__c: 'yellow',
          Health_Computed_At__c: '2025-07-01T08:00:00Z',
          Health_CSAT__c: 71.5,
        },
        { Id: accountId(2), Health_Status__c: 'purple' },
        { Id: accountId(3), Health_Drivers__c: 'x'.repeat(1001) },
        { Id: accountId(4), CreatedDate: '2020-01-01T00:00:00Z' },
        { Id: accountId(5), Nope__c: 1 },
        { Id: accountId(6), Health_Score__c: 100000 },
      ],
      { allOrNone: false },
    )) as SaveResult[];
    expect(results.map((r) => [r.id, r.success])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [accountId(n), n === 1]),
    );
    expect(results[1]!.errors).toEqual([
      {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Health Status: bad value for restricted picklist field: purple',
        fields: ['Health_Status__c'],
      },
    ]);
    expect(results[2]!.errors[0]).toMatchObject({
      statusCode: 'STRING_TOO_LONG',
      fields: ['Health_Drivers__c'],
    });
    expect(results[2]!.errors[0]!.message).toMatch(
      /^Health Drivers: data value too large: x+ \(max length=1000\)$/,
    );
    expect(results[3]!.errors[0]).toMatchObject({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['CreatedDate'],
    });
    expect(results[4]!.errors[0]).toEqual({
      statusCode: 'INVALID_FIELD',
      message: "No such column 'Nope__c' on sobject of type Account",
      fields: [],
    });
    expect(results[5]!.errors[0]).toMatchObject({
      statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      fields: ['Health_Score__c'],
    });

    const saved = run.sim.state.accounts.get(accountId(1))!;
    // Salesforce rounds to the field's scale: 72.34 in a (5,1) field is stored as 72.3.
    expect(saved).toMatchObject({
      Health_Score__c: 72.3,
      Health_Status__c: 'yellow',
      Health_Computed_At__c: '2025-07-01T08:00:00.000+0000',
      Health_CSAT__c: 71.5,
    });
    expect(saved['SystemModstamp']).toBe('2025-07-01T08:00:05.000+0000');
    expect(saved['LastModifiedById']).toBe(run.sim.integrationUser.Id);
    expect(run.sim.state.accounts.get(accountId(2))!['SystemModstamp']).toBe('2025-01-01T10:00:00.000+0000');
    const back = await conn.query<{ Health_Score__c: number }>(
      `SELECT Health_Score__c FROM Account WHERE Id = '${accountId(1)}'`,
    );
    expect(back.records[0]!.Health_Score__c).toBe(72.3);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const conn = await connect(run);
    const results = (await conn.sobject('Account').update(
      [
        { Id: accountId(1), Health_Score__c: 50 },
        { Id: accountId(2), Health_Status__c: 'purple' },
      ],
      { allOrNone: true },
    )) as SaveResult[];
    expect(results[0]).toEqual({
      id: accountId(1),
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message:
            'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    expect(results[1]!.errors[0]!.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(run.sim.state.accounts.get(accountId(1))!['Health_Score__c']).toBeNull();
  });

  it('refuses more than 200 records in a collection (400 EXCEEDED_ID_LIMIT) and a wrongly typed JSON value (JSON_PARSER_ERROR)', async () => {
    const conn = await connect(run);
    const tooMany = await fetch(`${run.url}/services/data/v${API_VERSION}/composite/sobjects`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        records: makeAccounts(201).map((a) => ({
          attributes: { type: 'Account' },
          id: a['Id'],
          Health_Score__c: 1,
        })),
      }),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual([
      {
        message: 'record limit reached. cannot submit more than 200 records into this call',
        errorCode: 'EXCEEDED_ID_LIMIT',
      },
    ]);
    const wrongType = await refusal(
      conn.sobject('Account').update([{ Id: accountId(1), Health_Score__c: 'high' }], { allOrNone: false }),
    );
    expect(wrongType?.errorCode).toBe('JSON_PARSER_ERROR');
    expect(wrongType?.message).toContain(
      'Cannot deserialize instance of double from VALUE_STRING value high',
    );
  });

  it('answers 204 to a single-record PATCH and 400 with fields to a refused one', async () => {
    const conn = await connect(run);
    const ok = await conn.sobject('Account').update({ Id: accountId(7), Health_Status__c: 'red' });
    expect(ok).toEqual({ id: accountId(7), success: true, errors: [] });
    const res = await fetch(`${run.url}/services/data/v${API_VERSION}/sobjects/Account/${accountId(7)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Health_Scorecard_Version__c: 'v'.repeat(41) }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errorCode: string; fields: string[] }[];
    expect(body[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Health_Scorecard_Version__c'] });
    expect(run.sim.state.accounts.get(accountId(7))!['Health_Status__c']).toBe('red');
    const missing = await fetch(
      `${run.url}/services/data/v${API_VERSION}/sobjects/Account/001000000000000AAA`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });

  it('creates a Task (201 {id, success, errors}) that SOQL finds by WhatId and Subject', async () => {
    const conn = await connect(run);
    const created = await conn.sobject('Task').create({
      Subject: '[Health] Acme dropped to red',
      Description: 'CSAT 71% (target 90%)',
      OwnerId: USERS[1]!.Id,
      WhatId: accountId(9),
      Priority: 'High',
      ActivityDate: '2025-07-03',
    });
    expect(created).toEqual({ id: expect.stringMatching(/^00T[A-Za-z0-9]{15}$/), success: true, errors: [] });
    const found = await conn.query<Record<string, unknown>>(
      `SELECT Id, Subject, WhatId, OwnerId, Description, Status, Priority, CreatedDate FROM Task WHERE WhatId = '${accountId(9)}' AND Subject LIKE '[Health]%'`,
    );
    expect(found.totalSize).toBe(1);
    expect(found.records[0]).toMatchObject({
      Id: (created as { id: string }).id,
      WhatId: accountId(9),
      OwnerId: USERS[1]!.Id,
      Status: 'Not Started',
      Priority: 'High',
      CreatedDate: '2025-07-01T08:00:00.000+0000',
    });
    expect(run.sim.state.stats.tasksCreated).toBe(1);
  });

  it('refuses a Task for an inactive owner or an unknown account, as the org would', async () => {
    const conn = await connect(run);
    const inactive = await refusal(
      conn.sobject('Task').create({ Subject: 's', OwnerId: USERS[2]!.Id, WhatId: accountId(1) }),
    );
    expect(inactive?.errorCode).toBe('INACTIVE_OWNER_OR_USER');
    const noAccount = await refusal(
      conn.sobject('Task').create({ Subject: 's', WhatId: '001000000000000AAA' }),
    );
    expect(noAccount?.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const badPriority = await refusal(
      conn.sobject('Task').create({ Subject: 's', WhatId: accountId(1), Priority: 'Urgent' }),
    );
    expect(badPriority?.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(run.sim.state.tasks.size).toBe(0);
  });

  it('creates several Tasks through POST /composite/sobjects', async () => {
    const conn = await connect(run);
    const results = (await conn.sobject('Task').create(
      [1, 2, 3].map((n) => ({ Subject: `[Health] ${n}`, WhatId: accountId(n) })),
      { allOrNone: false },
    )) as SaveResult[];
    expect(results.every((r) => r.success && r.id?.startsWith('00T'))).toBe(true);
    expect(run.sim.state.stats.requests['collections.create']).toBe(1);
  });

  it('runs Composite with up to 5 collections in one API call, with allOrNone halting the rest', async () => {
    const conn = await connect(run);
    const usedBefore = run.sim.state.usage.used;
    const collection = (from: number) => ({
      method: 'PATCH',
      url: `/services/data/v${API_VERSION}/composite/sobjects`,
      referenceId: `c${from}`,
      body: {
        allOrNone: false,
        records: Array.from({ length: 200 }, (_, i) => ({
          attributes: { type: 'Account' },
          id: accountId(from + i),
          Health_Score__c: 60,
        })),
      },
    });
    const res = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: SaveResult[]; referenceId: string }[];
    }>('/composite', {
      compositeRequest: [collection(1), { ...collection(101), referenceId: 'c101' }],
    });
    expect(res.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode, r.body.length])).toEqual([
      ['c1', 200, 200],
      ['c101', 200, 200],
    ]);
    expect(run.sim.state.usage.used - usedBefore).toBe(1);
    expect(run.sim.state.accounts.get(accountId(300))!['Health_Score__c']).toBe(60);

    const tooMany = await refusal(
      conn.requestPost('/composite', {
        compositeRequest: [1, 2, 3, 4, 5, 6].map((n) => ({ ...collection(1), referenceId: `r${n}` })),
      }),
    );
    expect(tooMany?.errorCode).toBe('INVALID_BATCH_REQUEST');

    const halted = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[];
    }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(1)}`,
          referenceId: 'ok',
          body: { Health_Score__c: 10 },
        },
        {
          method: 'PATCH',
          url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(2)}`,
          referenceId: 'bad',
          body: { Health_Status__c: 'purple' },
        },
        {
          method: 'PATCH',
          url: `/services/data/v${API_VERSION}/sobjects/Account/${accountId(3)}`,
          referenceId: 'after',
          body: { Health_Score__c: 10 },
        },
      ],
    });
    expect(halted.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 400]);
    expect(halted.compositeResponse[0]!.body[0]!.errorCode).toBe('PROCESSING_HALTED');
    expect(run.sim.state.accounts.get(accountId(1))!['Health_Score__c']).toBe(60);
  });

  it('counts write requests per endpoint in /__sandbox/stats', async () => {
    const conn = await connect(run);
    await conn.sobject('Account').update([{ Id: accountId(1), Health_Score__c: 1 }], { allOrNone: false });
    await conn.sobject('Account').update({ Id: accountId(2), Health_Score__c: 2 });
    await conn.sobject('Task').create({ Subject: 'x', WhatId: accountId(1) });
    const stats = (await admin(run, 'GET', '/stats')).json as {
      writeRequests: number;
      requests: Record<string, number>;
      recordsUpdated: number;
    };
    expect(stats.writeRequests).toBe(3);
    expect(stats.requests).toMatchObject({
      'collections.update': 1,
      'sobject.update': 1,
      'sobject.create': 1,
    });
    expect(stats.recordsUpdated).toBe(2);
  });
});
