import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { setDigest } from '../mapping-files.ts';
import { defineRoute } from '../route.ts';

const Readyz = z.object({
  status: z.literal('ready'),
  mappings: z.object({
    digest: z.string(),
    scorecardVersion: z.string(),
    /** The last reload, when one failed and the previous configuration stays in force. */
    lastReload: z
      .object({ at: z.number(), origin: z.string(), ok: z.boolean(), problems: z.number() })
      .nullable(),
  }),
});

/**
 * Readiness: the store answers and a valid configuration is in force. A failed reload does not make
 * the service unready: the last good configuration keeps working.
 */
export const readyz = defineRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the store answers and the mappings are loaded',
  tag: 'health',
  access: 'public',
  responses: {
    200: { description: 'ready', schema: Readyz },
    503: { description: 'not ready (error code NOT_READY, details say which part)' },
  },
  handle: async ({ app }) => {
    const store = await app.store.ping();
    const loaded = app.mappings.current();
    if (!store || !loaded)
      throw new ApiError(503, 'NOT_READY', 'not ready', {
        details: { store, mappings: loaded !== undefined },
      });
    const last = app.mappings.lastReload();
    return {
      status: 200,
      json: {
        status: 'ready',
        mappings: {
          digest: setDigest(loaded),
          scorecardVersion: loaded.mappings.scorecard.version,
          lastReload: last
            ? { at: last.at, origin: last.origin, ok: last.ok, problems: last.problems.length }
            : null,
        },
      },
    };
  },
});
