import type { MappingProposal, ProposalStatus } from './proposals.ts';
import type { AuditEntry, RunRecord, RunStatus } from './store.ts';

/**
 * Rows as both stores keep them (the same columns in SQLite and Postgres) and the records they
 * become, so the two implementations cannot read a row differently.
 */

export const toJson = (v: unknown): string => JSON.stringify(v);
export const fromJson = <T>(s: string | null | undefined, fallback: T): T =>
  s == null ? fallback : (JSON.parse(s) as T);

export interface RunRow {
  id: number;
  trigger: string;
  started_at: number;
  ended_at: number | null;
  status: RunStatus;
  options: string;
  stats: string;
  error: string | null;
}

export const fromRunRow = (r: RunRow): RunRecord => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  status: r.status,
  options: fromJson(r.options, {}),
  stats: fromJson(r.stats, {}),
  error: r.error,
});

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: string;
}

export const fromAuditRow = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  beforeDigest: r.before_digest,
  afterDigest: r.after_digest,
  detail: fromJson(r.detail, {}),
});

export interface ProposalRow {
  id: number;
  created_at: number;
  created_by: string;
  note: string | null;
  status: ProposalStatus;
  files: string;
  base_hashes: string;
  base_digest: string;
  proposed_digest: string;
  decided_at: number | null;
  decided_by: string | null;
  reason: string | null;
  warnings: string;
}

export const fromProposalRow = (r: ProposalRow): MappingProposal => ({
  id: r.id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  note: r.note,
  status: r.status,
  files: fromJson(r.files, {}),
  baseHashes: fromJson(r.base_hashes, {}),
  baseDigest: r.base_digest,
  proposedDigest: r.proposed_digest,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  reason: r.reason,
  warnings: fromJson(r.warnings, []),
});
