import { fromProposalRow, type ProposalRow } from '../rows.ts';
import type { MappingProposal, NewProposal, ProposalRepo, ProposalStatus } from '../proposals.ts';
import { type Postgres, toJson } from './database.ts';

export class PostgresProposals implements ProposalRepo {
  private readonly db: Postgres;

  constructor(db: Postgres) {
    this.db = db;
  }

  async create(p: NewProposal): Promise<MappingProposal> {
    const [row] = await this.db.query<ProposalRow>(
      `INSERT INTO mapping_proposals (created_at, created_by, note, status, files, base_hashes, base_digest, proposed_digest, warnings)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8) RETURNING *`,
      [
        p.createdAt,
        p.createdBy,
        p.note,
        toJson(p.files),
        toJson(p.baseHashes),
        p.baseDigest,
        p.proposedDigest,
        toJson(p.warnings ?? []),
      ],
    );
    return fromProposalRow(row!);
  }

  async get(id: number): Promise<MappingProposal | undefined> {
    const [row] = await this.db.query<ProposalRow>('SELECT * FROM mapping_proposals WHERE id = $1', [id]);
    return row && fromProposalRow(row);
  }

  async list(
    options: { limit?: number; beforeId?: number; status?: ProposalStatus } = {},
  ): Promise<MappingProposal[]> {
    const rows = await this.db.query<ProposalRow>(
      'SELECT * FROM mapping_proposals WHERE id < $1 AND ($2::text IS NULL OR status = $2) ORDER BY id DESC LIMIT $3',
      [options.beforeId ?? Number.MAX_SAFE_INTEGER, options.status ?? null, options.limit ?? 50],
    );
    return rows.map(fromProposalRow);
  }

  async decide(
    id: number,
    decision: { status: Exclude<ProposalStatus, 'pending'>; by: string; at: number; reason?: string },
    from: ProposalStatus = 'pending',
  ): Promise<MappingProposal | undefined> {
    const [row] = await this.db.query<ProposalRow>(
      'UPDATE mapping_proposals SET status = $1, decided_by = $2, decided_at = $3, reason = $4 WHERE id = $5 AND status = $6 RETURNING *',
      [decision.status, decision.by, decision.at, decision.reason ?? null, id, from],
    );
    return row && fromProposalRow(row);
  }
}
