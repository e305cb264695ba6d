import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { IdParams, defineRoute } from '../route.ts';
import { AuditEntryView } from './audit-list.ts';

/** More than any proposal's life has (proposed, a few refused attempts, decided). */
const MAX_ENTRIES = 200;

export const proposalsAudit = defineRoute({
  method: 'get',
  path: '/mappings/proposals/:id/audit',
  summary:
    "One proposal's audit trail, oldest first: created, approved or rejected (and refused attempts), by whom and when",
  tag: 'mappings',
  access: 'admin',
  params: IdParams,
  responses: {
    200: { description: 'the entries', schema: z.object({ items: z.array(AuditEntryView) }) },
    404: { description: 'no such proposal' },
  },
  handle: async ({ app, params }) => {
    const proposal = await app.store.proposals.get(params.id);
    if (!proposal) throw new ApiError(404, 'NOT_FOUND', `no proposal ${params.id}`);
    return {
      status: 200,
      json: { items: await app.store.audit.forTarget(`proposal:${proposal.id}`, MAX_ENTRIES) },
    };
  },
});
