import { z } from 'zod';
import { ROLES } from '../tokens.ts';
import { defineRoute } from '../route.ts';

const Me = z.object({ name: z.string(), role: z.enum(ROLES) });

/** Who the token belongs to and its role: the console shows only the controls the role may use. */
export const me = defineRoute({
  method: 'get',
  path: '/me',
  summary: "The caller's name and role",
  tag: 'health',
  access: 'viewer',
  responses: { 200: { description: 'the holder of the bearer token', schema: Me } },
  handle: ({ actor }) => ({ status: 200, json: { name: actor?.name ?? '', role: actor?.role ?? 'viewer' } }),
});
