import { AccountScore, type HealthStatus } from '../score/types.ts';
import type { AlertDetail, AlertRow, AlertState } from '../writeback/types.ts';
import type { MappingProposal, ProposalStatus } from './proposals.ts';
import type { ScoreSnapshot } from './scores.ts';
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

export interface SnapshotRow {
  account_id: string;
  day: string;
  score: number | null;
  status: HealthStatus;
  scorecard_version: string;
  rebuilt: number;
}

export const fromSnapshotRow = (r: SnapshotRow): ScoreSnapshot => ({
  accountId: r.account_id,
  day: r.day,
  score: r.score,
  status: r.status,
  scorecardVersion: r.scorecard_version,
  rebuilt: r.rebuilt === 1,
});

/** The scores' detail column holds the whole AccountScore as JSON, validated on the way back in. */
export const parseScoreDetail = (detail: string): AccountScore => AccountScore.parse(JSON.parse(detail));

export interface AlertSqlRow {
  key: string;
  account_id: string;
  rule: string;
  window_start: number;
  created_at: number;
  state: AlertState;
  task_id: string | null;
  detail: string;
}

export const fromAlertRow = (r: AlertSqlRow): AlertRow => ({
  key: r.key,
  accountId: r.account_id,
  rule: r.rule,
  windowStart: r.window_start,
  createdAt: r.created_at,
  state: r.state,
  taskId: r.task_id,
  detail: fromJson<AlertDetail>(r.detail, {
    task: {} as AlertDetail['task'],
    subjectPrefix: '',
    attempts: 0,
    lastError: null,
  }),
});
