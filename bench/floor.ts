/**
 * The floor of a sync: fetch and `JSON.parse` the same pages from the same sandbox, following the same
 * cursors as the connectors, one stream after another as the sync reads them, with no validation,
 * mapping, matching, storage or scoring. The queries come from the connectors' own pure builders, so
 * both read the same pages. Async Genesys jobs are polled without waiting between polls (the sandbox
 * fulfils a job after a number of polls, not after a time), so the floor never waits for a job.
 */
import { accountsSoql, unmatchedSoql } from '../connectors/salesforce/index.ts';
import { planWindows, readUntil, toInterval, type TimeWindow } from '../connectors/genesys/index.ts';
import { requestedFields, searchJql, startDateMs } from '../connectors/jira/index.ts';
import type { Mappings } from '../src/config/mappings/index.ts';

export interface StreamFloor {
  requests: number;
  records: number;
  wallMs: number;
  /** Data pages alone, ⌈records ÷ page size⌉ per window or query (no auth, polls or job creation). */
  pageFloor: number;
}

export type FloorResult = Record<string, StreamFloor>;

type Env = Record<string, string>;
type Json = Record<string, unknown>;

interface Counter {
  requests: number;
}

async function getJson(c: Counter, url: string, init: RequestInit = {}): Promise<Json> {
  c.requests++;
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url.split('?')[0]}: HTTP ${res.status}`);
  return JSON.parse(text) as Json;
}

const basic = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const pagesOf = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));

async function timed(
  fn: (c: Counter) => Promise<{ records: number; pageFloor: number }>,
): Promise<StreamFloor> {
  const c: Counter = { requests: 0 };
  const t0 = performance.now();
  const r = await fn(c);
  return { requests: c.requests, wallMs: performance.now() - t0, ...r };
}

// https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
async function zendeskTickets(
  env: Env,
  m: Mappings,
  c: Counter,
): Promise<{ records: number; pageFloor: number }> {
  const auth = { authorization: basic(`${env['ZENDESK_EMAIL']}/token`, env['ZENDESK_API_TOKEN']!) };
  const base = `${env['ZENDESK_BASE_URL']}/api/v2/incremental/tickets/cursor.json`;
  const perPage = m.zendesk.tickets.page_size;
  const start = Math.floor(Date.parse(`${m.zendesk.tickets.start_date}T00:00:00Z`) / 1000);
  let position = `start_time=${start}`;
  let records = 0;
  for (;;) {
    const page = await getJson(c, `${base}?${position}&per_page=${perPage}&include=metric_sets,users`, {
      headers: auth,
    });
    records += arr(page['tickets']).length;
    const after = page['after_cursor'];
    if (page['end_of_stream'] === true || typeof after !== 'string') break;
    position = `cursor=${encodeURIComponent(after)}`;
  }
  return { records, pageFloor: pagesOf(records, perPage) };
}

async function zendeskOrganizations(env: Env, c: Counter): Promise<{ records: number; pageFloor: number }> {
  const auth = { authorization: basic(`${env['ZENDESK_EMAIL']}/token`, env['ZENDESK_API_TOKEN']!) };
  const base = `${env['ZENDESK_BASE_URL']}/api/v2/incremental/organizations.json`;
  let startTime = 0;
  let records = 0;
  for (;;) {
    const page = await getJson(c, `${base}?start_time=${startTime}`, { headers: auth });
    records += arr(page['organizations']).length;
    const end = page['end_time'];
    if (page['end_of_stream'] === true || typeof end !== 'number') break;
    startTime = end;
  }
  return { records, pageFloor: pagesOf(records, 1000) };
}

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
async function jiraIssues(
  env: Env,
  m: Mappings,
  c: Counter,
): Promise<{ records: number; pageFloor: number }> {
  const headers = {
    authorization: basic(env['JIRA_EMAIL']!, env['JIRA_API_TOKEN']!),
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const jql = searchJql(m.jira.jql, startDateMs(m.jira));
  const fields = requestedFields(m.jira);
  let token: string | undefined;
  let records = 0;
  for (;;) {
    const page = await getJson(c, `${env['JIRA_BASE_URL']}/rest/api/3/search/jql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jql,
        fields,
        maxResults: m.jira.page_size,
        ...(token ? { nextPageToken: token } : {}),
      }),
    });
    records += arr(page['issues']).length;
    const next = page['nextPageToken'];
    if (page['isLast'] === true || typeof next !== 'string') break;
    token = next;
  }
  return { records, pageFloor: pagesOf(records, m.jira.page_size) };
}

// https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/conversation-query
async function genesysCalls(
  env: Env,
  m: Mappings,
  c: Counter,
): Promise<{ records: number; pageFloor: number }> {
  const g = m.genesys;
  const tok = await getJson(c, `${env['GENESYS_LOGIN_URL']}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(env['GENESYS_CLIENT_ID']!, env['GENESYS_CLIENT_SECRET']!),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const headers = {
    authorization: `Bearer ${String(tok['access_token'])}`,
    'content-type': 'application/json',
  };
  const api = `${env['GENESYS_API_BASE_URL']}/api/v2/analytics/conversations/details`;
  const filters = {
    segmentFilters: [
      {
        type: 'or',
        predicates: g.media_types.map((value) => ({
          type: 'dimension',
          dimension: 'mediaType',
          operator: 'matches',
          value,
        })),
      },
      ...(g.queues.length
        ? [
            {
              type: 'or',
              predicates: g.queues.map((value) => ({
                type: 'dimension',
                dimension: 'queueId',
                operator: 'matches',
                value,
              })),
            },
          ]
        : []),
    ],
  };
  // The same plan as connectors/genesys/calls-stream.ts on a first run: week-long async jobs for what
  // is older than backfill_jobs_after_days (as far as the data lake goes), then daily details queries.
  const now = Date.now();
  const from = Date.parse(`${g.start_date}T00:00:00Z`);
  const until = readUntil(now);
  const jobsBefore = now - g.backfill_jobs_after_days * 86_400_000;
  const windows: { w: TimeWindow; job: boolean }[] = [];
  let cut = from;
  if (from < Math.min(jobsBefore, until)) {
    const avail = await getJson(c, `${api}/jobs/availability`, { headers });
    const jobsEnd = Math.min(jobsBefore, until, Date.parse(String(avail['dataAvailabilityDate'])));
    if (jobsEnd > from) {
      for (const w of planWindows(from, jobsEnd, Math.max(7 * 86_400_000, g.window_hours * 3_600_000)))
        windows.push({ w, job: true });
      cut = jobsEnd;
    }
  }
  for (const w of planWindows(cut, until, g.window_hours * 3_600_000)) windows.push({ w, job: false });

  let records = 0;
  let pageFloor = 0;
  for (const { w, job } of windows) {
    const query = { interval: toInterval(w), order: 'asc', orderBy: 'conversationStart', ...filters };
    if (job) {
      const created = await getJson(c, `${api}/jobs`, {
        method: 'POST',
        headers,
        body: JSON.stringify(query),
      });
      const id = encodeURIComponent(String(created['jobId']));
      while ((await getJson(c, `${api}/jobs/${id}`, { headers }))['state'] !== 'FULFILLED');
      let cursor: string | undefined;
      let n = 0;
      do {
        const q = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await getJson(c, `${api}/jobs/${id}/results?pageSize=1000${q}`, { headers });
        n += arr(page['conversations']).length;
        cursor = typeof page['cursor'] === 'string' && page['cursor'] ? page['cursor'] : undefined;
      } while (cursor);
      records += n;
      pageFloor += pagesOf(n, 1000);
      continue;
    }
    let n = 0;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await getJson(c, `${api}/query`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...query, paging: { pageSize: g.page_size, pageNumber } }),
      });
      const got = arr(page['conversations']).length;
      n += got;
      if (got === 0 || n >= Number(page['totalHits'] ?? 0)) break;
    }
    records += n;
    pageFloor += pagesOf(n, g.page_size);
  }
  return { records, pageFloor };
}

// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
async function salesforceAccounts(
  env: Env,
  m: Mappings,
  c: Counter,
): Promise<{ records: number; pageFloor: number }> {
  const tok = await getJson(c, `${env['SF_LOGIN_URL']}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env['SF_CLIENT_ID']!,
      client_secret: env['SF_CLIENT_SECRET']!,
    }).toString(),
  });
  const instance = String(tok['instance_url']);
  const headers = {
    authorization: `Bearer ${String(tok['access_token'])}`,
    'Sforce-Query-Options': 'batchSize=2000',
  };
  const version = `/services/data/v${env['SF_API_VERSION']}`;
  const cfg = m.accounts.salesforce;
  let records = 0;
  let pageFloor = 0;
  // A full read: the live Accounts, then those changed in the last day that no longer match `where`.
  const unmatched = unmatchedSoql(cfg, Date.now() - 24 * 3600_000);
  for (const [resource, soql] of [
    ['query', accountsSoql(cfg, null)],
    ...(unmatched ? [['query', unmatched] as const] : []),
  ] as const) {
    let url: string | undefined = `${instance}${version}/${resource}?q=${encodeURIComponent(soql)}`;
    let n = 0;
    while (url) {
      const page = await getJson(c, url, { headers });
      n += arr(page['records']).length;
      const next = page['nextRecordsUrl'];
      url = page['done'] === true || typeof next !== 'string' ? undefined : `${instance}${next}`;
    }
    if (resource === 'query') records += n;
    pageFloor += pagesOf(n, 2000);
  }
  return { records, pageFloor };
}

/** Every stream, serially, in the order the pipeline reads them. */
export async function measureFloor(env: Env, m: Mappings): Promise<FloorResult> {
  return {
    'salesforce.accounts': await timed((c) => salesforceAccounts(env, m, c)),
    'zendesk.tickets': await timed((c) => zendeskTickets(env, m, c)),
    'zendesk.organizations': await timed((c) => zendeskOrganizations(env, c)),
    'jira.issues': await timed((c) => jiraIssues(env, m, c)),
    'genesys.calls': await timed((c) => genesysCalls(env, m, c)),
  };
}
