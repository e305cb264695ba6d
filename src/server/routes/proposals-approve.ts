import { z } from 'zod';
import { versionWarnings } from '../../config/mappings/version-warnings.ts';
import { formatProblem } from '../../errors.ts';
import { ApiError, type AuditNote } from '../api-error.ts';
import type { MappingProposal } from '../../store/proposals.ts';
import { setDigest } from '../mapping-files.ts';
import type { ApplyResult } from '../mappings-holder.ts';
import { IdParams, defineRoute } from '../route.ts';
import { ProposalDetail, proposalDetail } from './mapping-schemas.ts';
import { pendingProposal } from './proposals-reject.ts';

/** 503: the service cannot write its mapping directory (a read-only image path, a volume's owner). */
const notWritable = (dir: string, code: string, outcome: string, audit: AuditNote): ApiError =>
  new ApiError(
    503,
    'MAPPINGS_NOT_WRITABLE',
    `the mapping directory ${dir} cannot be written by this process (${code}); ${outcome}. ` +
      'Point MAPPINGS_DIR at a directory the service may write (the Docker image keeps it on the /data volume).',
    { details: { dir, code }, audit },
  );

const ApproveBody = z.object({ comment: z.string().max(500).optional() }).strict();

const Approved = z.object({
  proposal: ProposalDetail,
  beforeDigest: z.string().nullable(),
  afterDigest: z.string(),
  /** Against the configuration it replaced, e.g. scorecard.yaml changed but its version did not. */
  warnings: z.array(z.string()),
});

/**
 * The second admin's approval applies the proposal: re-validated against the files as they are now,
 * refused if a file it changes was edited since, then written atomically and loaded.
 */
export const proposalsApprove = defineRoute({
  method: 'post',
  path: '/mappings/proposals/:id/approve',
  summary: 'Approve and apply a proposal (a different admin than its author)',
  tag: 'mappings',
  access: 'admin',
  params: IdParams,
  body: ApproveBody,
  audit: 'mappings.approve',
  responses: {
    200: { description: 'applied and loaded', schema: Approved },
    403: { description: 'the author cannot approve their own proposal (SELF_APPROVAL)' },
    404: { description: 'no such proposal' },
    409: { description: 'already decided (PROPOSAL_DECIDED), or a file changed since (PROPOSAL_STALE)' },
    422: { description: 'not valid against the current files (MAPPINGS_INVALID); marked failed' },
    503: {
      description:
        'the mapping directory cannot be written (MAPPINGS_NOT_WRITABLE): nothing applied, the proposal stays pending; or too many validations waiting (VALIDATION_BUSY)',
    },
  },
  handle: async ({ app, params, body, actor }) => {
    const target = `proposal:${params.id}`;
    const proposal = await pendingProposal(app, params.id);
    const by = actor?.name ?? 'anonymous';
    if (proposal.createdBy === by)
      throw new ApiError(403, 'SELF_APPROVAL', 'a different admin must approve this proposal', {
        audit: { target, detail: { reason: 'self-approval' } },
      });
    const current = app.mappings.current();
    const before = current ? setDigest(current) : null;
    // Claiming the proposal (pending → applied) right before the write makes a concurrent reject or
    // second approval lose cleanly instead of racing the files.
    const decision = () => ({
      by,
      at: app.clock.now(),
      ...(body.comment === undefined ? {} : { reason: body.comment }),
    });
    let decided: MappingProposal | undefined;
    let result: ApplyResult;
    try {
      result = await app.mappings.apply(proposal.files, proposal.baseHashes, async () => {
        decided = await app.store.proposals.decide(proposal.id, { status: 'applied', ...decision() });
        return decided !== undefined;
      });
    } catch (err) {
      if (decided)
        await app.store.proposals.decide(
          proposal.id,
          { status: 'failed', by, at: app.clock.now(), reason: 'the files could not be written' },
          'applied',
        );
      // A system call that failed (EACCES, ENOSPC, EROFS, ...) says what the operator must fix.
      const { code, syscall } = err as NodeJS.ErrnoException;
      if (typeof syscall === 'string' && typeof code === 'string')
        throw notWritable(app.mappings.dir, code, 'the proposal is marked failed: propose it again', {
          target,
          beforeDigest: before,
          detail: { reason: 'write-failed', code },
        });
      throw err;
    }
    if (!result.ok) {
      const audit = { target, beforeDigest: before, detail: { reason: result.reason } };
      if (result.reason === 'cancelled')
        throw new ApiError(409, 'PROPOSAL_DECIDED', `proposal ${proposal.id} was decided meanwhile`, {
          audit,
        });
      if (result.reason === 'not-writable')
        throw notWritable(
          app.mappings.dir,
          result.code,
          'nothing was written and the proposal stays pending: approve it again once the directory is writable',
          { ...audit, detail: { reason: result.reason, code: result.code } },
        );
      const reason =
        result.reason === 'stale'
          ? `changed on disk since proposed: ${result.files.join(', ')}`
          : `not valid against the current files: ${result.problems.map(formatProblem).join('; ')}`.slice(
              0,
              1000,
            );
      await app.store.proposals.decide(proposal.id, { status: 'failed', by, at: app.clock.now(), reason });
      if (result.reason === 'stale')
        throw new ApiError(409, 'PROPOSAL_STALE', `propose again: ${reason}`, {
          details: { files: result.files },
          audit,
        });
      throw new ApiError(422, 'MAPPINGS_INVALID', 'the proposal is not valid against the current files', {
        details: { problems: result.problems },
        audit,
      });
    }
    const warnings = versionWarnings(current, result.loaded);
    return {
      status: 200,
      json: {
        proposal: proposalDetail(decided ?? proposal),
        beforeDigest: before,
        afterDigest: result.after,
        warnings,
      },
      audit: {
        target,
        beforeDigest: before,
        afterDigest: result.after,
        detail: {
          files: Object.keys(proposal.files),
          proposedBy: proposal.createdBy,
          ...(warnings.length ? { warnings } : {}),
        },
      },
    };
  },
});
