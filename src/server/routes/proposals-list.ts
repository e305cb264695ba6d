import { z } from 'zod';
import { PageQuery, defineRoute, page, paged } from '../route.ts';
import { ProposalSummary, proposalSummary } from './mapping-schemas.ts';

const Query = PageQuery.extend({
  status: z.enum(['pending', 'applied', 'rejected', 'failed']).optional(),
}).strict();

export const proposalsList = defineRoute({
  method: 'get',
  path: '/mappings/proposals',
  summary: 'Mapping proposals, newest first',
  tag: 'mappings',
  access: 'admin',
  query: Query,
  responses: {
    200: { description: 'a page of proposals (without their texts)', schema: page(ProposalSummary) },
  },
  handle: async ({ app, query }) => {
    const limit = query.limit ?? 50;
    const items = await app.store.proposals.list({
      limit,
      ...(query.before === undefined ? {} : { beforeId: query.before }),
      ...(query.status === undefined ? {} : { status: query.status }),
    });
    return { status: 200, json: paged(items.map(proposalSummary), limit) };
  },
});
