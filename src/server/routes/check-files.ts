import type { MappingTexts, MappingValidation } from '../../config/mappings/load.ts';
import { formatProblem } from '../../errors.ts';
import { ApiError } from '../api-error.ts';
import type { AppContext } from '../deps.ts';
import type { FileTexts } from '../mapping-files.ts';

/**
 * Validates the request's files over the directory's others (in the validation worker). A file that
 * was refused unread (over the size limit, an alias bomb) is a bad request, not a list of problems:
 * 400 MAPPINGS_REFUSED naming the file.
 */
export async function checkFiles(
  app: AppContext,
  files: FileTexts,
): Promise<MappingValidation & { texts: MappingTexts }> {
  const result = await app.mappings.check(files);
  if (!result.ok && result.refused?.length)
    throw new ApiError(400, 'MAPPINGS_REFUSED', result.refused.map(formatProblem).join('; '), {
      details: { problems: result.refused },
      audit: { detail: { refused: result.refused.map((p) => p.file) } },
    });
  return result;
}
