import { defineRoute } from '../route.ts';

/** Prometheus text exposition of the service's registry. */
export const metrics = defineRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  tag: 'health',
  access: 'viewer',
  responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain; version=0.0.4' } },
  handle: async ({ app }) => ({
    status: 200,
    text: await app.registry.metrics(),
    contentType: app.registry.contentType,
  }),
});
