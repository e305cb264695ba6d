import { z } from 'zod';
import { defineRoute } from '../route.ts';

const Healthz = z.object({ status: z.literal('ok') });

/** Liveness: the process answers. Public, for probes. */
export const healthz = defineRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process is up',
  tag: 'health',
  access: 'public',
  responses: { 200: { description: 'up', schema: Healthz } },
  handle: () => ({ status: 200, json: { status: 'ok' } }),
});
