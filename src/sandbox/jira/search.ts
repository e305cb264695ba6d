import type { Request, Response } from 'express';
import { sendMalformed } from '../common/faults.ts';
import { originOf, type SimContext } from '../common/sim-context.ts';
import type { IssueModel } from '../dataset/issues.ts';
import { labelCode } from '../dataset/prng.ts';
import type { StreamKey } from '../dataset/stream.ts';
import { compileCondition, updatedLowerBound, type IssuePredicate } from './jql-eval.ts';
import { JqlError, parseJql, type JqlQuery } from './jql.ts';
import { issueJson, selectFields } from './records.ts';

/**
 * POST /rest/api/3/search/jql (and its GET form): Jira Cloud's enhanced search.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 * Token paging without a total; pages of at most 100 issues when fields are requested (5,000 for
 * ids only); eventually consistent: a change becomes searchable only `lag` seconds after it happened.
 * An issue exists from its creation and is matched and returned with its fields as of the clock (less
 * the lag): to do from its creation, done from its resolution (dataset/issue-versions.ts).
 */
export interface SearchOptions {
  timeZone: string;
  /** Search index lag in seconds when no lag fault is set. */
  lagSeconds: number;
}

export const jiraError = (res: Response, status: number, message: string): void =>
  void res.status(status).json({ errorMessages: [message], errors: {} });

interface Token {
  h: number;
  t?: number;
  i?: number;
  o?: number;
}

const encodeToken = (t: Token): string => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(raw: string): Token | null {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Token;
    return typeof t.h === 'number' ? t : null;
  } catch {
    return null;
  }
}

interface Prepared {
  query: JqlQuery;
  match: IssuePredicate;
  bound: number | null;
  cutoff: number;
}

function prepare(ctx: SimContext, o: SearchOptions, jql: string, res: Response): Prepared | null {
  try {
    const query = parseJql(jql);
    if (!query.where)
      return (
        jiraError(
          res,
          400,
          'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
        ),
        null
      );
    const now = ctx.clock.now();
    const ev = { timeZone: o.timeZone, now };
    const lag = ctx.faults.config().lagSeconds ?? o.lagSeconds;
    return {
      query,
      match: compileCondition(query.where, ev),
      bound: updatedLowerBound(query.where, ev),
      cutoff: now - lag * 1000,
    };
  } catch (err) {
    if (err instanceof JqlError) return (jiraError(res, 400, err.message), null);
    throw err;
  }
}

/** Matching issues in the query's order, from a position; streams when the order is by updated. */
function* matches(
  ctx: SimContext,
  p: Prepared,
  from: StreamKey | null,
  offset: number,
): Generator<{ issue: IssueModel; key: StreamKey }> {
  const issues = ctx.dataset.issues;
  const order = p.query.orderBy[0] ?? { field: 'updated', direction: 'desc' as const };
  if (order.field === 'updated') {
    const asc = order.direction === 'asc';
    const start = from ?? (asc && p.bound !== null ? { time: p.bound, index: -1 } : null);
    for (const e of asc ? issues.forward(start, p.cutoff) : issues.backward(start, p.cutoff)) {
      if (!asc && p.bound !== null && e.key.time < p.bound) return;
      const issue = e.model();
      if (p.match(issue)) yield { issue, key: e.key };
    }
    return;
  }
  // Other orders: collect and sort (small: a few thousand issues per account book).
  const all: IssueModel[] = [];
  for (const e of issues.forward(null, p.cutoff)) {
    const issue = e.model();
    if (p.match(issue)) all.push(issue);
  }
  const value = (i: IssueModel): number =>
    order.field === 'created' ? i.created : order.field === 'resolved' ? (i.resolved ?? 0) : i.index;
  all.sort((a, b) => (value(a) - value(b)) * (order.direction === 'asc' ? 1 : -1) || a.index - b.index);
  for (const issue of all.slice(offset)) yield { issue, key: { time: issue.updated, index: issue.index } };
}

function readParams(req: Request): {
  jql: string;
  fields: string[] | undefined;
  maxResults: number;
  token: string | undefined;
} {
  const src = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, unknown>;
  const fields = src['fields'];
  return {
    jql: typeof src['jql'] === 'string' ? src['jql'] : '',
    fields: Array.isArray(fields) ? fields.map(String) : typeof fields === 'string' ? [fields] : undefined,
    maxResults: src['maxResults'] === undefined ? 50 : Number(src['maxResults']),
    token: typeof src['nextPageToken'] === 'string' ? src['nextPageToken'] : undefined,
  };
}

export function searchJql(ctx: SimContext, o: SearchOptions) {
  return (req: Request, res: Response): void => {
    const params = readParams(req);
    const p = prepare(ctx, o, params.jql, res);
    if (!p) return;
    const h = labelCode(params.jql);
    const token = params.token === undefined ? null : decodeToken(params.token);
    if (params.token !== undefined && (!token || token.h !== h))
      return jiraError(res, 400, 'The provided next page token is invalid or expired.');
    const fields = selectFields(params.fields);
    const cap = fields.size ? 100 : 5000;
    const size = Math.max(1, Math.min(cap, Number.isFinite(params.maxResults) ? params.maxResults : 50));
    const from = token?.t !== undefined ? { time: token.t, index: token.i ?? 0 } : null;
    const offset = token?.o ?? 0;
    const page: IssueModel[] = [];
    let lastKey: StreamKey | null = null;
    let more = false;
    for (const m of matches(ctx, p, from, offset)) {
      if (page.length === size) {
        more = true;
        break;
      }
      page.push(m.issue);
      lastKey = m.key;
    }
    const origin = originOf(req);
    const sortedByUpdated = (p.query.orderBy[0]?.field ?? 'updated') === 'updated';
    const body: Record<string, unknown> = {
      issues: page.map((i) => issueJson(i, fields, origin, o.timeZone)),
      isLast: !more,
    };
    if (more && lastKey)
      body['nextPageToken'] = encodeToken(
        sortedByUpdated ? { h, t: lastKey.time, i: lastKey.index } : { h, o: offset + size },
      );
    if (ctx.faults.malformThisPage()) return sendMalformed(res, body);
    res.json(body);
  };
}

/** POST /rest/api/3/search/approximate-count: {jql} → {count}. */
export function approximateCount(ctx: SimContext, o: SearchOptions) {
  return (req: Request, res: Response): void => {
    const jql =
      typeof (req.body as Record<string, unknown> | undefined)?.['jql'] === 'string'
        ? String((req.body as Record<string, unknown>)['jql'])
        : '';
    const p = prepare(ctx, o, jql, res);
    if (!p) return;
    let count = 0;
    for (const _ of matches(ctx, p, null, 0)) count++;
    res.json({ count });
  };
}
