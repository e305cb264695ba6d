import { z } from 'zod';
import { versionWarnings } from '../../config/mappings/version-warnings.ts';
import { defineRoute } from '../route.ts';
import { checkFiles } from './check-files.ts';
import { setDigest } from '../mapping-files.ts';
import { FilesBody, Problem } from './mapping-schemas.ts';

const Result = z.union([
  z.object({
    valid: z.literal(true),
    digest: z.string(),
    setDigest: z.string(),
    scorecardVersion: z.string(),
    /** Against the configuration in force, e.g. scorecard.yaml changed but its version did not. */
    warnings: z.array(z.string()),
  }),
  z.object({ valid: z.literal(false), problems: z.array(Problem) }),
]);

/** Checks mapping texts without applying them; files not given are taken from the directory. */
export const mappingsValidate = defineRoute({
  method: 'post',
  path: '/mappings/validate',
  summary:
    'Validate mapping files (every problem, with file, path and line); files not given are read from the directory',
  tag: 'mappings',
  access: 'admin',
  body: FilesBody,
  responses: {
    200: { description: 'valid, or the list of problems', schema: Result },
    400: {
      description:
        'invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED)',
    },
    503: { description: 'too many validations waiting (VALIDATION_BUSY, with Retry-After)' },
  },
  handle: async ({ app, body }) => {
    const result = await checkFiles(app, body.files);
    return {
      status: 200,
      json: result.ok
        ? {
            valid: true,
            digest: result.loaded.digest,
            setDigest: setDigest(result.loaded),
            scorecardVersion: result.loaded.mappings.scorecard.version,
            warnings: versionWarnings(app.mappings.current(), result.loaded),
          }
        : { valid: false, problems: result.problems },
    };
  },
});
