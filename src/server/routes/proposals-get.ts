import { ApiError } from '../api-error.ts';
import { IdParams, defineRoute } from '../route.ts';
import { ProposalDetail, proposalDetail } from './mapping-schemas.ts';

export const proposalsGet = defineRoute({
  method: 'get',
  path: '/mappings/proposals/:id',
  summary: 'One mapping proposal with its texts',
  tag: 'mappings',
  access: 'admin',
  params: IdParams,
  responses: {
    200: { description: 'the proposal', schema: ProposalDetail },
    404: { description: 'no such proposal' },
  },
  handle: async ({ app, params }) => {
    const proposal = await app.store.proposals.get(params.id);
    if (!proposal) throw new ApiError(404, 'NOT_FOUND', `no proposal ${params.id}`);
    return { status: 200, json: proposalDetail(proposal) };
  },
});
