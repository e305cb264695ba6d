import { z } from 'zod';
import type { MappingProposal } from '../../store/proposals.ts';
import { ApiError } from '../api-error.ts';
import type { AppContext } from '../deps.ts';
import { IdParams, defineRoute } from '../route.ts';
import { ProposalDetail, proposalDetail } from './mapping-schemas.ts';

const RejectBody = z.object({ reason: z.string().max(500).optional() }).strict();

/** The proposal, if it exists and is still pending (404 / 409 otherwise). */
export async function pendingProposal(app: AppContext, id: number): Promise<MappingProposal> {
  const proposal = await app.store.proposals.get(id);
  const target = `proposal:${id}`;
  if (!proposal) throw new ApiError(404, 'NOT_FOUND', `no proposal ${id}`, { audit: { target } });
  if (proposal.status !== 'pending')
    throw new ApiError(409, 'PROPOSAL_DECIDED', `proposal ${id} is already ${proposal.status}`, {
      details: { status: proposal.status },
      audit: { target },
    });
  return proposal;
}

export const proposalsReject = defineRoute({
  method: 'post',
  path: '/mappings/proposals/:id/reject',
  summary: 'Reject a pending proposal (any admin, its author included); it can never apply afterwards',
  tag: 'mappings',
  access: 'admin',
  params: IdParams,
  body: RejectBody,
  audit: 'mappings.reject',
  responses: {
    200: { description: 'rejected', schema: ProposalDetail },
    404: { description: 'no such proposal' },
    409: { description: 'already decided (PROPOSAL_DECIDED)' },
  },
  handle: async ({ app, params, body, actor }) => {
    const proposal = await pendingProposal(app, params.id);
    const decided = await app.store.proposals.decide(proposal.id, {
      status: 'rejected',
      by: actor?.name ?? 'anonymous',
      at: app.clock.now(),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
    });
    if (!decided) throw new ApiError(409, 'PROPOSAL_DECIDED', `proposal ${params.id} was decided meanwhile`);
    return {
      status: 200,
      json: proposalDetail(decided),
      audit: { target: `proposal:${proposal.id}`, detail: { proposedBy: proposal.createdBy } },
    };
  },
});
