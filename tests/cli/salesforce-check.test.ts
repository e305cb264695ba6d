import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WRITE_ENDPOINTS, createSalesforceSim } from '../../src/sandbox/salesforce/index.ts';
import { sandboxOptionsFromFlags } from '../../src/sandbox/options-cli.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const SECRET = 'sandbox-consumer-secret';

describe('health-sync salesforce check against the sandbox org', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function check(
    omitFields: string[],
    args: string[] = [],
  ): Promise<{ code: number; stdout: string; stderr: string; stats: Record<string, number> }> {
    const sim = createSalesforceSim({ omitFields });
    const server = await sim.listen();
    servers.push(server);
    expect(sim.clientSecret).toBe(SECRET);
    const env = {
      PATH: process.env['PATH'] ?? '',
      SF_LOGIN_URL: server.url,
      SF_CLIENT_ID: sim.clientId,
      SF_CLIENT_SECRET: sim.clientSecret,
      HEALTH_SYNC_DB: ':memory:',
      LOG_LEVEL: 'warn',
    };
    const cli = [join(root, 'src/cli/main.ts'), 'salesforce', 'check', ...args];
    try {
      const { stdout, stderr } = await run(process.execPath, cli, { env });
      return { code: 0, stdout, stderr, stats: sim.state.stats.requests };
    } catch (err) {
      return {
        ...(err as { code: number; stdout: string; stderr: string }),
        stats: sim.state.stats.requests,
      };
    }
  }

  it('passes when the org holds the package and the integration user has Health_Sync_Integration, with reads only', async () => {
    const res = await check([]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      'Salesforce org check as integration@health-sync.sandbox (permission sets: Health_Sync_Integration): ' +
        "the package's objects, fields and permissions are all there\n",
    );
    expect(res.code).toBe(0);
    // Reads only: the identity (and the resources list jsforce finds it through), three describes
    // (Account, Health_Snapshot__c, Task) and four permission queries.
    expect(Object.keys(res.stats).filter((k) => WRITE_ENDPOINTS.has(k))).toEqual([]);
    expect(res.stats['describe']).toBe(3);
    expect(res.stats['query']).toBe(4);
  });

  it('names a field the org lacks and the permission set that should grant it, exit 1', async () => {
    const res = await check(['Account.Health_Override_Reason__c']);
    expect(res.code).toBe(1);
    expect(res.stdout.split('\n')).toEqual([
      'Salesforce org check as integration@health-sync.sandbox (permission sets: Health_Sync_Integration): 1 problem',
      '  field Account.Health_Override_Reason__c is missing (deploy the package) or hidden from the integration user ' +
        'by field-level security; permission set Health_Sync_Integration grants it',
      '  Deploy connectors/salesforce/org (see connectors/salesforce/README.md, "Deploying the package") and assign the permission sets.',
      '',
    ]);
    expect(res.stdout).not.toContain(SECRET);
  });

  it('takes the omitted field from the sandbox flag --salesforce-omit-field', () => {
    expect(
      sandboxOptionsFromFlags({
        salesforceOmitField: ['Account.Health_Score__c', 'Health_Snapshot__c.Week__c'],
      }).salesforceOmitFields,
    ).toEqual(['Account.Health_Score__c', 'Health_Snapshot__c.Week__c']);
    expect(() => sandboxOptionsFromFlags({ salesforceOmitField: ['Account.Health Score'] })).toThrow(
      /--salesforce-omit-field must be Object.Field/,
    );
  });
});
