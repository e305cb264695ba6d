import { PageQuery, defineRoute, page, paged } from '../route.ts';
import { RunView, runView } from './run-view.ts';

export const runsList = defineRoute({
  method: 'get',
  path: '/runs',
  summary: 'Runs, newest first',
  tag: 'runs',
  access: 'viewer',
  query: PageQuery,
  responses: { 200: { description: 'a page of runs', schema: page(RunView) } },
  handle: async ({ app, query }) => {
    const limit = query.limit ?? 50;
    const records = await app.store.runs.list({
      limit,
      ...(query.before === undefined ? {} : { beforeId: query.before }),
    });
    const now = app.clock.now();
    return {
      status: 200,
      json: paged(
        records.map((r) => runView(r, now)),
        limit,
      ),
    };
  },
});
