/**
 * Mapping changes proposed through the admin API. A proposal applies only when a second admin
 * approves it; `pending` is the only state that can change, and it changes once.
 */
export type ProposalStatus = 'pending' | 'applied' | 'rejected' | 'failed';

export interface MappingProposal {
  id: number;
  createdAt: number;
  createdBy: string;
  note: string | null;
  status: ProposalStatus;
  /** The proposed texts, by file name (`scorecard.yaml`); files not named stay as they are. */
  files: Record<string, string>;
  /** SHA-256 of each named file on disk when proposed (null: the file did not exist). */
  baseHashes: Record<string, string | null>;
  /** Digest of the mapping set in force when proposed, and of the set the proposal would make. */
  baseDigest: string;
  proposedDigest: string;
  decidedAt: number | null;
  decidedBy: string | null;
  /** Why it was rejected or failed to apply. */
  reason: string | null;
  /** What the author was warned of when proposing (e.g. a scorecard changed under the same version). */
  warnings: string[];
}

export type NewProposal = Pick<
  MappingProposal,
  'createdAt' | 'createdBy' | 'note' | 'files' | 'baseHashes' | 'baseDigest' | 'proposedDigest'
> & { warnings?: string[] };

export interface ProposalRepo {
  create(p: NewProposal): Promise<MappingProposal>;
  get(id: number): Promise<MappingProposal | undefined>;
  list(options?: { limit?: number; beforeId?: number; status?: ProposalStatus }): Promise<MappingProposal[]>;
  /**
   * Moves a proposal from `from` (default pending) to its final state; returns undefined when it is
   * not in `from` any more (another admin decided first), so two decisions can never both win.
   * (`from: 'applied'` only serves to mark an approval whose files could not be written as failed.)
   */
  decide(
    id: number,
    decision: { status: Exclude<ProposalStatus, 'pending'>; by: string; at: number; reason?: string },
    from?: ProposalStatus,
  ): Promise<MappingProposal | undefined>;
}
