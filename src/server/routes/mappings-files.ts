import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { filesOf, setDigest } from '../mapping-files.ts';
import { defineRoute } from '../route.ts';

const Files = z.object({
  /** The digest of what is in force (a proposal records it as its base). */
  digest: z.string(),
  files: z.record(z.string(), z.string()).describe('The mapping files on disk by file name'),
});

/**
 * The mapping files as they are now: the starting point of an edit (before it, ops had no way to
 * fetch them through the API) and the left side of a proposal's diff.
 */
export const mappingsFiles = defineRoute({
  method: 'get',
  path: '/mappings/files',
  summary: 'The mapping files in the directory now, by file name',
  tag: 'mappings',
  access: 'admin',
  responses: {
    200: { description: 'the texts', schema: Files },
    503: { description: 'no configuration loaded (NOT_READY)' },
  },
  handle: async ({ app }) => {
    const current = app.mappings.current();
    if (!current) throw new ApiError(503, 'NOT_READY', 'no mapping configuration is loaded');
    return { status: 200, json: { digest: setDigest(current), files: filesOf(await app.mappings.texts()) } };
  },
});
