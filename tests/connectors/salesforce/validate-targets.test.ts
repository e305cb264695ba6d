import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../../connectors/salesforce/auth.ts';
import {
  validateAgainstOrg,
  validateSalesforceTargets,
} from '../../../connectors/salesforce/validate-targets.ts';
import type { ScorecardMapping } from '../../../src/config/mappings/scorecard.ts';
import { formatProblem } from '../../../src/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { FakeOrg } from './fake-org.ts';
import { shippedAccountsMapping, shippedSalesforceMapping } from './helpers.ts';

describe('validateSalesforceTargets', () => {
  let org: FakeOrg;
  let store: SqliteStore;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
    await org.stop();
    nock.enableNetConnect();
  });

  it('accepts the shipped salesforce.yaml against an org that has its fields', async () => {
    const session = await connectSalesforce(org.env());
    const problems = await validateSalesforceTargets(session, shippedSalesforceMapping(), {
      accounts: shippedAccountsMapping(),
    });
    expect(problems).toEqual([]);
  });

  it('reports a missing field, a non-updateable field and type mismatches as file > path', async () => {
    org.fields = org.fields
      .filter((f) => f.name !== 'Health_Trend_30d__c')
      .map((f) => {
        if (f.name === 'Health_Score__c') return { ...f, updateable: false, calculated: true };
        if (f.name === 'Health_Computed_At__c') return { ...f, type: 'date' };
        if (f.name === 'Health_Status__c')
          return {
            ...f,
            picklistValues: [
              { value: 'green', active: true },
              { value: 'red', active: true },
            ],
          };
        if (f.name === 'Renewal_Date__c') return { ...f, name: 'Renewal_Dte__c' };
        return f;
      });
    const session = await connectSalesforce(org.env());
    const problems = await validateSalesforceTargets(session, shippedSalesforceMapping(), {
      accounts: shippedAccountsMapping(),
    });
    expect(problems.map(formatProblem)).toEqual([
      'salesforce.yaml > fields > 0 > target: "Health_Score__c" is not updateable by the integration user (a formula or roll-up field, or read-only field-level security)',
      'salesforce.yaml > fields > 1 > target: picklist "Health_Status__c" lacks the active values yellow, insufficient_data (health-sync writes green, yellow, red, insufficient_data)',
      'salesforce.yaml > fields > 2 > target: no field "Health_Trend_30d__c" on Account; or the integration user cannot see it (field-level security)',
      'salesforce.yaml > fields > 5 > target: "Health_Computed_At__c" is a date field; computed_at needs datetime',
      'accounts.yaml > salesforce > extra > renewal_date: no field "Renewal_Date__c" on Account (did you mean Renewal_Dte__c?); or the integration user cannot see it (field-level security)',
    ]);
  });

  it('checks the Account fields scorecard measures read: they exist and hold a number or a date', async () => {
    const measure = (field: string) =>
      ({ kind: 'salesforce_field', field }) as unknown as ScorecardMapping['measures'][number];
    const scorecard = {
      measures: [
        { kind: 'metric' } as unknown as ScorecardMapping['measures'][number],
        measure('AnnualRevenue'),
        measure('renewal_date__c'),
        measure('Uptime_30d'),
        measure('Tier__c'),
      ],
    };
    const session = await connectSalesforce(org.env());
    const problems = await validateSalesforceTargets(session, shippedSalesforceMapping(), {
      accounts: shippedAccountsMapping(),
      scorecard,
    });
    expect(problems.map(formatProblem)).toEqual([
      'scorecard.yaml > measures > 3 > field: no field "Uptime_30d" on Account; or the integration user cannot see it (field-level security)',
      'scorecard.yaml > measures > 4 > field: "Tier__c" is a picklist field; a salesforce_field measure needs a number or a date (double, percent, currency, int, date, datetime)',
    ]);
  });

  it('connects and checks both mapping files in one call (for `health-sync validate`)', async () => {
    org.fields = org.fields.filter((f) => f.name !== 'Health_CSAT__c');
    const problems = await validateAgainstOrg(org.env(), {
      salesforce: shippedSalesforceMapping(),
      accounts: shippedAccountsMapping(),
    });
    expect(problems.map((p) => p.path.join(' > '))).toEqual(['fields > 6 > target']);
    const refused = {
      ...org.env(),
      auth: { type: 'client_credentials' as const, clientId: 'cid', clientSecret: 'nope-nope' },
    };
    await expect(
      validateAgainstOrg(refused, {
        salesforce: shippedSalesforceMapping(),
        accounts: shippedAccountsMapping(),
      }),
    ).rejects.toThrow('token request was refused');
  });

  it('with snapshots on, names an org without Health_Snapshot__c (or without a field the writer sets); with snapshots off, asks nothing', async () => {
    const validate = (salesforce = shippedSalesforceMapping()) =>
      validateAgainstOrg(org.env(), { salesforce, accounts: shippedAccountsMapping() });
    org.snapshotFields = null;
    expect((await validate()).map(formatProblem)).toEqual([
      'salesforce.yaml > snapshots > object: the org has no object "Health_Snapshot__c", or the integration user cannot read it: deploy the package in connectors/salesforce/org and assign the Health_Sync_Integration permission set (health-sync salesforce check says what is missing), or set snapshots: false',
    ]);
    expect(await validate({ ...shippedSalesforceMapping(), snapshots: false })).toEqual([]);
    expect(org.count('GET', '/sobjects/Health_Snapshot__c/describe')).toBe(1);
    org.snapshotFields = [
      { name: 'Snapshot_Key__c', type: 'string', updateable: true },
      { name: 'Account__c', type: 'reference', updateable: false },
      { name: 'Week__c', type: 'string', updateable: true },
    ];
    expect((await validate()).map(formatProblem)).toEqual(
      ['Week_Start__c', 'Score__c', 'Status__c', 'Scorecard_Version__c', 'Rebuilt__c'].map(
        (name) =>
          `salesforce.yaml > snapshots > object: no field "${name}" on Health_Snapshot__c; or the integration user cannot see it (field-level security)`,
      ),
    );
  });

  it('caches the describe in the store for its TTL', async () => {
    const session = await connectSalesforce(org.env());
    let now = 1_000_000;
    const options = { meta: store.meta, now: () => now, ttlMs: 60_000 };
    await validateSalesforceTargets(session, shippedSalesforceMapping(), options);
    await validateSalesforceTargets(session, shippedSalesforceMapping(), options);
    expect(org.count('GET', '/sobjects/Account/describe')).toBe(1);
    now += 60_001;
    org.fields = org.fields.map((f) => (f.name === 'Health_CSAT__c' ? { ...f, type: 'string' } : f));
    const problems = await validateSalesforceTargets(session, shippedSalesforceMapping(), options);
    expect(org.count('GET', '/sobjects/Account/describe')).toBe(2);
    expect(problems.map(formatProblem)).toEqual([
      'salesforce.yaml > fields > 6 > target: "Health_CSAT__c" is a string field; metric:csat needs double or percent or int',
    ]);
  });
});
