import { fromProposalRow, type ProposalRow } from '../rows.ts';
import type { MappingProposal, NewProposal, ProposalRepo, ProposalStatus } from '../proposals.ts';
import { type Sqlite, toJson } from './database.ts';

export class SqliteProposals implements ProposalRepo {
  private readonly s: Sqlite;

  constructor(s: Sqlite) {
    this.s = s;
  }

  create(p: NewProposal): Promise<MappingProposal> {
    return this.s.run(() => {
      const res = this.s.db
        .prepare(
          `INSERT INTO mapping_proposals (created_at, created_by, note, status, files, base_hashes, base_digest, proposed_digest, warnings)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
        )
        .run(
          p.createdAt,
          p.createdBy,
          p.note,
          toJson(p.files),
          toJson(p.baseHashes),
          p.baseDigest,
          p.proposedDigest,
          toJson(p.warnings ?? []),
        );
      return this.read(Number(res.lastInsertRowid))!;
    });
  }

  get(id: number): Promise<MappingProposal | undefined> {
    return this.s.run(() => this.read(id));
  }

  list(
    options: { limit?: number; beforeId?: number; status?: ProposalStatus } = {},
  ): Promise<MappingProposal[]> {
    return this.s.run(() => {
      const rows = this.s.db
        .prepare(
          'SELECT * FROM mapping_proposals WHERE id < ? AND (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ?',
        )
        .all(
          options.beforeId ?? Number.MAX_SAFE_INTEGER,
          options.status ?? null,
          options.status ?? null,
          options.limit ?? 50,
        ) as unknown as ProposalRow[];
      return rows.map(fromProposalRow);
    });
  }

  decide(
    id: number,
    decision: { status: Exclude<ProposalStatus, 'pending'>; by: string; at: number; reason?: string },
    from: ProposalStatus = 'pending',
  ): Promise<MappingProposal | undefined> {
    return this.s.run(() => {
      const res = this.s.db
        .prepare(
          'UPDATE mapping_proposals SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND status = ?',
        )
        .run(decision.status, decision.by, decision.at, decision.reason ?? null, id, from);
      return Number(res.changes) === 1 ? this.read(id) : undefined;
    });
  }

  private read(id: number): MappingProposal | undefined {
    const row = this.s.db.prepare('SELECT * FROM mapping_proposals WHERE id = ?').get(id) as
      ProposalRow | undefined;
    return row && fromProposalRow(row);
  }
}
