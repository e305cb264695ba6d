/**
 * Write-back state: what each Salesforce field last received and whether Salesforce confirmed it,
 * the write lease, alerts (one row per status drop or signal firing, whose key makes a second Task
 * impossible), the status each account's alerts were last evaluated against, and the fact queries
 * escalation signals need.
 */

import type {
  AlertDetail,
  AlertRow,
  ContactCount,
  DisputeHit,
  RiskTicketHit,
  WrittenValue,
} from '../writeback/types.ts';

export interface LeaseResult {
  acquired: boolean;
  /** The current holder and its expiry when not acquired. */
  holder?: string;
  expiresAt?: number;
}

export interface WritebackRepo {
  /** Confirmed values per account and field (fields never confirmed are absent). */
  confirmed(): Map<string, Record<string, WrittenValue>>;
  /** Salesforce accepted these values (clears any earlier error on those fields). */
  recordConfirmed(accountId: string, values: Record<string, WrittenValue>, at: number): void;
  /** Salesforce refused these values, or they could not be sent; the confirmed value stays. */
  recordFailed(accountId: string, values: Record<string, WrittenValue>, error: string, at: number): void;

  /** Takes the named lease when it is free, expired, or already ours; extends it by `ttlMs`. */
  acquireLease(name: string, owner: string, ttlMs: number, now: number): LeaseResult;
  releaseLease(name: string, owner: string): void;

  /** The status each account's alerts were last evaluated against. */
  alertBaselines(): Map<string, string>;
  setAlertBaseline(accountId: string, status: string, at: number): void;
  /** Inserts a pending alert unless its key exists; true when inserted. */
  insertAlert(row: Omit<AlertRow, 'state' | 'taskId'>): boolean;
  alert(key: string): AlertRow | undefined;
  pendingAlerts(): AlertRow[];
  markAlertCreated(key: string, taskId: string, detail: AlertDetail): void;
  updateAlertDetail(key: string, detail: AlertDetail): void;
  /** When the newest alert of a rule for an account was created. */
  lastAlertAt(rule: string, accountId: string): number | undefined;

  /** Tickets with risk language updated in [since, until), by linked account. */
  riskTickets(since: number, until: number): RiskTicketHit[];
  /** Tickets created and calls started in [since, until), per linked account. */
  contactCounts(since: number, until: number): ContactCount[];
  /** Tickets of a category with an amount of at least `minAmount`, updated in [since, until). */
  disputeTickets(category: string, minAmount: number, since: number, until: number): DisputeHit[];
}
