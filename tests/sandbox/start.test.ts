/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/start.ts';
import { NOW, basic, getJson, postJson } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, accounts: 50, rateLimits: 'off', now: NOW });
});
afterAll(() => sandbox.close());

async function salesforce(): Promise<{ instance: string; headers: Record<string, string> }> {
  const { env } = sandbox;
  const r = await fetch(`${env['SF_LOGIN_URL']}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env['SF_CLIENT_ID']!,
      client_secret: env['SF_CLIENT_SECRET']!,
    }),
  });
  expect(r.status).toBe(200);
  const t = (await r.json()) as { access_token: string; instance_url: string };
  return { instance: t.instance_url, headers: { authorization: `Bearer ${t.access_token}` } };
}

describe('startSandbox', () => {
  it('returns an environment health-sync accepts, with all four sources configured', () => {
    const env = parseEnv(sandbox.env);
    expect(env.skipped).toEqual([]);
    expect(env.zendesk?.auth.type).toBe('token');
    expect(env.jira?.deployment).toBe('cloud');
    expect(env.genesys?.loginUrl).toBe(sandbox.urls.genesysLogin);
    expect(env.salesforce?.apiVersion).toBe('64.0');
    expect(Object.values(sandbox.urls).every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
  });

  it('serves the same dataset from every simulator with the printed credentials', async () => {
    const { env, dataset } = sandbox;
    const zendesk = await getJson(`${env['ZENDESK_BASE_URL']}/api/v2/tickets/count.json`, {
      authorization: basic(`${env['ZENDESK_EMAIL']}/token`, env['ZENDESK_API_TOKEN']!),
    });
    expect(zendesk.body.count.value).toBe([...dataset.truth.tickets()].filter((t) => !t.deleted).length);
    const jira = await getJson(`${env['JIRA_BASE_URL']}/rest/api/3/myself`, {
      authorization: basic(env['JIRA_EMAIL']!, env['JIRA_API_TOKEN']!),
    });
    expect(jira.status).toBe(200);
    const token = await fetch(`${env['GENESYS_LOGIN_URL']}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(env['GENESYS_CLIENT_ID']!, env['GENESYS_CLIENT_SECRET']!),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const sf = await salesforce();
    const q = await getJson(
      `${sf.instance}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id, Tier__c FROM Account')}`,
      sf.headers,
    );
    expect(q.body.totalSize).toBe(50);
    expect(q.body.records.map((r: any) => r.Id)).toContain(dataset.scenarios.trouble);
    // A product signal a scorecard can read: every Account's 30-day uptime, a percent field.
    const describe = await getJson(
      `${sf.instance}/services/data/v64.0/sobjects/Account/describe`,
      sf.headers,
    );
    expect(describe.body.fields.find((f: any) => f.name === 'Uptime_30d__c')).toMatchObject({
      type: 'percent',
    });
    const uptime = await getJson(
      `${sf.instance}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id, Uptime_30d__c FROM Account')}`,
      sf.headers,
    );
    const byId = new Map(uptime.body.records.map((r: any) => [r.Id, r.Uptime_30d__c]));
    expect([...byId.values()].every((u) => typeof u === 'number' && u > 90 && u <= 100)).toBe(true);
    expect(byId.get(dataset.scenarios.healthy)).toBeGreaterThan(99.5);
    expect(byId.get(dataset.scenarios.quiet_churning)).toBeLessThan(97);
  });

  it('applies a run-time mutation to Salesforce accounts too', async () => {
    const { body } = await postJson(`${sandbox.urls.zendesk}/__sandbox/mutate`, { share: 0.05, seed: 6 });
    const id = body.accounts[0];
    const sf = await salesforce();
    const rec = await getJson(`${sf.instance}/services/data/v64.0/sobjects/Account/${id}`, sf.headers);
    const expected = [...sandbox.dataset.salesforceAccounts()].find((a) => a.Id === id)!;
    expect(Date.parse(String(rec.body.SystemModstamp).replace('+0000', 'Z'))).toBe(
      Date.parse(String(expected.SystemModstamp).replace('+0000', 'Z')),
    );
    expect(rec.body.AnnualRevenue).toBe(expected.AnnualRevenue);
  });

  it('takes faults as a spec and OAuth credentials for Zendesk', async () => {
    const faulty = await startSandbox({
      accounts: 50,
      rateLimits: 'off',
      faults: 'zendesk.error=1,zendesk.statuses=502',
      zendeskAuth: 'oauth',
      now: NOW,
    });
    try {
      expect(faulty.env).toHaveProperty('ZENDESK_CLIENT_ID');
      expect(faulty.env).not.toHaveProperty('ZENDESK_API_TOKEN');
      expect(parseEnv(faulty.env).zendesk?.auth.type).toBe('oauth');
      const r = await postJson(`${faulty.urls.zendesk}/oauth/tokens`, { grant_type: 'client_credentials' });
      expect(r.status).toBe(502);
      const jira = await getJson(`${faulty.urls.jira}/rest/api/3/myself`, {
        authorization: basic(faulty.env['JIRA_EMAIL']!, faulty.env['JIRA_API_TOKEN']!),
      });
      expect(jira.status).toBe(200);
    } finally {
      await faulty.close();
    }
    await expect(fetch(`${faulty.urls.jira}/rest/api/3/myself`)).rejects.toThrow();
  });
});
