import { z } from 'zod';
import type { MappingProposal } from '../../store/proposals.ts';
import { FileTexts } from '../mapping-files.ts';

export const Problem = z.object({
  file: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  line: z.number().optional(),
});

export const FilesBody = z.object({ files: FileTexts }).strict();

export const ProposalSummary = z.object({
  id: z.number(),
  status: z.enum(['pending', 'applied', 'rejected', 'failed']),
  createdAt: z.number(),
  createdBy: z.string(),
  note: z.string().nullable(),
  files: z.array(z.string()),
  baseDigest: z.string(),
  proposedDigest: z.string(),
  decidedAt: z.number().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** E.g. scorecard.yaml changed but its version did not. */
  warnings: z.array(z.string()),
});

export const ProposalDetail = ProposalSummary.extend({
  /** The proposed texts by file name. */
  texts: z.record(z.string(), z.string()),
});

export const proposalSummary = (p: MappingProposal): z.infer<typeof ProposalSummary> => ({
  id: p.id,
  status: p.status,
  createdAt: p.createdAt,
  createdBy: p.createdBy,
  note: p.note,
  files: Object.keys(p.files).sort(),
  baseDigest: p.baseDigest,
  proposedDigest: p.proposedDigest,
  decidedAt: p.decidedAt,
  decidedBy: p.decidedBy,
  reason: p.reason,
  warnings: p.warnings,
});

export const proposalDetail = (p: MappingProposal): z.infer<typeof ProposalDetail> => ({
  ...proposalSummary(p),
  texts: p.files,
});
