import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOrg,
  createSalesforceConnection,
  formatOrgProblem,
  loadOrgMetadata,
} from '../../../connectors/salesforce/index.ts';
import { parseEnv } from '../../../src/config/env.ts';
import { startSandbox, type Sandbox } from '../../../src/sandbox/start.ts';
import { NOW } from '../helpers.ts';

describe('a sandbox started with salesforceOmitFields', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      seed: 3,
      accounts: 50,
      rateLimits: 'off',
      now: NOW,
      clockAt: NOW,
      salesforceOmitFields: ['Account.Health_Drivers__c', 'Health_Snapshot__c.Week_Start__c'],
    });
  });
  afterAll(() => sandbox.close());

  it('lacks the fields in describe, SOQL and the permission records; the org check names them and their permission set', async () => {
    const env = parseEnv(sandbox.env).salesforce!;
    const connection = createSalesforceConnection(env);
    const fields = await connection.describe();
    expect(fields.has('health_drivers__c')).toBe(false);
    expect(fields.has('health_score__c')).toBe(true);
    const session = await connection.session();
    await expect(session.conn.query('SELECT Health_Drivers__c FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    const perms = await session.conn.query<{ Field: string }>(
      "SELECT Id, Field FROM FieldPermissions WHERE Field = 'Account.Health_Drivers__c'",
    );
    expect(perms.totalSize).toBe(0);

    const result = await checkOrg(session, loadOrgMetadata());
    expect(result.assigned).toEqual(['Health_Sync_Integration']);
    expect(result.problems.map(formatOrgProblem)).toEqual([
      'field Account.Health_Drivers__c is missing (deploy the package) or hidden from the integration user by field-level security; permission set Health_Sync_Integration grants it',
      'field Health_Snapshot__c.Week_Start__c is missing (deploy the package) or hidden from the integration user by field-level security; permission set Health_Sync_Integration grants it',
    ]);

    // An object the org does not have: describe answers 404 NOT_FOUND, reported as missing.
    const withObject = loadOrgMetadata();
    withObject.objects.push({ ...withObject.objects[1]!, name: 'Health_Forecast__c', fields: [] });
    const missing = await checkOrg(session, withObject);
    expect(missing.problems.map(formatOrgProblem)).toContain(
      'object Health_Forecast__c is missing (deploy the package) or the integration user cannot read it; permission set Health_Sync_Integration grants it',
    );
  });
});
