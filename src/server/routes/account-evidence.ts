import { z } from 'zod';
import { AccountEvidence, readAccountEvidence } from '../account-evidence.ts';
import { ApiError } from '../api-error.ts';
import { defineRoute } from '../route.ts';

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an account id') }).strict();

export const accountEvidence = defineRoute({
  method: 'get',
  path: '/accounts/:id/evidence',
  summary:
    "What stands behind an account's score: its measures' bands, the Tasks health-sync opened, the linked facts (counts and ids, never text) and the CSM override",
  tag: 'accounts',
  access: 'viewer',
  params: Params,
  responses: {
    200: { description: 'bands, Tasks, facts and override', schema: AccountEvidence },
    404: { description: 'no such account' },
  },
  handle: async ({ app, params }) => {
    const evidence = await readAccountEvidence(app.store, app.mappings.current(), params.id, app.clock.now());
    if (!evidence) throw new ApiError(404, 'NOT_FOUND', `no account ${params.id}`);
    return { status: 200, json: evidence };
  },
});
