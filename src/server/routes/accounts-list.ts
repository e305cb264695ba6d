import { z } from 'zod';
import { BROWSE_SORTS } from '../../store/account-browse.ts';
import { HealthStatus } from '../../score/types.ts';
import { defineRoute } from '../route.ts';

const BrowseStatus = z.union([HealthStatus, z.literal('unscored')]);

const Query = z
  .object({
    /** Part of the account name, case-insensitive. */
    q: z.string().max(100).optional(),
    /** Comma-separated statuses: `red,yellow`; `unscored` is an account without a score. */
    status: z
      .string()
      .max(100)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(BrowseStatus))
      .optional(),
    tier: z.string().max(100).optional(),
    owner: z.string().max(100).optional(),
    sort: z.enum(BROWSE_SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'an integer from 1 to 200')
      .transform(Number)
      .pipe(z.number().int().min(1).max(200))
      .optional(),
    offset: z
      .string()
      .regex(/^\d{1,7}$/, 'an integer from 0')
      .transform(Number)
      .optional(),
  })
  .strict();

const AccountRow = z.object({
  accountId: z.string(),
  name: z.string(),
  tier: z.string().nullable(),
  ownerId: z.string().nullable(),
  score: z.number().nullable(),
  status: BrowseStatus,
  trend7d: z.number().nullable(),
  trend30d: z.number().nullable(),
  topDriver: z.string().nullable().describe('The first driver of the latest score (what pulls it down most)'),
});

export const AccountList = z.object({
  total: z.number().int().describe('Accounts every filter selects; `items` is the page of them at `offset`'),
  offset: z.number().int(),
  items: z.array(AccountRow),
  counts: z
    .record(BrowseStatus, z.number().int())
    .describe('Accounts per status, over what the filters other than `status` select'),
  histogram: z
    .array(z.number().int())
    .describe('Scores in ten bins of ten points (the last is 90–100), over the same accounts as `counts`'),
});

export const accountsList = defineRoute({
  method: 'get',
  path: '/accounts',
  summary: 'Accounts with their latest score, status, trend and top driver: filtered, sorted and paged',
  tag: 'accounts',
  access: 'viewer',
  query: Query,
  responses: {
    200: { description: 'a page of accounts, the counts by status and a histogram', schema: AccountList },
  },
  handle: async ({ app, query }) => {
    const sort = query.sort ?? 'score';
    const offset = query.offset ?? 0;
    const page = await app.store.accountBrowse.browse({
      sort,
      // Ascending by default: worst score (or steepest fall) first, names from A.
      order: query.order ?? 'asc',
      limit: query.limit ?? 50,
      offset,
      ...(query.q ? { search: query.q } : {}),
      ...(query.status?.length ? { statuses: query.status } : {}),
      ...(query.tier === undefined ? {} : { tier: query.tier }),
      ...(query.owner === undefined ? {} : { owner: query.owner }),
    });
    return { status: 200, json: { ...page, offset } };
  },
});
