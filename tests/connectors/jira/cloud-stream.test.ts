import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.ts';
import { FakeJira, fakeIssue, serveCloud, zonelessJql } from './fake-jira.ts';
import { API_TOKEN, CLOUD, MIN, T0, harness, jiraMapping } from './harness.ts';

const SEARCH = '/rest/api/3/search/jql';
const BASE_JQL = 'project in (PAY, API) AND issuetype = Bug';
const START = Date.UTC(2025, 0, 1);
let fake: FakeJira;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  fake = new FakeJira(CLOUD);
});
afterEach(() => nock.cleanAll());

const issuesAt = (n: number, at: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => fakeIssue(at(i)));
const storedIds = (h: ReturnType<typeof harness>): Promise<string[]> => h.store.facts.ids('issue');

describe('jira.issues on Jira Cloud', () => {
  it('reads every page to the end, with epoch-ms JQL, only the needed fields, and Basic auth', async () => {
    const issues = issuesAt(250, (i) => T0 + i * MIN);
    fake.add(...issues);
    serveCloud(fake);
    const h = harness();
    const stats = await h.run();

    // Three search pages, then the page that ends a read from the start date.
    expect(stats).toMatchObject({
      pages: 4,
      upserts: 250,
      deletes: 0,
      reset: true,
      resetReason: 'first run',
    });
    expect((await h.store.facts.counts()).issue).toBe(250);
    expect(fake.calls.map((c) => c.maxResults)).toEqual([100, 100, 100]);
    expect(fake.calls[0]!.jql).toBe(`(${BASE_JQL}) AND updated >= ${START} ORDER BY updated ASC, id ASC`);
    expect(fake.calls[0]!.fields).toEqual([
      'issuetype',
      'priority',
      'status',
      'created',
      'updated',
      'resolutiondate',
      'customfield_10050',
      'customfield_10051',
    ]);
    expect(fake.calls[0]!.authorization).toBe(
      `Basic ${Buffer.from(`bot@acme.test:${API_TOKEN}`).toString('base64')}`,
    );
    expect(await h.cursor()).toMatchObject({ updatedMs: T0 + 249 * MIN, full: false });
    expect(stats.reconciliation).toMatchObject({ expected: 250, stored: 250 });
    expect(JSON.stringify(await h.store.facts.get({ kind: 'issue', id: issues[0]!.id }))).not.toMatch(
      /Customer|Free text/,
    );
    expect(h.counters).toMatchObject({ requests: 4, retries: 0, errors: 0 });
  });

  it('continues from the cursor minus the lookback, and does not count re-read issues again', async () => {
    fake.add(...issuesAt(30, (i) => T0 + i * MIN));
    serveCloud(fake);
    const h = harness();
    await h.run();
    const second = await h.run();
    expect(fake.calls[1]!.since).toBe(T0 + 29 * MIN - 15 * MIN);
    expect(second).toMatchObject({ pages: 1, upserts: 0, reset: false });
  });

  it('waits as long as a 429 Retry-After asks, then goes on', async () => {
    fake.add(...issuesAt(3, (i) => T0 + i));
    nock(CLOUD)
      .post(SEARCH)
      .reply(429, { errorMessages: ['Rate limit exceeded'] }, { 'Retry-After': '7' });
    serveCloud(fake);
    const h = harness();
    const t0 = h.clock.now();
    await h.run();
    expect((await h.store.facts.counts()).issue).toBe(3);
    expect(h.clock.now() - t0).toBeGreaterThanOrEqual(7_000);
    expect(h.counters).toMatchObject({ rateLimited: 1, retries: 1, errors: 0 });
  });

  it('backs off on a 429 without Retry-After', async () => {
    fake.add(...issuesAt(3, (i) => T0 + i));
    nock(CLOUD).post(SEARCH).reply(429);
    serveCloud(fake);
    const h = harness();
    await h.run();
    expect((await h.store.facts.counts()).issue).toBe(3);
    expect(h.clock.waits).toContain(50);
    expect(h.counters).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('retries a 5xx, then succeeds', async () => {
    fake.add(...issuesAt(3, (i) => T0 + i));
    nock(CLOUD).post(SEARCH).reply(503, 'upstream unavailable').post(SEARCH).reply(500, {});
    serveCloud(fake);
    const h = harness();
    await h.run();
    expect((await h.store.facts.counts()).issue).toBe(3);
    expect(h.counters).toMatchObject({ retries: 2, errors: 0 });
  });

  it('retries a connection reset', async () => {
    fake.add(...issuesAt(3, (i) => T0 + i));
    nock(CLOUD)
      .post(SEARCH)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    serveCloud(fake);
    const h = harness();
    await h.run();
    expect((await h.store.facts.counts()).issue).toBe(3);
    expect(h.counters.retries).toBe(1);
  });

  it('fails on a malformed page with a SourceError naming the endpoint, and keeps the cursor before it', async () => {
    fake.add(...issuesAt(150, (i) => T0 + i * MIN));
    const h = harness();
    let calls = 0;
    // The first page is served by the fake; the second is malformed, however often it is asked for.
    nock(CLOUD)
      .persist()
      .post(SEARCH)
      .reply(async (req: Request) => {
        calls++;
        const body = (await req.json()) as Record<string, unknown>;
        if (body.nextPageToken === undefined) return fake.cloudPage(body, undefined);
        return [200, { issues: [{ id: '1', key: 'PAY-1', fields: { updated: 'yesterday' } }], isLast: true }];
      });
    const err = await h.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('SOURCE_RESPONSE_INVALID');
    expect((err as SourceError).context.endpoint).toBe(`POST ${SEARCH}`);
    expect(calls).toBe(3); // page 1, page 2, and one retry of the malformed page
    expect(await h.cursor()).toMatchObject({ updatedMs: T0 + 99 * MIN, full: true });
    expect((await h.store.facts.counts()).issue).toBe(100);

    nock.cleanAll();
    serveCloud(fake);
    const rerun = await h.run();
    expect(rerun.reset).toBe(false);
    expect((await h.store.facts.counts()).issue).toBe(150);
  });

  it('loses and doubles nothing when many issues share one `updated` across a page boundary', async () => {
    const tie = T0 + 60 * MIN;
    fake.add(
      ...issuesAt(90, (i) => T0 + i * 1000),
      ...issuesAt(30, () => tie),
      ...issuesAt(30, (i) => tie + (i + 1) * 1000),
    );
    serveCloud(fake);
    const h = harness();
    const first = await h.run();
    expect(first.upserts).toBe(150);
    expect(await storedIds(h)).toHaveLength(150);
    // A later run re-reads the tie inside its lookback, and counts none of it again.
    fake.add(fakeIssue(tie + 10 * MIN));
    const second = await h.run();
    expect(second.upserts).toBe(1);
    expect(await storedIds(h)).toHaveLength(151);
  });

  it('picks up, on the next run, an issue that reached search late but inside the lookback', async () => {
    const late = fakeIssue(T0 + 50 * MIN, { hidden: true });
    const tooLate = fakeIssue(T0 - 60 * MIN, { hidden: true });
    fake.add(...issuesAt(5, (i) => T0 + i * 15 * MIN), late, tooLate);
    serveCloud(fake);
    const h = harness();
    await h.run();
    expect(await storedIds(h)).not.toContain(late.id);

    late.hidden = false;
    tooLate.hidden = false;
    const next = await h.run();
    expect(fake.calls.at(-1)!.since).toBe(T0 + 60 * MIN - 15 * MIN);
    expect(next.upserts).toBe(1);
    expect(await storedIds(h)).toContain(late.id);
    // Beyond the lookback an issue is missed, and reconciliation says so.
    expect(await storedIds(h)).not.toContain(tooLate.id);
    expect(next.reconciliation).toMatchObject({ expected: 7, stored: 6 });
  });

  it('asks in epoch ms, so a Jira user in a non-UTC zone loses nothing (a zone-less datetime would)', async () => {
    fake.userOffsetMin = -8 * 60; // the API user's profile says America/Los_Angeles (PST)
    serveCloud(fake);
    const h = harness();
    fake.add(fakeIssue(T0));
    await h.run(); // cursor at T0 (10:00 UTC)
    const missedByZoneless = [fakeIssue(T0 + 60 * MIN), fakeIssue(T0 + 5 * 60 * MIN)];
    fake.add(...missedByZoneless);
    await h.run();
    for (const i of missedByZoneless) expect(await storedIds(h)).toContain(i.id);
    // Times in the response carry the user's offset (-0800) and were read as the right instants.
    expect(await h.store.facts.get({ kind: 'issue', id: missedByZoneless[0]!.id })).toMatchObject({
      updatedAt: T0 + 60 * MIN,
    });

    // The same lower bound written without a zone is read as 09:45 in Los Angeles, 17:45 UTC.
    const since = fake.calls.at(-1)!.since!;
    expect(since).toBe(T0 - 15 * MIN);
    const zoneless = `(${BASE_JQL}) AND updated >= ${zonelessJql(since)} ORDER BY updated ASC, id ASC`;
    expect(fake.bound(zoneless)).toBe(since + 8 * 60 * MIN);
    const found = fake.matching(zoneless).map((i) => i.id);
    for (const i of missedByZoneless) expect(found).not.toContain(i.id);
  });

  it('after a crash between pages, a rerun stores each issue exactly once', async () => {
    fake.add(...issuesAt(250, (i) => T0 + i * MIN));
    serveCloud(fake);
    const h = harness();
    const commit = h.store.facts.commitPage.bind(h.store.facts);
    let pages = 0;
    h.store.facts.commitPage = (stream, page, next) => {
      if (++pages === 2) return Promise.reject(new Error('process killed'));
      return commit(stream, page, next);
    };
    await expect(h.run()).rejects.toThrow('process killed');
    expect((await h.store.facts.counts()).issue).toBe(100);

    h.store.facts.commitPage = commit;
    const rerun = await h.run();
    expect((await h.store.facts.counts()).issue).toBe(250);
    expect(new Set(await storedIds(h)).size).toBe(250);
    // The interrupted read resumes from its cursor: the 100 already stored are not counted again.
    expect(rerun).toMatchObject({ reset: false, upserts: 150 });
    expect(await h.cursor()).toMatchObject({ full: false, updatedMs: T0 + 249 * MIN });
  });

  it('restarts from the start date when the JQL changes, and removes issues it no longer returns', async () => {
    const api = fakeIssue(T0, { key: 'API-1' });
    fake.add(fakeIssue(T0 + MIN), api);
    serveCloud(fake);
    const h = harness();
    await h.run();
    expect(await storedIds(h)).toHaveLength(2);

    // The fake does not evaluate JQL: make the narrower query return only PAY issues.
    const narrower = h.streamFor(jiraMapping({ jql: 'project = PAY AND issuetype = Bug' }));
    fake.beforePage = (call) => {
      api.hidden = call.jql.startsWith('(project = PAY');
    };
    const stats = await h.run(narrower);
    expect(stats).toMatchObject({ reset: true, resetReason: 'configuration changed', deletes: 1 });
    expect(fake.calls.at(-1)!.jql).toBe(
      `(project = PAY AND issuetype = Bug) AND updated >= ${START} ORDER BY updated ASC, id ASC`,
    );
    expect(await storedIds(h)).not.toContain(api.id);
  });

  it('keeps stored issues when a read from the start date finds nothing (a lost permission looks the same)', async () => {
    fake.add(fakeIssue(T0));
    serveCloud(fake);
    const h = harness();
    await h.run();
    for (const i of fake.issues.values()) i.hidden = true;
    const stats = await h.run(h.streamFor(), true);
    expect(stats.deletes).toBe(0);
    expect(await storedIds(h)).toHaveLength(1);
  });
});
