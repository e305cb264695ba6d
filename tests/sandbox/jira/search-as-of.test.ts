/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON bodies, checked by the assertions */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/sandbox/common/clock.ts';
import { createJiraSim } from '../../../src/sandbox/jira/app.ts';
import { DAY, NOW, basic, postJson, serve, smallDataset } from '../helpers.ts';

const ds = smallDataset({ issues: 400 });
let now = NOW - 20 * DAY;
const clock: SimClock = { now: () => now, advance: (ms) => (now += ms), set: (ms) => (now = ms) };
const sim = createJiraSim({ dataset: ds, clock, rateLimits: 'off' });
const auth = { authorization: basic(sim.credentials.email, sim.credentials.apiToken) };
let url = '';
beforeAll(async () => {
  url = await serve(sim.app);
});

async function search(jql: string): Promise<any[]> {
  const issues: any[] = [];
  let token: string | undefined;
  do {
    const { status, body } = await postJson(
      `${url}/rest/api/3/search/jql`,
      { jql, fields: ['status', 'updated', 'resolutiondate'], maxResults: 100, nextPageToken: token },
      auth,
    );
    expect(status).toBe(200);
    issues.push(...body.issues);
    token = body.nextPageToken;
  } while (token);
  return issues;
}

describe('Jira search as of the clock', () => {
  it('finds an issue from its creation, with its fields then, and again once it changes', async () => {
    const T = now;
    const all = [...ds.issues.forward(null, Infinity)].map((e) => e.model());
    const x = all.find((i) => i.created < T - DAY && i.resolved !== null && i.resolved > T)!;
    expect(x).toBeDefined();
    const since = new Date(T - 90 * DAY).toISOString().slice(0, 10);
    const jql = `updated >= "${since}" ORDER BY updated ASC`;
    const before = await search(jql);
    expect(before.filter((i) => i.id === x.id)).toMatchObject([
      { fields: { status: { name: 'To Do' }, resolutiondate: null } },
    ]);
    expect(before.every((i) => Date.parse(i.fields.updated) <= T)).toBe(true);
    // Later, a search of what changed since T finds it resolved.
    clock.set(x.updated + DAY);
    const since2 = new Date(T).toISOString().slice(0, 10);
    const after = await search(`updated >= "${since2}" ORDER BY updated ASC`);
    const found = after.filter((i) => i.id === x.id);
    expect(found).toHaveLength(1);
    expect(found[0].fields.resolutiondate).not.toBeNull();
  });
});
