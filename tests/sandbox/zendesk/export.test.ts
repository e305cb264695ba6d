/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../src/sandbox/common/clock.ts';
import { createZendeskSim } from '../../../src/sandbox/zendesk/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';

const ds = smallDataset();
const clock = createClock(NOW + DAY);
const sim = createZendeskSim({ dataset: ds, clock, rateLimits: 'off' });
const auth = { authorization: basic(`${sim.credentials.email}/token`, sim.credentials.apiToken) };
let url = '';
beforeAll(async () => {
  url = await serve(sim.app);
});

/** Follows after_url until end_of_stream, as a correct client does. */
async function exportAll(first: string): Promise<{ tickets: any[]; pages: any[]; lastCursor: string }> {
  const tickets: any[] = [];
  const pages: any[] = [];
  let next = first;
  for (;;) {
    const { status, body } = await getJson(next, auth);
    expect(status).toBe(200);
    pages.push(body);
    tickets.push(...body.tickets);
    if (body.end_of_stream) return { tickets, pages, lastCursor: body.after_cursor };
    next = body.after_url;
  }
}

describe('Zendesk incremental ticket export (cursor-based)', () => {
  it('pages to the end and returns exactly the ground-truth ids, deleted ones with status "deleted"', async () => {
    const { tickets, pages } = await exportAll(
      `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=400`,
    );
    expect(pages.length).toBe(Math.ceil(1500 / 400));
    const truth = [...ds.truth.tickets()];
    expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(truth.map((t) => t.id));
    const deleted = truth.filter((t) => t.deleted).map((t) => t.id);
    expect(deleted.length).toBeGreaterThan(0);
    expect(
      tickets
        .filter((t) => t.status === 'deleted')
        .map((t) => t.id)
        .sort((a, b) => a - b),
    ).toEqual(deleted);
    const stamps = tickets.map((t) => t.generated_timestamp);
    expect(stamps.every((s, i) => i === 0 || s >= stamps[i - 1])).toBe(true);
  });

  it('goes back a page with before_url', async () => {
    const first = await getJson(
      `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100`,
      auth,
    );
    const second = await getJson(first.body.after_url, auth);
    expect(second.body.before_url).toMatch(/per_page=100/);
    const back = await getJson(second.body.before_url, auth);
    expect(back.body.tickets.map((t: any) => t.id)).toEqual(first.body.tickets.map((t: any) => t.id));
    expect(back.body.end_of_stream).toBe(false);
  });

  it('hides deleted tickets with exclude_deleted=true', async () => {
    const { tickets } = await exportAll(
      `${url}/api/v2/incremental/tickets/cursor?start_time=0&exclude_deleted=true`,
    );
    const live = [...ds.truth.tickets()].filter((t) => !t.deleted).map((t) => t.id);
    expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(live);
  });

  it('side-loads metric_sets and users for the page', async () => {
    const { body } = await getJson(
      `${url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100&include=metric_sets,users`,
      auth,
    );
    const ids = new Set(body.tickets.filter((t: any) => t.status !== 'deleted').map((t: any) => t.id));
    expect(new Set(body.metric_sets.map((m: any) => m.ticket_id))).toEqual(ids);
    const users = new Map(body.users.map((u: any) => [u.id, u]));
    for (const t of body.tickets) expect(users.has(t.requester_id)).toBe(true);
    const m = body.metric_sets[0];
    expect(Object.keys(m.reply_time_in_minutes).sort()).toEqual(['business', 'calendar']);
    expect(m).toHaveProperty('full_resolution_time_in_minutes');
    expect(m).toHaveProperty('reopens');
  });

  it('starts at start_time (inclusive) and refuses one less than a minute old', async () => {
    const from = Math.floor(ds.tickets.latest(1000)!.generatedAt / 1000);
    const { body } = await getJson(`${url}/api/v2/incremental/tickets/cursor.json?start_time=${from}`, auth);
    expect(body.tickets.every((t: any) => t.generated_timestamp >= from)).toBe(true);
    expect(body.tickets.length).toBeGreaterThanOrEqual(500);
    const recent = Math.floor((clock.now() - 30_000) / 1000);
    const r = await getJson(`${url}/api/v2/incremental/tickets/cursor.json?start_time=${recent}`, auth);
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      error: 'InvalidValue',
      description: 'Too recent start_time. Use a start_time older than 1 minute',
    });
    expect(
      (await getJson(`${url}/api/v2/incremental/tickets/cursor.json?cursor=not-a-cursor`, auth)).status,
    ).toBe(422);
  });

  it('holds back changes of the last minute, then serves them from the same cursor', async () => {
    const { lastCursor } = await exportAll(`${url}/api/v2/incremental/tickets/cursor.json?start_time=0`);
    const summary = ds.mutate({ share: 0.01, seed: 2, at: clock.now() - 10_000, spanMs: 20_000 });
    const changed = [
      ...summary.tickets.updated,
      ...summary.tickets.system,
      ...summary.tickets.deleted,
      ...summary.tickets.created,
    ].sort((a, b) => a - b);
    const next = `${url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(lastCursor)}`;
    const held = await getJson(next, auth);
    expect(held.body.tickets).toEqual([]);
    expect(held.body.end_of_stream).toBe(true);
    clock.advance(61_000);
    const { tickets } = await exportAll(next);
    expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(changed);
    // A system update moves generated_timestamp, not updated_at.
    const sys = tickets.find((t) => t.id === summary.tickets.system[0]);
    expect(Date.parse(sys.updated_at)).toBeLessThan(sys.generated_timestamp * 1000 - 60_000);
  });
});

describe('Zendesk auth', () => {
  it('refuses a request without valid credentials as Zendesk does', async () => {
    const path = `${url}/api/v2/tickets/count.json`;
    for (const headers of [{}, { authorization: basic(`${sim.credentials.email}/token`, 'wrong') }]) {
      const r = await getJson(path, headers);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it('issues expiring OAuth tokens for the client-credentials grant', async () => {
    const token = await postJson(`${url}/oauth/tokens`, {
      grant_type: 'client_credentials',
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      scope: 'read',
      expires_in: 600,
    });
    expect(token.status).toBe(201);
    expect(token.body).toMatchObject({ token_type: 'bearer', scope: 'read', expires_in: 600 });
    const bearer = { authorization: `Bearer ${token.body.access_token}` };
    expect((await getJson(`${url}/api/v2/tickets/count.json`, bearer)).status).toBe(200);
    clock.advance(601_000);
    const expired = await getJson(`${url}/api/v2/tickets/count.json`, bearer);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('invalid_token');
    const bad = await postJson(`${url}/oauth/tokens`, {
      grant_type: 'client_credentials',
      client_id: 'x',
      client_secret: 'y',
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
  });
});

describe('Zendesk organizations and counts', () => {
  it('exports organizations by time, with boundary repeats, to end_of_stream', async () => {
    const seen = new Set<number>();
    let next = `${url}/api/v2/incremental/organizations.json?start_time=0&per_page=10`;
    let pages = 0;
    for (;;) {
      const { body } = await getJson(next, auth);
      pages++;
      expect(body.count).toBe(body.organizations.length);
      for (const o of body.organizations) seen.add(o.id);
      if (body.end_of_stream) break;
      expect(body.end_time).toBe(Math.floor(Date.parse(body.organizations.at(-1).updated_at) / 1000));
      next = body.next_page;
    }
    expect(pages).toBeGreaterThan(3);
    expect([...seen].sort()).toEqual(
      ds
        .organizations()
        .map((o) => o.id)
        .sort(),
    );
  });

  it('counts tickets without the deleted ones', async () => {
    const { body } = await getJson(`${url}/api/v2/tickets/count`, auth);
    expect(body.count.value).toBe([...ds.truth.tickets()].filter((t) => !t.deleted).length);
    expect(typeof body.count.refreshed_at).toBe('string');
  });
});
