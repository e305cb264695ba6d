import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors.ts';
import { FakeJira, fakeIssue, serveDataCenter } from './fake-jira.ts';
import { DC, MIN, PAT, T0, harness } from './harness.ts';

let fake: FakeJira;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  fake = new FakeJira(DC);
});
afterEach(() => nock.cleanAll());

const issuesAt = (n: number, at: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => fakeIssue(at(i)));

describe('jira.issues on Jira Data Center', () => {
  it('pages with startAt/total (each page re-checks the last issue of the one before), with a Bearer PAT', async () => {
    fake.add(...issuesAt(230, (i) => T0 + i * MIN));
    serveDataCenter(fake);
    const h = harness('datacenter');
    const stats = await h.run();
    const pages = fake.calls.filter((c) => c.maxResults > 0);
    expect(pages.map((c) => c.startAt)).toEqual([0, 95, 190]);
    expect(fake.calls.every((c) => c.authorization === `Bearer ${PAT}`)).toBe(true);
    expect(fake.calls[0]!.jql).toMatch(/\) AND updated >= \d+ ORDER BY updated ASC, id ASC$/);
    expect(stats.upserts).toBe(230);
    expect((await h.store.facts.counts()).issue).toBe(230);
    // Reconciliation asks for the total only.
    expect(fake.calls.at(-1)).toMatchObject({ maxResults: 0, since: null });
    expect(stats.reconciliation).toMatchObject({ expected: 230, stored: 230 });
  });

  it('loses nothing when an issue already read is updated between pages (results shift by one)', async () => {
    const issues = issuesAt(150, (i) => T0 + i * MIN);
    fake.add(...issues);
    serveDataCenter(fake);
    fake.beforePage = (call) => {
      if (call.startAt === 95) issues[3]!.updated = T0 + 500 * MIN; // moves to the end
    };
    const h = harness('datacenter');
    const stats = await h.run();
    expect((await h.store.facts.counts()).issue).toBe(150);
    expect(await h.store.facts.get({ kind: 'issue', id: issues[3]!.id })).toMatchObject({
      updatedAt: T0 + 500 * MIN,
    });
    expect(stats.upserts).toBe(151); // 150 issues, one of them in two versions
  });

  it('restarts from the last issue read when the results shift by more than the overlap', async () => {
    const issues = issuesAt(150, (i) => T0 + i * MIN);
    fake.add(...issues);
    serveDataCenter(fake);
    fake.beforePage = (call) => {
      if (call.startAt === 95 && call.since === Date.UTC(2025, 0, 1))
        for (const i of issues.slice(0, 20)) i.updated += 1000 * MIN;
    };
    const h = harness('datacenter');
    await h.run();
    expect((await h.store.facts.counts()).issue).toBe(150);
    // The restart searched again from the last issue read (issue 99's minute).
    expect(fake.calls.some((c) => c.since === T0 + 99 * MIN && c.startAt === 0)).toBe(true);
    for (const i of issues)
      expect(await h.store.facts.get({ kind: 'issue', id: i.id })).toMatchObject({ updatedAt: i.updated });
  });

  it('says what to change when the site is really Jira Cloud (HTTP 410 on the old search)', async () => {
    nock(DC)
      .get('/rest/api/2/search')
      .query(true)
      .reply(410, { errorMessages: ['Gone'] });
    const h = harness('datacenter');
    const err = await h.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/JIRA_DEPLOYMENT=cloud/);
  });
});
