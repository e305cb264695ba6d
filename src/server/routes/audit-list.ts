import { z } from 'zod';
import { PageQuery, defineRoute, page, paged } from '../route.ts';

export const AuditEntryView = z.object({
  id: z.number(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditList = defineRoute({
  method: 'get',
  path: '/audit',
  summary:
    'The audit log, newest first: every mutating call, allowed or not; failed authentications (one row per client address and minute); mapping and token reloads',
  tag: 'audit',
  access: 'viewer',
  query: PageQuery,
  responses: { 200: { description: 'a page of entries', schema: page(AuditEntryView) } },
  handle: async ({ app, query }) => {
    const limit = query.limit ?? 50;
    const items = await app.store.audit.list({
      limit,
      ...(query.before === undefined ? {} : { beforeId: query.before }),
    });
    return { status: 200, json: paged(items, limit) };
  },
});
