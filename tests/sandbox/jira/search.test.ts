/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- vendor JSON bodies, checked by the assertions */
import { createCloudClient } from 'jira.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimClock } from '../../../src/sandbox/common/clock.ts';
import { createJiraSim, JIRA_LIMITS } from '../../../src/sandbox/jira/app.ts';
import { DAY, NOW, basic, getJson, postJson, serve, smallDataset } from '../helpers.ts';

/** A clock that stands still unless moved, so rate-limit windows are exact. */
function frozenClock(start: number): SimClock {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms), set: (ms) => (now = ms) };
}

const ds = smallDataset({ issues: 400 });
const clock = frozenClock(NOW + DAY);
const sim = createJiraSim({ dataset: ds, clock, rateLimits: 'off' });
const auth = { authorization: basic(sim.credentials.email, sim.credentials.apiToken) };
const JQL = 'project in (PAY, API) AND issuetype = Bug';
let url = '';
beforeAll(async () => {
  url = await serve(sim.app);
});

const client = () =>
  createCloudClient({
    host: url,
    auth: { type: 'basic', email: sim.credentials.email, apiToken: sim.credentials.apiToken },
  });

async function searchAll(jql: string, fields: string[]): Promise<{ issues: any[]; pages: number }> {
  const issues: any[] = [];
  let pages = 0;
  let nextPageToken: string | undefined;
  do {
    const page = await client().issueSearch.searchAndReconsileIssuesUsingJqlPost({
      jql,
      fields,
      maxResults: 100,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    issues.push(...(page.issues ?? []));
    pages++;
    nextPageToken = page.nextPageToken ?? undefined;
    if (!nextPageToken) expect(page.isLast).toBe(true);
  } while (nextPageToken);
  return { issues, pages };
}

describe('Jira enhanced search with the unmodified jira.js 6 client', () => {
  it('pages with nextPageToken to exactly the issues the JQL selects', async () => {
    const { issues, pages } = await searchAll(`${JQL} AND updated >= 0 ORDER BY updated ASC`, [
      'summary',
      'updated',
      'customfield_10050',
      'customfield_10051',
    ]);
    const expected = [...ds.issues.forward(null, Infinity)]
      .map((e) => e.model())
      .filter((i) => i.project !== 'WEB' && i.type === 'Bug');
    expect(issues.map((i) => i.id)).toEqual(expected.map((i) => i.id));
    expect(pages).toBe(Math.ceil(expected.length / 100));
    const withField = issues.find((i) => i.fields.customfield_10050);
    expect(withField.fields.customfield_10050).toMatch(/^001/);
    expect(Object.keys(issues[0].fields).sort()).toEqual([
      'customfield_10050',
      'customfield_10051',
      'summary',
      'updated',
    ]);
    expect(issues[0].fields.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]00$/);
  });

  it('orders by updated descending too, and returns ids only unless fields are asked for', async () => {
    const { body } = await postJson(
      `${url}/rest/api/3/search/jql`,
      { jql: `${JQL} ORDER BY updated DESC`, maxResults: 5000 },
      auth,
    );
    expect(body.isLast).toBe(true);
    expect(body.issues[0].fields).toBeUndefined();
    const all = [...ds.issues.forward(null, Infinity)]
      .map((e) => e.model())
      .filter((i) => i.project !== 'WEB' && i.type === 'Bug');
    expect(body.issues.map((i: any) => i.id)).toEqual(all.reverse().map((i) => i.id));
    const capped = await postJson(
      `${url}/rest/api/3/search/jql`,
      { jql: JQL, fields: ['*all'], maxResults: 500 },
      auth,
    );
    expect(capped.body.issues).toHaveLength(100);
    expect(capped.body.isLast).toBe(false);
    expect(capped.body).not.toHaveProperty('total');
  });

  it('counts approximately what it finds', async () => {
    const { body } = await postJson(`${url}/rest/api/3/search/approximate-count`, { jql: JQL }, auth);
    expect(body.count).toBe(
      [...ds.truth.issues()].filter((_, i) => {
        const m = ds.issues.latest(i)!;
        return m.project !== 'WEB' && m.type === 'Bug';
      }).length,
    );
  });

  it('makes a change searchable only after the search lag', async () => {
    const lagged = createJiraSim({ dataset: ds, clock, rateLimits: 'off', searchLagSeconds: 30 });
    const lagUrl = await serve(lagged.app);
    const before = clock.now();
    const s = ds.mutate({ share: 0.05, seed: 8, at: before, spanMs: 10_000 });
    const changedId = s.issues.updated[0]!;
    const search = async (): Promise<any> =>
      (
        await postJson(
          `${lagUrl}/rest/api/3/search/jql`,
          { jql: `updated >= ${before - 10_000} AND project in (PAY, API, WEB)`, fields: ['updated'] },
          auth,
        )
      ).body;
    expect((await search()).issues.map((i: any) => i.id)).not.toContain(changedId);
    clock.advance(31_000);
    expect((await search()).issues.map((i: any) => i.id)).toContain(changedId);
  });

  it('answers like Jira Cloud: 400 for bad JQL, 401 without credentials, 410 for removed endpoints', async () => {
    const bad = await postJson(`${url}/rest/api/3/search/jql`, { jql: 'reporter = me' }, auth);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errorMessages: ["Field 'reporter' does not exist or you do not have permission to view it."],
      errors: {},
    });
    const unbounded = await postJson(`${url}/rest/api/3/search/jql`, { jql: 'ORDER BY updated' }, auth);
    expect(unbounded.status).toBe(400);
    const anonymous = await fetch(`${url}/rest/api/3/search/jql`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    for (const path of ['/rest/api/2/search', '/rest/api/3/search']) {
      const gone = await getJson(`${url}${path}?jql=project=PAY`, auth);
      expect(gone.status).toBe(410);
      expect(gone.body.errorMessages[0]).toMatch(
        /^The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API/,
      );
    }
    await expect(
      client().issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: 'project = NOPE' }),
    ).rejects.toThrow(/does not exist for the field 'project'/);
  });

  it('reports the integration user time zone on /myself', async () => {
    const me = await client().myself.getCurrentUser();
    expect(me.timeZone).toBe('America/Los_Angeles');
    expect(me.emailAddress).toBe(sim.credentials.email);
  });

  it('limits bursts per endpoint when documented limits are on', async () => {
    const limited = createJiraSim({ dataset: ds, clock, rateLimits: 'documented' });
    const limitedUrl = await serve(limited.app);
    for (let i = 0; i < JIRA_LIMITS.perEndpoint; i++)
      expect((await getJson(`${limitedUrl}/rest/api/3/myself`, auth)).status).toBe(200);
    const refused = await getJson(`${limitedUrl}/rest/api/3/myself`, auth);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    clock.advance(1_000);
    expect((await getJson(`${limitedUrl}/rest/api/3/myself`, auth)).status).toBe(200);
  });
});
