/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../src/sandbox/common/clock.ts';
import { parseFaultSpec } from '../../src/sandbox/common/fault-spec.ts';
import { createGenesysSim } from '../../src/sandbox/genesys/app.ts';
import { createJiraSim } from '../../src/sandbox/jira/app.ts';
import { createZendeskSim } from '../../src/sandbox/zendesk/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from './helpers.ts';

const ds = smallDataset();
const clock = createClock(NOW + DAY);
const zendesk = createZendeskSim({ dataset: ds, clock, rateLimits: 'off' });
const jira = createJiraSim({ dataset: ds, clock, rateLimits: 'off' });
const genesys = createGenesysSim({ dataset: ds, clock, rateLimits: 'off' });
const zAuth = { authorization: basic(`${zendesk.credentials.email}/token`, zendesk.credentials.apiToken) };
const jAuth = { authorization: basic(jira.credentials.email, jira.credentials.apiToken) };
const urls = { zendesk: '', jira: '', genesys: '', genesysLogin: '' };

beforeAll(async () => {
  urls.zendesk = await serve(zendesk.app);
  urls.jira = await serve(jira.app);
  urls.genesys = await serve(genesys.apiApp);
  urls.genesysLogin = await serve(genesys.loginApp);
});

const setFaults = (base: string, faults: unknown): Promise<{ status: number }> =>
  postJson(`${base}/__sandbox/faults`, faults);
const zPage = (): string => `${urls.zendesk}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=50`;
async function genesysToken(): Promise<Record<string, string>> {
  const r = await fetch(`${urls.genesysLogin}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(genesys.credentials.clientId, genesys.credentials.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return { authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
}

describe('faults, set at run time through /__sandbox/faults', () => {
  it('answer server errors with each vendor error body', async () => {
    expect((await setFaults(urls.zendesk, { errorRate: 1, errorStatuses: [503] })).status).toBe(200);
    const z = await getJson(zPage(), zAuth);
    expect(z.status).toBe(503);
    expect(z.headers.get('retry-after')).toBe('1');
    expect(z.body).toHaveProperty('error');
    await setFaults(urls.jira, { errorRate: 1, errorStatuses: [500] });
    const j = await postJson(`${urls.jira}/rest/api/3/search/jql`, { jql: 'project = PAY' }, jAuth);
    expect(j.status).toBe(500);
    expect(j.body).toHaveProperty('errorMessages');
    await setFaults(urls.genesys, { errorRate: 1, errorStatuses: [502] });
    const g = await getJson(`${urls.genesys}/api/v2/analytics/conversations/details/jobs/availability`, {});
    expect(g.status).toBe(502);
    expect(g.body).toMatchObject({ status: 502 });
    for (const u of [urls.zendesk, urls.jira, urls.genesys]) await setFaults(u, {});
  });

  it('answer every Nth request 429 with Retry-After and each vendor body (a limit shared with another integration)', async () => {
    const statuses = async (get: () => Promise<{ status: number; headers: Headers; body: any }>) => {
      const out: { status: number; retryAfter: string | null; body: any }[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await get();
        out.push({ status: r.status, retryAfter: r.headers.get('retry-after'), body: r.body });
      }
      return out;
    };
    const every3 = { rateLimitEvery: 3, rateLimitRetryAfterSeconds: 2 };
    await setFaults(urls.zendesk, every3);
    await setFaults(urls.jira, every3);
    await setFaults(urls.genesys, every3);
    const token = await genesysToken(); // the token request is the Genesys simulator's first request
    const z = await statuses(() => getJson(zPage(), zAuth));
    const j = await statuses(() => getJson(`${urls.jira}/rest/api/3/myself`, jAuth));
    const g = await statuses(() =>
      getJson(`${urls.genesys}/api/v2/analytics/conversations/details/jobs/availability`, token),
    );
    expect(z.map((r) => r.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(j.map((r) => r.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(g.map((r) => r.status)).toEqual([200, 429, 200, 200, 429, 200]);
    for (const r of [...z, ...j, ...g].filter((r) => r.status === 429)) expect(r.retryAfter).toBe('2');
    expect(z[2]!.body).toMatchObject({ error: 'APIRateLimitExceeded' });
    expect(j[2]!.body).toMatchObject({ errorMessages: ['Rate limit exceeded.'] });
    expect(g[1]!.body).toMatchObject({ code: 'too.many.requests.retry.after', status: 429 });
    expect((await getJson(`${urls.zendesk}/__sandbox/stats`)).body.faults.rateLimited).toBe(2);
    for (const u of [urls.zendesk, urls.jira, urls.genesys]) await setFaults(u, {});
  });

  it('reset connections without an answer', async () => {
    await setFaults(urls.zendesk, { resetRate: 1 });
    await expect(fetch(zPage(), { headers: zAuth })).rejects.toThrow();
    await setFaults(urls.zendesk, {});
    const stats = await getJson(`${urls.zendesk}/__sandbox/stats`);
    expect(stats.body.faults.reset).toBe(1);
  });

  it('slow responses down', async () => {
    await setFaults(urls.jira, { slowRate: 1, slowMs: 150 });
    const t0 = Date.now();
    expect((await getJson(`${urls.jira}/rest/api/3/myself`, jAuth)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await setFaults(urls.jira, {});
    expect((await getJson(`${urls.jira}/__sandbox/stats`)).body.faults.slow).toBe(1);
  });

  it('expire OAuth tokens after N calls (Zendesk and Genesys)', async () => {
    await setFaults(urls.zendesk, { tokenExpiresAfterCalls: 2 });
    const tok = await postJson(`${urls.zendesk}/oauth/tokens`, {
      grant_type: 'client_credentials',
      client_id: zendesk.credentials.clientId,
      client_secret: zendesk.credentials.clientSecret,
    });
    const bearer = { authorization: `Bearer ${tok.body.access_token}` };
    expect((await getJson(`${urls.zendesk}/api/v2/tickets/count.json`, bearer)).status).toBe(200);
    expect((await getJson(`${urls.zendesk}/api/v2/tickets/count.json`, bearer)).status).toBe(200);
    const third = await getJson(`${urls.zendesk}/api/v2/tickets/count.json`, bearer);
    expect(third.status).toBe(401);
    expect(third.body.error).toBe('invalid_token');
    await setFaults(urls.zendesk, {});

    await setFaults(urls.genesys, { tokenExpiresAfterCalls: 1 });
    const g = await genesysToken();
    const avail = `${urls.genesys}/api/v2/analytics/conversations/details/jobs/availability`;
    expect((await getJson(avail, g)).status).toBe(200);
    const again = await getJson(avail, g);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('bad.credentials');
    expect((await getJson(avail, await genesysToken())).status).toBe(200);
    await setFaults(urls.genesys, {});
  });

  it('cut the Nth page of each list endpoint mid-JSON', async () => {
    await setFaults(urls.zendesk, { malformedPage: 2 });
    const first = await fetch(zPage(), { headers: zAuth });
    const page1 = (await first.json()) as { after_url: string };
    const second = await fetch(page1.after_url, { headers: zAuth });
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toMatch(/json/);
    const text = await second.text();
    expect(() => JSON.parse(text)).toThrow();
    await setFaults(urls.zendesk, {});

    await setFaults(urls.jira, { malformedPage: 1 });
    const j = await fetch(`${urls.jira}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { ...jAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'project = PAY' }),
    });
    await expect(j.json()).rejects.toThrow();
    await setFaults(urls.jira, {});

    await setFaults(urls.genesys, { malformedPage: 1 });
    const g = await fetch(`${urls.genesys}/api/v2/analytics/conversations/details/query`, {
      method: 'POST',
      headers: { ...(await genesysToken()), 'content-type': 'application/json' },
      body: JSON.stringify({
        interval: `${new Date(NOW - 30 * DAY).toISOString()}/${new Date(NOW).toISOString()}`,
      }),
    });
    await expect(g.json()).rejects.toThrow();
    await setFaults(urls.genesys, {});
  });

  it('make records arrive late (Jira search lag, Genesys analytics lag)', async () => {
    await setFaults(urls.jira, { lagSeconds: 3600 });
    const s = ds.mutate({ share: 0.05, seed: 12, at: clock.now() - 60_000, spanMs: 30_000 });
    const id = s.issues.updated[0]!;
    const search = async (): Promise<string[]> =>
      (
        await postJson(
          `${urls.jira}/rest/api/3/search/jql`,
          { jql: `updated >= ${clock.now() - 600_000}`, maxResults: 5000 },
          jAuth,
        )
      ).body.issues.map((i: any) => i.id);
    expect(await search()).not.toContain(id);
    await setFaults(urls.jira, {});
    expect(await search()).toContain(id);
  });

  it('are deterministic for a seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const sim = createJiraSim({
        dataset: ds,
        clock,
        rateLimits: 'off',
        faults: { seed: 99, errorRate: 0.4 },
      });
      const u = await serve(sim.app);
      const out: number[] = [];
      for (let i = 0; i < 25; i++) out.push((await getJson(`${u}/rest/api/3/myself`, jAuth)).status);
      return out;
    };
    const a = await statuses();
    expect(a).toEqual(await statuses());
    expect(a.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('are refused when invalid', async () => {
    expect((await setFaults(urls.zendesk, { errorRate: 2 })).status).toBe(400);
  });
});

describe('the --faults spec', () => {
  it('applies unprefixed keys to every simulator and prefixed ones to one', () => {
    const f = parseFaultSpec(
      'error=0.05,reset=0.01,jira.lag=30,genesys.token=50,zendesk.malformed=3,slow=0.1:500,seed=7',
    );
    expect(f.zendesk).toEqual({
      errorRate: 0.05,
      resetRate: 0.01,
      malformedPage: 3,
      slowRate: 0.1,
      slowMs: 500,
      seed: 7,
    });
    expect(f.jira).toMatchObject({ lagSeconds: 30, errorRate: 0.05 });
    expect(f.genesys).toMatchObject({ tokenExpiresAfterCalls: 50 });
    expect(f.salesforce).toMatchObject({ errorRate: 0.05, seed: 7 });
    expect(parseFaultSpec('ratelimit=3,genesys.ratelimit=4:2')).toEqual({
      zendesk: { rateLimitEvery: 3 },
      jira: { rateLimitEvery: 3 },
      genesys: { rateLimitEvery: 4, rateLimitRetryAfterSeconds: 2 },
      salesforce: { rateLimitEvery: 3 },
    });
    expect(() => parseFaultSpec('ratelimit=1')).toThrow(/--faults: zendesk: rateLimitEvery/);
    expect(() => parseFaultSpec('explode=1')).toThrow(/--faults/);
    expect(() => parseFaultSpec('error=7')).toThrow(/--faults/);
  });
});

describe('/__sandbox control endpoints', () => {
  it('count requests per endpoint and apply mutations at run time', async () => {
    await getJson(`${urls.zendesk}/api/v2/tickets/count.json`, zAuth);
    const stats = await getJson(`${urls.zendesk}/__sandbox/stats`);
    expect(stats.body.requests['GET /api/v2/tickets/count.json']).toBeGreaterThan(0);
    const before = ds.tickets.total();
    const m = await postJson(`${urls.genesys}/__sandbox/mutate`, { share: 0.01, seed: 4 });
    expect(m.status).toBe(200);
    expect(m.body.tickets.created.length).toBeGreaterThan(0);
    expect(ds.tickets.total()).toBe(before + m.body.tickets.created.length);
    const moved = await postJson(`${urls.jira}/__sandbox/clock`, { advanceMs: 120_000 });
    expect(moved.body.now).toBeGreaterThan(clock.now() - 1_000);
  });
});
