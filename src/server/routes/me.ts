import { z } from 'zod';
import { ROLES } from '../tokens.ts';
import { defineRoute } from '../route.ts';
import { tenantsOf } from '../tenant-scope.ts';

const Me = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  /** The tenants this token may use (one on a single-company install): `/tenants/<id>/...`. */
  tenants: z.array(z.string()),
});

/** Who the token belongs to and its role: the console shows only the controls the role may use. */
export const me = defineRoute({
  method: 'get',
  path: '/me',
  summary: "The caller's name, role and tenants",
  tag: 'health',
  access: 'viewer',
  anyTenant: true,
  responses: { 200: { description: 'the holder of the bearer token', schema: Me } },
  handle: ({ app, actor }) => ({
    status: 200,
    json: {
      name: actor?.name ?? '',
      role: actor?.role ?? 'viewer',
      tenants: actor ? tenantsOf(actor, app.tenant) : [],
    },
  }),
});
