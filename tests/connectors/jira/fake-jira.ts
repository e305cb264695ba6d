import nock from 'nock';

/**
 * A small fake of Jira search behind nock, with the behaviours the issues stream must survive:
 * JQL `updated >=` bounds (epoch ms, or a zone-less datetime read in the user's time zone),
 * `ORDER BY updated ASC, id ASC`, Cloud token pages and Data Center offset pages, issues that reach
 * the search index late, and updates between pages.
 */
export interface FakeIssue {
  id: string;
  key: string;
  updated: number;
  created: number;
  resolved: number | null;
  priority: string | null;
  category: 'new' | 'indeterminate' | 'done';
  type: string;
  account: unknown;
  tickets: unknown;
  /** Not yet visible in search (eventual consistency). */
  hidden?: boolean;
}

export interface SearchCall {
  jql: string;
  since: number | null;
  fields: string[];
  maxResults: number;
  token?: string | undefined;
  startAt?: number;
  authorization: string | undefined;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Jira's response format: `2025-01-01T02:00:00.000-0800` in the user's zone. */
export function jiraTime(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** A JQL datetime without a zone, `"2025-03-01 10:00"`, as a naive client would write a UTC instant. */
export function zonelessJql(ms: number): string {
  const d = new Date(ms);
  return `"${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}"`;
}

let nextId = 10_000;
export function fakeIssue(updated: number, over: Partial<FakeIssue> = {}): FakeIssue {
  const id = String(nextId++);
  return {
    id,
    key: `PAY-${id}`,
    updated,
    created: updated - 86_400_000,
    resolved: null,
    priority: 'High',
    category: 'indeterminate',
    type: 'Bug',
    account: null,
    tickets: null,
    ...over,
  };
}

export class FakeJira {
  readonly issues = new Map<string, FakeIssue>();
  readonly calls: SearchCall[] = [];
  /** The Jira user's time zone offset (minutes east of UTC): zone-less JQL datetimes are read in it. */
  userOffsetMin = 0;
  /** Runs before each search page is answered (to change data between pages). */
  beforePage: ((call: SearchCall) => void) | undefined;
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  add(...issues: FakeIssue[]): this {
    for (const i of issues) this.issues.set(i.id, i);
    return this;
  }

  /** The `updated >=` bound of a JQL, as an instant. */
  bound(jql: string): number | null {
    const m = /updated >= (\d+|"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})")/.exec(jql);
    if (!m) return null;
    if (m[2] === undefined) return Number(m[1]);
    const local = Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]));
    return local - this.userOffsetMin * 60_000;
  }

  /** What the search index answers for a JQL, in its order. */
  matching(jql: string): FakeIssue[] {
    const since = this.bound(jql) ?? -Infinity;
    return [...this.issues.values()]
      .filter((i) => !i.hidden && i.updated >= since)
      .sort((a, b) => a.updated - b.updated || Number(a.id) - Number(b.id));
  }

  render(issue: FakeIssue, fields: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      issuetype: { name: issue.type, subtask: false },
      priority: issue.priority === null ? null : { name: issue.priority, id: '2' },
      status: { name: 'In Progress', statusCategory: { key: issue.category, id: 4 } },
      created: jiraTime(issue.created, this.userOffsetMin),
      updated: jiraTime(issue.updated, this.userOffsetMin),
      resolutiondate: issue.resolved === null ? null : jiraTime(issue.resolved, this.userOffsetMin),
      customfield_10050: issue.account,
      customfield_10051: issue.tickets,
      summary: 'Customer data must never be stored',
      description: 'Free text that must not reach the store',
    };
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.base}/rest/api/3/issue/${issue.id}`,
      fields: Object.fromEntries(fields.map((f) => [f, all[f]])),
    };
  }

  /** Cloud enhanced search: the token resumes after the last (updated, id) returned. */
  cloudPage(body: Record<string, unknown>, authorization: string | undefined): [number, unknown] {
    const jql = String(body.jql);
    const fields = (body.fields as string[] | undefined) ?? [];
    const maxResults = Number(body.maxResults ?? 50);
    const token = body.nextPageToken as string | undefined;
    const call: SearchCall = {
      jql,
      since: this.bound(jql),
      fields,
      maxResults,
      token,
      authorization,
    };
    this.calls.push(call);
    this.beforePage?.(call);
    let rows = this.matching(jql);
    if (token) {
      const [u, id] = Buffer.from(token, 'base64url').toString().split(':').map(Number) as [number, number];
      rows = rows.filter((i) => i.updated > u || (i.updated === u && Number(i.id) > id));
    }
    const page = rows.slice(0, maxResults);
    const last = page.at(-1);
    const isLast = rows.length <= maxResults;
    return [
      200,
      {
        issues: page.map((i) => this.render(i, fields)),
        isLast,
        ...(isLast || !last
          ? {}
          : { nextPageToken: Buffer.from(`${last.updated}:${last.id}`).toString('base64url') }),
      },
    ];
  }

  dcPage(query: Record<string, string>, authorization: string | undefined): [number, unknown] {
    const jql = query.jql ?? '';
    const fields = (query.fields ?? '').split(',').filter(Boolean);
    const startAt = Number(query.startAt ?? 0);
    const maxResults = Number(query.maxResults ?? 50);
    const call: SearchCall = {
      jql,
      since: this.bound(jql),
      fields,
      maxResults,
      startAt,
      authorization,
    };
    this.calls.push(call);
    this.beforePage?.(call);
    const rows = this.matching(jql);
    return [
      200,
      {
        startAt,
        maxResults,
        total: rows.length,
        issues: rows.slice(startAt, startAt + maxResults).map((i) => this.render(i, fields)),
      },
    ];
  }
}

/** Routes Cloud search and approximate-count to the fake (persistently). nock 15 passes a fetch Request. */
export function serveCloud(fake: FakeJira): void {
  nock(fake.base)
    .persist()
    .post('/rest/api/3/search/jql')
    .reply(async (req: Request) =>
      fake.cloudPage(
        (await req.json()) as Record<string, unknown>,
        req.headers.get('authorization') ?? undefined,
      ),
    )
    .post('/rest/api/3/search/approximate-count')
    .reply(async (req: Request) => [
      200,
      { count: fake.matching(((await req.json()) as { jql: string }).jql).length },
    ]);
}

/** Routes Data Center search to the fake (persistently). */
export function serveDataCenter(fake: FakeJira): void {
  nock(fake.base)
    .persist()
    .get('/rest/api/2/search')
    .query(true)
    .reply((req: Request) =>
      fake.dcPage(
        Object.fromEntries(new URL(req.url).searchParams),
        req.headers.get('authorization') ?? undefined,
      ),
    );
}
