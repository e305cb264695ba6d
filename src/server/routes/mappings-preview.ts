import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { setDigest } from '../mapping-files.ts';
import { defineRoute } from '../route.ts';
import { checkFiles } from './check-files.ts';
import { FilesBody } from './mapping-schemas.ts';

const Preview = z.object({
  digest: z.string(),
  /** The scorecard's what-if report: which accounts' scores and statuses would change. */
  report: z.unknown(),
});

export const mappingsPreview = defineRoute({
  method: 'post',
  path: '/mappings/preview',
  summary: 'What-if: which accounts would change score or status under the proposed files',
  tag: 'mappings',
  access: 'admin',
  body: FilesBody,
  responses: {
    400: {
      description:
        'invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED)',
    },
    200: { description: 'the preview report', schema: Preview },
    422: { description: 'the proposed files are not valid (MAPPINGS_INVALID, details.problems)' },
    503: {
      description:
        'too many validations waiting (VALIDATION_BUSY, with Retry-After), or no configuration loaded',
    },
  },
  handle: async ({ app, body }) => {
    const current = app.mappings.current();
    if (!current) throw new ApiError(503, 'NOT_READY', 'no mapping configuration is loaded');
    const result = await checkFiles(app, body.files);
    if (!result.ok)
      throw new ApiError(422, 'MAPPINGS_INVALID', 'the proposed mappings are not valid', {
        details: { problems: result.problems },
      });
    const report: unknown = await app.preview(current, result.loaded);
    return { status: 200, json: { digest: setDigest(result.loaded), report } };
  },
});
