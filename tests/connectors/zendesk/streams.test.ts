import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zendeskStreams, type ZendeskEnv } from '../../../connectors/zendesk/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import type { ZendeskMapping } from '../../../src/config/mappings/zendesk.ts';
import type { TicketFact } from '../../../src/facts/schemas.ts';
import { createCounters } from '../../../src/http/limits.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/open-sqlite.ts';
import { runStream } from '../../../src/sync/run-stream.ts';
import type { StreamDef } from '../../../src/facts/stream.ts';
import { fakeClock } from '../../http/helpers.ts';
import { HASH_KEY, mapping, rawMetricSet, rawOrganization, rawTicket, ticketsPage } from './fixtures.ts';
import { SecretScrubber } from '../../../src/log/redact.ts';

const BASE = 'https://acme.zendesk.com';
const EXPORT = '/api/v2/incremental/tickets/cursor.json';
const START = Date.parse('2025-01-01T00:00:00Z') / 1000;
const log = pino({ level: 'silent' });
const tokenEnv: ZendeskEnv = {
  baseUrl: BASE,
  auth: { type: 'token', email: 'ops@acme.test', apiToken: 'tok-secret-123' },
};
const oauthEnv: ZendeskEnv = {
  baseUrl: BASE,
  auth: { type: 'oauth', clientId: 'health-sync', clientSecret: 'oauth-secret-456' },
};

let store: SqliteStore;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  nock.cleanAll();
  await store.close();
});

function build(opts: { env?: ZendeskEnv; mapping?: ZendeskMapping } = {}) {
  const counters = createCounters();
  const clock = fakeClock();
  const streams = zendeskStreams(opts.env ?? tokenEnv, { zendesk: opts.mapping ?? mapping() } as Mappings, {
    counters,
    log,
    scrubber: new SecretScrubber(),
    hashKey: HASH_KEY,
    rateLimits: 'documented',
    clock,
    retry: { maxAttempts: 3, random: () => 0.5, baseDelayMs: 1000 },
  });
  const byName = (n: string) => streams.find((s) => s.name === n)!;
  return {
    counters,
    clock,
    streams,
    tickets: byName('zendesk.tickets'),
    orgs: byName('zendesk.organizations'),
  };
}
const run = (stream: StreamDef<unknown>, full = false) =>
  runStream(stream, {
    store,
    log,
    signal: new AbortController().signal,
    full,
    now: () => Date.parse('2026-11-23T12:00:00Z'),
  });
const exportQuery = (q: Record<string, string>) => q.per_page === '1000' && q.include === 'metric_sets,users';
const first = (q: Record<string, string>) =>
  exportQuery(q) && q.start_time === String(START) && q.cursor === undefined;
const after = (c: string) => (q: Record<string, string>) =>
  exportQuery(q) && q.cursor === c && q.start_time === undefined;
const countOk = () =>
  nock(BASE)
    .get('/api/v2/tickets/count.json')
    .reply(200, { count: { value: 1, refreshed_at: '2026-11-23T11:00:00Z' } });
const ticket = async (id: string) =>
  (await store.facts.get({ kind: 'ticket', id })) as TicketFact | undefined;

describe('zendesk.tickets', () => {
  it('reads every page to end_of_stream: start_time first, then the cursor; cursor committed per page', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1), rawTicket(2)], 'c1', false))
      .get(EXPORT)
      .query(after('c1'))
      .reply(200, ticketsPage([rawTicket(3)], 'c2', false))
      .get(EXPORT)
      .query(after('c2'))
      .reply(200, ticketsPage([], 'c3', true));
    countOk();
    const { tickets, counters } = build();
    const stats = await run(tickets);
    expect(stats).toMatchObject({ pages: 3, upserts: 3, reset: true });
    expect(await store.facts.ids('ticket')).toEqual(['1', '2', '3']);
    expect((await store.cursors.get('zendesk.tickets'))?.value).toEqual({ afterCursor: 'c3' });
    expect(counters).toMatchObject({ requests: 4, retries: 0, errors: 0 }); // 3 pages + the count
    expect(nock.isDone()).toBe(true);

    nock(BASE)
      .get(EXPORT)
      .query(after('c3'))
      .reply(200, ticketsPage([], 'c3', true));
    expect(await run(build().tickets)).toMatchObject({ pages: 1, upserts: 0, reset: false });
  });

  it('records with identical timestamps across a page boundary: none lost, none doubled', async () => {
    const same = { updated_at: '2025-03-02T10:00:00Z', generated_timestamp: 1740909600 };
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(
        200,
        ticketsPage(
          [1, 2, 3].map((i) => rawTicket(i, same)),
          'c1',
          false,
        ),
      )
      .get(EXPORT)
      .query(after('c1'))
      .reply(
        200,
        ticketsPage(
          [4, 5].map((i) => rawTicket(i, same)),
          'c2',
          true,
        ),
      );
    const stats = await run(build().tickets);
    expect(stats.upserts).toBe(5);
    expect(await store.facts.ids('ticket')).toEqual(['1', '2', '3', '4', '5']);
  });

  it('a system update that only moves generated_timestamp still refreshes the fact', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(7)], 'c1', true));
    await run(build().tickets);
    expect(await ticket('7')).toMatchObject({ reopens: 0, updatedAt: Date.parse('2025-03-02T10:00:00Z') });

    const page = ticketsPage([rawTicket(7, { generated_timestamp: 1740999999 })], 'c2', true, {
      metric_sets: [rawMetricSet(7, { reopens: 1 })],
    });
    nock(BASE).get(EXPORT).query(after('c1')).reply(200, page);
    await run(build().tickets);
    expect(await ticket('7')).toMatchObject({ reopens: 1, updatedAt: Date.parse('2025-03-02T10:00:00Z') });
  });

  it('a deleted ticket removes its fact', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(8), rawTicket(9)], 'c1', true));
    await run(build().tickets);
    nock(BASE)
      .get(EXPORT)
      .query(after('c1'))
      .reply(200, ticketsPage([rawTicket(8, { status: 'deleted' })], 'c2', true));
    const stats = await run(build().tickets);
    expect(stats.deletes).toBe(1);
    expect(await store.facts.ids('ticket')).toEqual(['9']);
  });

  it('429 with Retry-After pauses the export bucket, then continues', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(429, '', { 'Retry-After': '60' })
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1)], 'c1', true));
    countOk();
    const { tickets, counters, clock } = build();
    await run(tickets);
    expect(counters).toMatchObject({ requests: 3, rateLimited: 1, retries: 1 });
    expect(clock.waits).toContain(60_000);
    expect(await store.facts.ids('ticket')).toEqual(['1']);
  });

  it('retries 5xx and a connection reset', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(503)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1)], 'c1', false))
      .get(EXPORT)
      .query(after('c1'))
      .replyWithError(reset)
      .get(EXPORT)
      .query(after('c1'))
      .reply(200, ticketsPage([rawTicket(2)], 'c2', true));
    countOk();
    const { tickets, counters } = build();
    await run(tickets);
    expect(counters).toMatchObject({ requests: 5, retries: 2, errors: 0 });
    expect(await store.facts.ids('ticket')).toEqual(['1', '2']);
  });

  it('stays under 10 export requests a minute (documented limits)', async () => {
    const scope = nock(BASE);
    scope
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1)], 'p1', false));
    for (let i = 1; i < 12; i++)
      scope
        .get(EXPORT)
        .query(after(`p${i}`))
        .reply(200, ticketsPage([rawTicket(i + 1)], `p${i + 1}`, i === 11));
    const { tickets, clock } = build();
    const t0 = clock.now();
    await run(tickets);
    expect(await store.facts.ids('ticket')).toHaveLength(12);
    // 12 requests: the 11th had to wait for the first minute (+ margin) to pass.
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000);
  });

  it('a malformed page fails with a SourceError naming the endpoint, and the cursor does not advance', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1)], 'c1', false))
      .get(EXPORT)
      .query(after('c1'))
      .times(2)
      .reply(200, '{"tickets":[{"id":2,', { 'content-type': 'application/json' });
    await expect(run(build().tickets)).rejects.toMatchObject({
      code: 'SOURCE_RESPONSE_INVALID',
      context: { endpoint: `GET ${EXPORT}` },
    });
    expect((await store.cursors.get('zendesk.tickets'))?.value).toEqual({ afterCursor: 'c1' });
    expect(await store.facts.ids('ticket')).toEqual(['1']);
  });

  it('a crash between pages: the rerun resumes and stores each record exactly once', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1), rawTicket(2)], 'c1', false))
      .get(EXPORT)
      .query(after('c1'))
      .times(3)
      .reply(500);
    await expect(run(build().tickets)).rejects.toMatchObject({ code: 'SOURCE_HTTP', status: 500 });
    nock(BASE)
      .get(EXPORT)
      .query(after('c1'))
      .reply(200, ticketsPage([rawTicket(2), rawTicket(3)], 'c2', true));
    const stats = await run(build().tickets);
    expect(stats).toMatchObject({ reset: false, upserts: 2 });
    expect((await store.facts.counts()).ticket).toBe(3);
  });

  it('401 mid-run renews the OAuth token and replays the page', async () => {
    nock(BASE)
      .post('/oauth/tokens', {
        grant_type: 'client_credentials',
        scope: 'read',
        client_id: 'health-sync',
        client_secret: 'oauth-secret-456',
      })
      .reply(200, { access_token: 'tokA', token_type: 'bearer', expires_in: 7200 })
      .post('/oauth/tokens')
      .reply(200, { access_token: 'tokB', token_type: 'bearer', expires_in: 7200 });
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .matchHeader('authorization', 'Bearer tokA')
      .reply(200, ticketsPage([rawTicket(1)], 'c1', false))
      .get(EXPORT)
      .query(after('c1'))
      .matchHeader('authorization', 'Bearer tokA')
      .reply(401, { error: 'invalid_token' })
      .get(EXPORT)
      .query(after('c1'))
      .matchHeader('authorization', 'Bearer tokB')
      .reply(200, ticketsPage([rawTicket(2)], 'c2', true));
    await run(build({ env: oauthEnv }).tickets);
    expect(await store.facts.ids('ticket')).toEqual(['1', '2']);
    expect(nock.isDone()).toBe(true);
  });

  it('a mapping change (new risk keyword) restarts the stream from start_date', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1, { subject: 'we will churn' })], 'c1', true));
    await run(build().tickets);
    expect((await ticket('1'))?.riskFlag).toBe(false);
    const m = mapping();
    m.tickets.risk_keywords.push('churn');
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1, { subject: 'we will churn' })], 'c9', true));
    const stats = await run(build({ mapping: m }).tickets);
    expect(stats).toMatchObject({ reset: true, resetReason: 'configuration changed' });
    expect((await ticket('1'))?.riskFlag).toBe(true);
  });

  it('an SLA target change re-reads nothing: the metrics apply targets to the stored minutes', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1)], 'c1', true));
    await run(build().tickets);
    const m = mapping();
    m.sla.first_reply_minutes.normal = (m.sla.first_reply_minutes.normal ?? 60) + 1;
    nock(BASE)
      .get(EXPORT)
      .query(after('c1'))
      .reply(200, ticketsPage([], 'c2', true));
    const stats = await run(build({ mapping: m }).tickets);
    expect(stats).toMatchObject({ reset: false, upserts: 0 });
    expect(nock.isDone()).toBe(true);
  });

  it('reconciles with the approximate ticket count', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([rawTicket(1), rawTicket(2)], 'c1', true))
      .get('/api/v2/tickets/count.json')
      .reply(200, { count: { value: 5, refreshed_at: '2026-11-23T11:00:00Z' } });
    const stats = await run(build().tickets);
    expect(stats.reconciliation).toMatchObject({ expected: 5, stored: 2 });
    expect(stats.reconciliation?.note).toMatch(/approximate.*difference 3/);
  });

  it('says so when Zendesk is recounting', async () => {
    nock(BASE)
      .get(EXPORT)
      .query(first)
      .reply(200, ticketsPage([], 'c1', true))
      .get('/api/v2/tickets/count.json')
      .reply(200, { count: { value: 100000, refreshed_at: null } });
    const stats = await run(build().tickets);
    expect(stats.reconciliation).toMatchObject({ expected: null });
  });

  it('never asks for a start_time within the last minute', async () => {
    const m = mapping();
    m.tickets.start_date = '2026-11-23'; // today: "now" in these tests is 12:00 UTC
    const seen: string[] = [];
    nock(BASE)
      .get(EXPORT)
      .query((q) => (seen.push(String(q.start_time)), true))
      .reply(200, ticketsPage([], 'c1', true));
    await run(build({ mapping: m }).tickets);
    expect(Number(seen[0])).toBe(Date.parse('2026-11-23T00:00:00Z') / 1000);
    const m2 = mapping();
    m2.tickets.start_date = '2026-12-01';
    nock(BASE)
      .get(EXPORT)
      .query((q) => (seen.push(String(q.start_time)), true))
      .reply(200, ticketsPage([], 'c1', true));
    await run(build({ mapping: m2 }).tickets);
    expect(Number(seen[1])).toBeLessThanOrEqual(Date.parse('2026-11-23T12:00:00Z') / 1000 - 60);
  });
});

describe('zendesk.organizations', () => {
  const ORGS = '/api/v2/incremental/organizations.json';
  const orgsPage = (orgs: Record<string, unknown>[], end: number, eos: boolean) => ({
    organizations: orgs,
    next_page: eos ? null : `${BASE}${ORGS}?start_time=${end}`,
    end_time: end,
    end_of_stream: eos,
    count: orgs.length,
  });

  it('reads the time-based export from 0, page by page, and applies deletions', async () => {
    nock(BASE)
      .get(ORGS)
      .query({ start_time: '0' })
      .reply(200, orgsPage([rawOrganization(1), rawOrganization(2)], 1700000000, false))
      .get(ORGS)
      .query({ start_time: '1700000000' })
      .reply(200, orgsPage([rawOrganization(2), rawOrganization(3)], 1700000500, true));
    const { orgs, streams } = build();
    expect(streams.map((s) => s.name)).toEqual(['zendesk.organizations', 'zendesk.tickets']);
    const stats = await run(orgs);
    expect(stats).toMatchObject({ pages: 2, upserts: 4 });
    expect(await store.facts.ids('organization')).toEqual(['1', '2', '3']);
    expect((await store.cursors.get('zendesk.organizations'))?.value).toEqual({ startTime: 1700000500 });

    nock(BASE)
      .get(ORGS)
      .query({ start_time: '1700000500' })
      .reply(200, orgsPage([rawOrganization(1, { deleted_at: '2025-06-01T00:00:00Z' })], 1700000900, true));
    await run(build().orgs);
    expect(await store.facts.ids('organization')).toEqual(['2', '3']);
  });

  it('fails loudly when the export does not move forward', async () => {
    nock(BASE)
      .get(ORGS)
      .query({ start_time: '0' })
      .reply(200, orgsPage([rawOrganization(1)], 0, false));
    await expect(run(build().orgs)).rejects.toThrow(/already returned/);
  });

  it('is not built when organizations are disabled', () => {
    const m = mapping();
    m.organizations.enabled = false;
    expect(build({ mapping: m }).streams.map((s) => s.name)).toEqual(['zendesk.tickets']);
  });
});
