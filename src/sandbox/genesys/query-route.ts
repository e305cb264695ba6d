import type { Request, Response } from 'express';
import { sendMalformed } from '../common/faults.ts';
import type { SimContext } from '../common/sim-context.ts';
import { genesysError } from './errors.ts';
import { conversationJson } from './records.ts';
import { QueryError, QueryShape, selectConversations, validateFilters, type Selection } from './select.ts';

/**
 * POST /api/v2/analytics/conversations/details/query
 * https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/conversation-query
 * Page-number paging (pageSize up to 100, default 25), totalHits, and the hard limit: a query
 * cannot page past 100,000 results. With no results the response is just {"totalHits": 0}.
 */
export const MAX_RESULTS = 100_000;

export function detailsQuery(ctx: SimContext, lagMs: () => number) {
  // The selection of a query is reused while its pages are read (same query, same minute).
  const cache = new Map<string, Selection>();
  return (req: Request, res: Response): void => {
    const parsed = QueryShape.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return genesysError(res, 400, 'bad.request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const q = parsed.data;
    const pageSize = q.paging?.pageSize ?? 25;
    const pageNumber = q.paging?.pageNumber ?? 1;
    if (pageSize < 1 || pageSize > 100)
      return genesysError(res, 400, 'constraint.validation', 'paging.pageSize must be between 1 and 100');
    if (pageNumber < 1)
      return genesysError(res, 400, 'constraint.validation', 'paging.pageNumber must be at least 1');
    if (pageSize * pageNumber > MAX_RESULTS)
      return genesysError(res, 400, 'bad.request', `Pagination may not exceed ${MAX_RESULTS} results.`);
    const now = ctx.clock.now();
    let selection: Selection;
    try {
      validateFilters(q);
      const key = JSON.stringify([
        { ...q, paging: undefined },
        Math.floor(now / 60_000),
        ctx.dataset.calls.total(),
      ]);
      selection = cache.get(key) ?? selectConversations(ctx.dataset, q, now, lagMs());
      if (cache.size > 16) cache.clear();
      cache.set(key, selection);
    } catch (err) {
      if (err instanceof QueryError) return genesysError(res, 400, err.code, err.message);
      throw err;
    }
    const page = selection.indexes.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const body: Record<string, unknown> = { totalHits: selection.indexes.length };
    if (page.length) body['conversations'] = page.map((i) => conversationJson(ctx.dataset.calls.latest(i)!));
    if (ctx.faults.malformThisPage()) return sendMalformed(res, body);
    res.json(body);
  };
}
