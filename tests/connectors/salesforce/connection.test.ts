import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSalesforceConnection } from '../../../connectors/salesforce/index.ts';
import { SourceError } from '../../../src/errors.ts';
import { FakeOrg } from './fake-org.ts';

/** The one way into the org: connected on first use, counted in one meter across runs. */
describe('createSalesforceConnection', () => {
  let org: FakeOrg;

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    org = await new FakeOrg().start();
  });
  afterEach(async () => {
    await org.stop();
    nock.enableNetConnect();
  });

  it('connects on first use, once, and counts nothing before', async () => {
    const salesforce = createSalesforceConnection(org.env());
    expect(org.tokenRequests).toBe(0);
    expect(salesforce.usage()).toMatchObject({ requests: 0, retries: 0, errors: 0 });
    await salesforce.describe();
    await salesforce.describe();
    expect(org.tokenRequests).toBe(1);
  });

  it('keeps no failed connection: the next call asks for a token again', async () => {
    const salesforce = createSalesforceConnection({
      ...org.env(),
      auth: { type: 'client_credentials', clientId: 'cid', clientSecret: 'wrong' },
    });
    await expect(salesforce.describe()).rejects.toBeInstanceOf(SourceError);
    await expect(salesforce.session()).rejects.toMatchObject({ code: 'SOURCE_AUTH' });
    expect(org.tokenRequests).toBe(2);
  });

  it("reads a run's own share of the calls from an earlier reading", async () => {
    org.addAccounts(3);
    const salesforce = createSalesforceConnection(org.env());
    await salesforce.describe();
    const before = salesforce.usage();
    await salesforce.applyUpdates([{ id: [...org.accounts.keys()][0]!, fields: { Health_Score__c: 42 } }], {
      object: 'Account',
      bulkThreshold: 1_000,
      maxAttempts: 1,
      budgetShare: 0.5,
    });
    // The update; usage was already known from the describe's limit header, so no GET /limits.
    expect(salesforce.usage(before)).toMatchObject({ requests: 1, retries: 0 });
    expect(salesforce.usage().requests).toBe(2);
  });
});
