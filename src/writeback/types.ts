/**
 * The write-back's shapes, shared by the pure plan, the store (confirmed values, alert rows) and the
 * Salesforce connector (updates, outcomes, Tasks), which import them as types only.
 */

/** A value written to a Salesforce field, as compared and stored (canonical: see values.ts). */
export type WrittenValue = string | number | null;

/** A value a Salesforce record field takes on the wire. */
export type FieldScalar = string | number | boolean | null;

/** What the plan needs to know about one Salesforce field (from its describe). */
export interface FieldInfo {
  name: string;
  type: string;
  updateable: boolean;
  length: number;
  scale: number;
  picklistValues: string[];
  restrictedPicklist: boolean;
}

/** Fields by lower-case API name (Salesforce names are case-insensitive). */
export type FieldIndex = ReadonlyMap<string, FieldInfo>;

/** An update of some fields of one record. */
export interface RecordUpdate {
  id: string;
  fields: Record<string, FieldScalar>;
}

export interface RecordError {
  code: string;
  message: string;
  fields: string[];
}

/** What Salesforce said about one record of a write. */
export interface RecordOutcome {
  /** The record id sent (updates) or created (inserts; null when the insert failed). */
  id: string | null;
  success: boolean;
  errors: RecordError[];
  /** Why a record that failed for a passing reason was not sent again (the writer gave up on it). */
  notRetried?: string;
}

export type AlertState = 'pending' | 'created';

/** The Task an alert opens, fixed when the alert is detected so that a rerun sends the same one. */
export interface AlertTask {
  subject: string;
  description: string;
  ownerId: string | null;
  priority: string;
  status: string;
  activityDate: string;
}

export interface AlertDetail {
  task: AlertTask;
  /** The Subject prefix the Task carries: a rerun looks for it by this prefix and the key in Description. */
  subjectPrefix: string;
  /** Create requests sent so far: above 0, a rerun first looks for the Task in Salesforce. */
  attempts: number;
  lastError: string | null;
}

export interface AlertRow {
  key: string;
  accountId: string;
  /** `status_drop` or `signal:<name>`. */
  rule: string;
  windowStart: number;
  createdAt: number;
  state: AlertState;
  taskId: string | null;
  detail: AlertDetail;
}

/** The facts escalation signals read, as the store answers them. */
export interface RiskTicketHit {
  accountId: string;
  ticketId: string;
}
export interface ContactCount {
  accountId: string;
  tickets: number;
  calls: number;
}
export interface DisputeHit {
  accountId: string;
  ticketId: string;
  amount: number;
}

/**
 * One `Health_Snapshot__c` row: an account's score in one completed ISO week (the score of the
 * week's last stored day), upserted on `key` (`<18-char Account Id>-<YYYY-Www>`).
 */
export interface SnapshotRow {
  key: string;
  accountId: string;
  /** ISO week, `2026-W49`. */
  week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  weekStart: string;
  score: number | null;
  status: string;
  scorecardVersion: string;
  rebuilt: boolean;
}
