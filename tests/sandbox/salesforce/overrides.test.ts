import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountId, connect, makeAccounts, startSim, type Running } from './helpers.ts';

type SaveResult = { id?: string; success: boolean; errors: { statusCode: string; fields: string[] }[] };

/** A CSM's override lives on the Account: the simulator takes it on update and returns it in SOQL. */
describe('Salesforce simulator: the health override fields', () => {
  let run: Running;
  beforeEach(async () => {
    run = await startSim({ now: () => Date.UTC(2026, 11, 3, 8), accounts: makeAccounts(5) });
  });
  afterEach(async () => {
    await run.close();
  });

  it('accepts the status, reason and until-date, returns them in queries, and refuses a status a CSM may not set', async () => {
    const conn = await connect(run);
    const results = (await conn.sobject('Account').update(
      [
        {
          Id: accountId(1),
          Health_Override_Status__c: 'green',
          Health_Override_Reason__c: 'Outage credited; exec sponsor happy',
          Health_Override_Until__c: '2026-12-31',
        },
        { Id: accountId(2), Health_Override_Status__c: 'insufficient_data' },
      ],
      { allOrNone: false },
    )) as SaveResult[];
    expect(results.map((r) => r.success)).toEqual([true, false]);
    expect(results[1]!.errors[0]).toMatchObject({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['Health_Override_Status__c'],
    });

    const got = await conn.query<Record<string, unknown>>(
      `SELECT Id, Health_Override_Status__c, Health_Override_Reason__c, Health_Override_Until__c FROM Account WHERE Health_Override_Status__c != null`,
    );
    expect(got.records.map(({ attributes: _, ...r }): Record<string, unknown> => r)).toEqual([
      {
        Id: accountId(1),
        Health_Override_Status__c: 'green',
        Health_Override_Reason__c: 'Outage credited; exec sponsor happy',
        Health_Override_Until__c: '2026-12-31',
      },
    ]);

    const described = await conn.sobject('Account').describe();
    const status = described.fields.find((f) => f.name === 'Health_Override_Status__c')!;
    expect(status.picklistValues!.map((v): string => String(v.value))).toEqual(['green', 'yellow', 'red']);
    expect(described.fields.find((f) => f.name === 'Health_Override_Until__c')!.type).toBe('date');
  });
});
