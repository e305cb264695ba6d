import { readFileSync } from 'node:fs';
import nock from 'nock';
import { parse } from 'yaml';
import { GenesysMapping } from '../../../src/config/mappings/genesys.ts';

export const LOGIN = 'https://login.mypurecloud.ie';
export const API = 'https://api.mypurecloud.ie';
export const QUERY = '/api/v2/analytics/conversations/details/query';
export const JOBS = '/api/v2/analytics/conversations/details/jobs';
export const HASH_KEY = 'genesys-test-hash-key-0123456789';

export const mapping = (over: Partial<GenesysMapping> = {}): GenesysMapping => ({
  ...GenesysMapping.parse(
    parse(readFileSync(new URL('../../../mappings/genesys.yaml', import.meta.url), 'utf8')),
  ),
  ...over,
});

const iso = (ms: number) => new Date(ms).toISOString();

/** An answered, transferred inbound call as the details query returns it (names and notes included). */
export function answeredCall(
  id: string,
  startMs: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    conversationId: id,
    conversationStart: iso(startMs),
    conversationEnd: iso(startMs + 12 * 60_000),
    originatingDirection: 'inbound',
    divisionIds: ['d-1'],
    mediaStatsMinConversationMos: 4.38,
    participants: [
      {
        participantId: 'p-cust',
        participantName: 'Jane Caller',
        purpose: 'customer',
        externalContactId: 'ec-77',
        externalOrganizationId: '001Dn00000AbCdEIAZ',
        sessions: [
          {
            sessionId: 's-1',
            mediaType: 'voice',
            direction: 'inbound',
            ani: 'tel:+15550107788',
            dnis: 'tel:+18005550100',
            remote: 'Jane Caller',
            metrics: [{ name: 'nConnected', value: 1, emitDate: iso(startMs) }],
            segments: [{ segmentType: 'interact', disconnectType: 'endpoint', segmentStart: iso(startMs) }],
          },
        ],
      },
      {
        participantId: 'p-ivr',
        purpose: 'ivr',
        sessions: [
          {
            mediaType: 'voice',
            direction: 'inbound',
            ani: 'tel:+15550107788',
            segments: [{ segmentType: 'ivr' }],
          },
        ],
      },
      {
        participantId: 'p-acd',
        participantName: 'Payments Support',
        purpose: 'acd',
        sessions: [
          {
            mediaType: 'voice',
            metrics: [
              { name: 'tAcd', value: 45_000, emitDate: iso(startMs) },
              { name: 'nOffered', value: 1, emitDate: iso(startMs) },
            ],
            segments: [{ segmentType: 'interact', queueId: 'q-payments', disconnectType: 'transfer' }],
          },
        ],
      },
      {
        participantId: 'p-agent',
        participantName: 'Agent Smith',
        purpose: 'agent',
        userId: 'u-1',
        sessions: [
          {
            mediaType: 'voice',
            direction: 'inbound',
            metrics: [
              { name: 'tAnswered', value: 1_000 },
              { name: 'tTalk', value: 300_000 },
              { name: 'tTalk', value: 120_000 },
              { name: 'tTalkComplete', value: 420_000 },
              { name: 'tHeld', value: 60_000 },
              { name: 'tHeldComplete', value: 60_000 },
              { name: 'tAcw', value: 90_000 },
              { name: 'tHandle', value: 570_000 },
              { name: 'nTransferred', value: 1 },
            ],
            segments: [
              {
                segmentType: 'wrapup',
                queueId: 'q-payments',
                wrapUpCode: 'wc-1',
                wrapUpNote: 'Customer furious about payout',
              },
            ],
          },
        ],
      },
    ],
    ...over,
  };
}

/** A caller who hung up in queue: tAbandon on the ACD session, no agent. */
export function abandonedCall(id: string, startMs: number): Record<string, unknown> {
  const c = answeredCall(id, startMs);
  const participants = (c.participants as Record<string, unknown>[]).filter((p) => p.purpose !== 'agent');
  const acd = participants.find((p) => p.purpose === 'acd') as { sessions: { metrics: unknown[] }[] };
  acd.sessions[0]!.metrics.push({ name: 'tAbandon', value: 30_000 });
  return { ...c, participants, conversationEnd: new Date(startMs + 60_000).toISOString() };
}

export interface FakeGenesys {
  convs: Record<string, unknown>[];
  queries: { interval: string; pageNumber: number; body: Record<string, unknown> }[];
  jobsCreated: string[];
  jobBodies: unknown[];
  tokens: number;
  /** Called after each query is answered (to make data arrive mid-read). */
  afterQuery?: (q: { interval: string; pageNumber: number }) => void;
  /** Job requests in arrival order: `create job-1`, `poll job-1`, `results job-1` (`… last` for the last page). */
  jobLog: string[];
  /** The most jobs that existed at once: created, and not yet read to their last results page. */
  maxJobsInFlight: number;
  /** A job's state at its nth poll (1-based); default: QUEUED, then FULFILLED. */
  jobState?: (id: string, poll: number) => string;
  /** Called (and awaited) when a results page is requested, before it is answered. */
  onResults?: (id: string) => void | Promise<void>;
}

/**
 * A nock fake of the analytics API: conversations whose start is in [interval start, end), ascending,
 * paged by pageNumber; async jobs that go QUEUED → FULFILLED and page their results by cursor; tokens.
 * Interceptors registered before it (faults) are used first.
 */
export function fakeGenesys(
  opts: { lakeUntil?: string; jobPageSize?: number; overlapping?: boolean } = {},
): FakeGenesys {
  const fake: FakeGenesys = {
    convs: [],
    queries: [],
    jobsCreated: [],
    jobBodies: [],
    tokens: 0,
    jobLog: [],
    maxJobsInFlight: 0,
  };
  const inFlight = new Set<string>();
  const inInterval = (interval: string) => {
    const [s, e] = interval.split('/').map((x) => Date.parse(x));
    return fake.convs
      .filter((c) => {
        const t = Date.parse(c.conversationStart as string);
        // `overlapping`: as Genesys documents it, every conversation that overlaps the interval.
        const end = c.conversationEnd ? Date.parse(c.conversationEnd as string) : t;
        return opts.overlapping ? t < e! && end >= s! : t >= s! && t < e!;
      })
      .sort((a, b) => Date.parse(a.conversationStart as string) - Date.parse(b.conversationStart as string));
  };
  nock(LOGIN)
    .persist()
    .post('/oauth/token')
    .reply(() => [200, { access_token: `tok${++fake.tokens}`, token_type: 'bearer', expires_in: 86400 }]);
  // nock 15 calls a reply function with the fetch Request (a two-parameter function is taken as callback-style).
  nock(API)
    .persist()
    .post(QUERY)
    .reply(async (req: Request) => {
      const b = (await req.json()) as { interval: string; paging: { pageSize: number; pageNumber: number } };
      fake.queries.push({ interval: b.interval, pageNumber: b.paging.pageNumber, body: b });
      const all = inInterval(b.interval);
      const page = all.slice(
        (b.paging.pageNumber - 1) * b.paging.pageSize,
        b.paging.pageNumber * b.paging.pageSize,
      );
      fake.afterQuery?.({ interval: b.interval, pageNumber: b.paging.pageNumber });
      return [200, all.length ? { conversations: page, totalHits: all.length } : { totalHits: 0 }];
    });
  const jobs = new Map<string, { interval: string; polls: number }>();
  nock(API)
    .persist()
    .get(`${JOBS}/availability`)
    .reply(200, { dataAvailabilityDate: opts.lakeUntil ?? '2026-11-20T00:00:00.000Z' })
    .post(JOBS)
    .reply(async (req: Request) => {
      const id = `job-${jobs.size + 1}`;
      jobs.set(id, { interval: '', polls: 0 });
      fake.jobLog.push(`create ${id}`);
      inFlight.add(id);
      fake.maxJobsInFlight = Math.max(fake.maxJobsInFlight, inFlight.size);
      const body = (await req.json()) as { interval: string };
      const { interval } = body;
      fake.jobBodies.push(body);
      jobs.get(id)!.interval = interval;
      fake.jobsCreated.push(interval);
      return [202, { jobId: id }];
    })
    .get(/\/jobs\/job-\d+$/)
    .reply((req: Request) => {
      const id = new URL(req.url).pathname.split('/').pop()!;
      const job = jobs.get(id)!;
      fake.jobLog.push(`poll ${id}`);
      const poll = ++job.polls;
      return [200, { state: fake.jobState?.(id, poll) ?? (poll <= 1 ? 'QUEUED' : 'FULFILLED') }];
    })
    .get(/\/jobs\/job-\d+\/results/)
    .query(true)
    .reply(async (req: Request) => {
      const url = new URL(req.url);
      const id = url.pathname.split('/').at(-2)!;
      const job = jobs.get(id)!;
      const size = opts.jobPageSize ?? 2;
      const from = Number(url.searchParams.get('cursor') ?? '0');
      const all = inInterval(job.interval);
      const next = from + size < all.length ? String(from + size) : undefined;
      fake.jobLog.push(`results ${id}${next ? '' : ' last'}`);
      if (!next) inFlight.delete(id);
      await fake.onResults?.(id);
      return [200, { conversations: all.slice(from, from + size), ...(next ? { cursor: next } : {}) }];
    });
  return fake;
}
