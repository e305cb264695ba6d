/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/sandbox/common/clock.ts';
import { createGenesysSim } from '../../../src/sandbox/genesys/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';

function frozenClock(start: number): SimClock {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms), set: (ms) => (now = ms) };
}

const ds = smallDataset({ calls: 600 });
const clock = frozenClock(NOW + DAY);
const sim = createGenesysSim({ dataset: ds, clock, rateLimits: 'off', tokenTtlSeconds: 3600 });
let api = '';
let login = '';
let bearer: Record<string, string> = {};
const QUERY = '/api/v2/analytics/conversations/details/query';

async function token(loginUrl = login): Promise<string> {
  const r = await fetch(`${loginUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(sim.credentials.clientId, sim.credentials.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(body.token_type).toBe('bearer');
  return body.access_token;
}

beforeAll(async () => {
  api = await serve(sim.apiApp);
  login = await serve(sim.loginApp);
  bearer = { authorization: `Bearer ${await token()}` };
});

const day = (d: number): string => new Date(NOW - d * DAY).toISOString();

describe('Genesys analytics conversation details query', () => {
  it('pages windows by pageNumber to exactly the ground-truth conversations', async () => {
    const seen = new Set<string>();
    let calls = 0;
    for (let d = 121; d > 0; d -= 10) {
      const interval = `${day(d)}/${day(Math.max(0, d - 10))}`;
      for (let page = 1; ; page++) {
        const { status, body } = await postJson(
          `${api}${QUERY}`,
          {
            interval,
            order: 'asc',
            orderBy: 'conversationStart',
            paging: { pageSize: 100, pageNumber: page },
          },
          bearer,
        );
        expect(status).toBe(200);
        calls++;
        for (const c of body.conversations ?? []) seen.add(c.conversationId);
        if (page * 100 >= body.totalHits) break;
      }
    }
    expect(calls).toBeGreaterThan(12);
    expect([...seen].sort()).toEqual([...ds.truth.calls()].map((c) => c.conversationId).sort());
  });

  it('orders by conversationStart and filters on segment dimensions', async () => {
    const interval = `${day(60)}/${day(30)}`;
    const queue = ds.calls.latest(0)!.queue.id;
    const { body } = await postJson(
      `${api}${QUERY}`,
      {
        interval,
        order: 'desc',
        paging: { pageSize: 100, pageNumber: 1 },
        segmentFilters: [{ type: 'and', predicates: [{ dimension: 'queueId', value: queue }] }],
      },
      bearer,
    );
    const starts = body.conversations.map((c: any) => Date.parse(c.conversationStart));
    expect(starts.every((s: number, i: number) => i === 0 || s <= starts[i - 1])).toBe(true);
    for (const c of body.conversations)
      expect(
        c.participants.some((p: any) =>
          p.sessions.some((s: any) => s.segments.some((g: any) => g.queueId === queue)),
        ),
      ).toBe(true);
  });

  it('returns only {"totalHits": 0} for an empty window, and refuses paging past 100,000 results', async () => {
    const empty = await postJson(
      `${api}${QUERY}`,
      { interval: '2020-01-01T00:00:00Z/2020-01-02T00:00:00Z' },
      bearer,
    );
    expect(empty.body).toEqual({ totalHits: 0 });
    const far = await postJson(
      `${api}${QUERY}`,
      { interval: `${day(30)}/${day(0)}`, paging: { pageSize: 100, pageNumber: 1001 } },
      bearer,
    );
    expect(far.status).toBe(400);
    expect(far.body).toMatchObject({
      message: 'Pagination may not exceed 100000 results.',
      code: 'bad.request',
      status: 400,
    });
  });

  it('validates the interval', async () => {
    const bad = await postJson(`${api}${QUERY}`, { interval: 'yesterday/today' }, bearer);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid.date');
    const backwards = await postJson(`${api}${QUERY}`, { interval: `${day(1)}/${day(2)}` }, bearer);
    expect(backwards.status).toBe(400);
    const missing = await postJson(`${api}${QUERY}`, {}, bearer);
    expect(missing.status).toBe(400);
  });

  it('shows a conversation only some minutes after it ended (late data)', async () => {
    const lagged = createGenesysSim({ dataset: ds, clock, rateLimits: 'off', lagSeconds: 600 });
    const lagApi = await serve(lagged.apiApp);
    const lagLogin = await serve(lagged.loginApp);
    const auth = { authorization: `Bearer ${await token(lagLogin)}` };
    const s = ds.mutate({ share: 0.02, seed: 3, at: clock.now(), spanMs: 60_000 });
    expect(s.calls.created).toBeGreaterThan(0);
    const newest = ds.calls.latest(ds.calls.total() - 1)!;
    const interval = `${new Date(newest.start - 3_600_000).toISOString()}/${new Date(clock.now() + 6 * 3_600_000).toISOString()}`;
    const ids = async (): Promise<string[]> =>
      (
        (await postJson(`${lagApi}${QUERY}`, { interval, paging: { pageSize: 100, pageNumber: 1 } }, auth))
          .body.conversations ?? []
      ).map((c: any) => c.conversationId);
    clock.set(newest.end + 60_000);
    expect(await ids()).not.toContain(newest.conversationId);
    clock.set(newest.end + 601_000);
    expect(await ids()).toContain(newest.conversationId);
  });
});

describe('Genesys async details jobs', () => {
  it('runs QUEUED → PENDING → FULFILLED and pages results by cursor', async () => {
    const jobs = '/api/v2/analytics/conversations/details/jobs';
    const availability = await getJson(`${api}${jobs}/availability`, bearer);
    expect(Date.parse(availability.body.dataAvailabilityDate)).toBeLessThan(clock.now());
    const created = await postJson(`${api}${jobs}`, { interval: `${day(120)}/${day(0)}` }, bearer);
    expect(created.status).toBe(202);
    const id = created.body.jobId;
    const states: string[] = [];
    for (let i = 0; i < 3; i++) states.push((await getJson(`${api}${jobs}/${id}`, bearer)).body.state);
    expect(states).toEqual(['QUEUED', 'PENDING', 'FULFILLED']);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await getJson(
        `${api}${jobs}/${id}/results?pageSize=250${cursor ? `&cursor=${cursor}` : ''}`,
        bearer,
      );
      seen.push(...r.body.conversations.map((c: any) => c.conversationId));
      cursor = r.body.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    const base = [...ds.calls.forward(null, Infinity)].map((e) => e.model());
    const expected = base.filter(
      (c) => c.start >= NOW - 120 * DAY && c.end <= Date.parse(availability.body.dataAvailabilityDate),
    );
    expect(new Set(seen)).toEqual(new Set(expected.map((c) => c.conversationId)));
    expect((await getJson(`${api}${jobs}/not-a-job`, bearer)).status).toBe(404);
  });
});

describe('Genesys async job failures', () => {
  it('can end a job FAILED with an errorMessage', async () => {
    const failing = createGenesysSim({ dataset: ds, clock, rateLimits: 'off', jobFailureRate: 1 });
    const fApi = await serve(failing.apiApp);
    const auth = { authorization: `Bearer ${await token(await serve(failing.loginApp))}` };
    const jobs = `${fApi}/api/v2/analytics/conversations/details/jobs`;
    const { body } = await postJson(jobs, { interval: `${day(10)}/${day(0)}` }, auth);
    let status: any = {};
    for (let i = 0; i < 3; i++) status = (await getJson(`${jobs}/${body.jobId}`, auth)).body;
    expect(status.state).toBe('FAILED');
    expect(typeof status.errorMessage).toBe('string');
    expect((await getJson(`${jobs}/${body.jobId}/results`, auth)).status).toBe(400);
  });
});

describe('Genesys auth and limits', () => {
  it('refuses missing, unknown and expired tokens with Genesys error bodies', async () => {
    const none = await postJson(`${api}${QUERY}`, { interval: `${day(2)}/${day(1)}` });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('authentication.required');
    const expiring = createGenesysSim({ dataset: ds, clock, rateLimits: 'off', tokenTtlSeconds: 300 });
    const eApi = await serve(expiring.apiApp);
    const eLogin = await serve(expiring.loginApp);
    const auth = { authorization: `Bearer ${await token(eLogin)}` };
    expect((await postJson(`${eApi}${QUERY}`, { interval: `${day(2)}/${day(1)}` }, auth)).status).toBe(200);
    clock.advance(301_000);
    const expired = await postJson(`${eApi}${QUERY}`, { interval: `${day(2)}/${day(1)}` }, auth);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      code: 'bad.credentials',
      message: 'Invalid login credentials.',
      status: 401,
    });
    const wrong = await fetch(`${login}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(sim.credentials.clientId, 'nope'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    // The token endpoint lives on the login host only.
    expect((await fetch(`${api}/oauth/token`, { method: 'POST' })).status).toBe(404);
  });

  it('allows 300 requests a minute per token, then 429 with Retry-After', async () => {
    const limited = createGenesysSim({ dataset: ds, clock, rateLimits: 'documented' });
    const lApi = await serve(limited.apiApp);
    const lLogin = await serve(limited.loginApp);
    const auth = { authorization: `Bearer ${await token(lLogin)}` };
    const availability = `${lApi}/api/v2/analytics/conversations/details/jobs/availability`;
    for (let i = 0; i < 300; i++) expect((await getJson(availability, auth)).status).toBe(200);
    const refused = await getJson(availability, auth);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body.code).toBe('too.many.requests.retry.after');
    // Another token has its own budget.
    expect((await getJson(availability, { authorization: `Bearer ${await token(lLogin)}` })).status).toBe(
      200,
    );
  });
});
