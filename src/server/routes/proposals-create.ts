import { z } from 'zod';
import { versionWarnings } from '../../config/mappings/version-warnings.ts';
import { ApiError } from '../api-error.ts';
import { baseHashes, setDigest } from '../mapping-files.ts';
import { defineRoute } from '../route.ts';
import { checkFiles } from './check-files.ts';
import { FilesBody, ProposalDetail, proposalDetail } from './mapping-schemas.ts';

const ProposeBody = FilesBody.extend({ note: z.string().max(500).optional() }).strict();

/**
 * A mapping change through the API starts as a proposal: validated at once (an invalid one is
 * refused with every problem and never stored), applied only when a second admin approves it.
 */
export const proposalsCreate = defineRoute({
  method: 'post',
  path: '/mappings/proposals',
  summary: 'Propose a mapping change (a different admin must approve it)',
  tag: 'mappings',
  access: 'admin',
  body: ProposeBody,
  audit: 'mappings.propose',
  responses: {
    400: {
      description:
        'invalid body (VALIDATION_FAILED), or a file refused unread: over 256 KB or an alias bomb (MAPPINGS_REFUSED)',
    },
    201: { description: 'stored as pending', schema: ProposalDetail },
    422: { description: 'not valid (MAPPINGS_INVALID, details.problems): nothing stored' },
    503: {
      description:
        'too many validations waiting (VALIDATION_BUSY, with Retry-After), or no configuration loaded',
    },
  },
  handle: async ({ app, body, actor }) => {
    const current = app.mappings.current();
    if (!current) throw new ApiError(503, 'NOT_READY', 'no mapping configuration is loaded');
    const before = setDigest(current);
    const result = await checkFiles(app, body.files);
    if (!result.ok)
      throw new ApiError(422, 'MAPPINGS_INVALID', 'the proposed mappings are not valid', {
        details: { problems: result.problems },
        audit: {
          beforeDigest: before,
          detail: { files: Object.keys(body.files), problems: result.problems.length },
        },
      });
    const warnings = versionWarnings(current, result.loaded);
    if (warnings.length) app.logger.warn({ warnings, by: actor?.name }, `proposal: ${warnings.join('; ')}`);
    const onDisk = await app.mappings.texts();
    const files = Object.fromEntries(
      Object.entries(body.files).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const proposal = await app.store.proposals.create({
      createdAt: app.clock.now(),
      createdBy: actor?.name ?? 'anonymous',
      note: body.note ?? null,
      files,
      baseHashes: baseHashes(onDisk, files),
      baseDigest: before,
      proposedDigest: setDigest(result.loaded),
      warnings,
    });
    return {
      status: 201,
      headers: { Location: `/mappings/proposals/${proposal.id}` },
      json: proposalDetail(proposal),
      audit: {
        target: `proposal:${proposal.id}`,
        beforeDigest: before,
        afterDigest: proposal.proposedDigest,
        detail: { files: Object.keys(files), ...(warnings.length ? { warnings } : {}) },
      },
    };
  },
});
