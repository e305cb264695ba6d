import { z } from 'zod';
import { AccountHealth, readAccountHealth } from '../account-health.ts';
import { ApiError } from '../api-error.ts';
import { defineRoute } from '../route.ts';

const Params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an account id') }).strict();
const Query = z
  .object({
    /** Days of history to return (default 90). */
    days: z
      .string()
      .regex(/^\d{1,3}$/, 'an integer from 1 to 400')
      .transform(Number)
      .pipe(z.number().int().min(1).max(400))
      .optional(),
  })
  .strict();

export const accountHealth = defineRoute({
  method: 'get',
  path: '/accounts/:id/health',
  summary: "An account's latest score with its drivers, measures and trend, and its daily history",
  tag: 'accounts',
  access: 'viewer',
  params: Params,
  query: Query,
  responses: {
    200: { description: 'the score and its explanation', schema: AccountHealth },
    404: { description: 'no such account and no score for it' },
  },
  handle: async ({ app, params, query }) => {
    const health = await readAccountHealth(app.store, params.id, {
      historyDays: query.days ?? 90,
      now: app.clock.now(),
    });
    if (!health) throw new ApiError(404, 'NOT_FOUND', `no account ${params.id} and no score for it`);
    return { status: 200, json: health };
  },
});
