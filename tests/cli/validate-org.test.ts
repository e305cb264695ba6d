import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceSim } from '../../src/sandbox/salesforce/index.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

describe('health-sync validate with Salesforce credentials', () => {
  let server: { url: string; close(): Promise<void> };
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    const sim = createSalesforceSim();
    server = await sim.listen();
    dir = mkdtempSync(join(tmpdir(), 'hs-validate-org-'));
    env = {
      PATH: process.env['PATH'] ?? '',
      SF_LOGIN_URL: server.url,
      SF_CLIENT_ID: sim.clientId,
      SF_CLIENT_SECRET: sim.clientSecret,
      HEALTH_SYNC_DB: join(dir, 'state.db'),
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function validate(mappings: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        [join(root, 'src/cli/main.ts'), 'validate', '--mappings', mappings],
        { env },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      return err as { code: number; stdout: string; stderr: string };
    }
  }

  it('checks the shipped write targets against the org and passes', async () => {
    const res = await validate(join(root, 'mappings'));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('write targets checked against the Salesforce org');
  });

  it('reports a target the org does not have as a mapping error, with the file and path, exit 2', async () => {
    const mappings = join(dir, 'mappings');
    cpSync(join(root, 'mappings'), mappings, { recursive: true });
    const file = join(mappings, 'salesforce.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Health_Trend_30d__c', 'Health_Trend_Quarter__c'));
    const res = await validate(mappings);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/salesforce\.yaml > fields > 2 > target.*Health_Trend_Quarter__c/);
    expect(res.stderr).not.toContain(env['SF_CLIENT_SECRET']);
  });

  // Conditions that pass the local syntax check; the org (GET /query?explain=) refuses them.
  it.each([
    [
      "Type = 'Customer' AND Segmnt__c = 'Payments'",
      /\(INVALID_FIELD at column 23 of the condition\): No such column 'Segmnt__c' on entity 'Account'/,
    ],
    ["Type 'Customer'", /\(MALFORMED_QUERY at column 6 of the condition\): /],
  ])(
    'asks the org whether accounts.yaml > salesforce > where is a condition it runs: %s',
    async (where, says) => {
      const mappings = join(dir, `mappings-where-${where.length}`);
      cpSync(join(root, 'mappings'), mappings, { recursive: true });
      const file = join(mappings, 'accounts.yaml');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(`where: "Type = 'Customer'"`, `where: "${where}"`));
      const line = text.split('\n').findIndex((l) => l.trimStart().startsWith('where:')) + 1;
      const res = await validate(mappings);
      expect(res.code).toBe(2);
      const reported = res.stderr.split('\n').find((l) => l.includes('accounts.yaml > salesforce > where'));
      expect(reported).toContain(
        `accounts.yaml > salesforce > where (line ${line}): Salesforce refuses this condition`,
      );
      expect(reported).toMatch(says);
    },
  );
});
